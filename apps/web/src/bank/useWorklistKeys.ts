import { useEffect, useRef } from 'react';

export interface WorklistKeys {
  move: (delta: number) => void;
  accept: () => void;
  park: () => void;
  ignore: () => void;
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'file'].includes(
    (target as HTMLInputElement).type,
  );
}

/**
 * The workbench's one-key actions: j/k or ↑/↓ move, Enter or a accepts, p parks, i ignores.
 * Listened for on the document, which hears keys before the shell's window listener, so a key
 * that finishes a "g" sequence (g a = Aging) is left to the shell rather than taken as accept.
 */
export function useWorklistKeys(keys: WorklistKeys) {
  const current = useRef(keys);
  current.current = keys;
  useEffect(() => {
    let pendingG = 0;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTyping(event.target) || document.querySelector('dialog[open]')) return;
      if (event.key === 'g') {
        pendingG = Date.now();
        return;
      }
      if (pendingG && Date.now() - pendingG < 1000) {
        pendingG = 0;
        return;
      }
      const target = event.target as HTMLElement;
      // Enter on a button or link is that control's own action; on a row or the page it accepts.
      const onControl = Boolean(target.closest('button, a, summary, [role=tab]'));
      const k = current.current;
      let handled = true;
      if (event.key === 'j' || event.key === 'ArrowDown') k.move(1);
      else if (event.key === 'k' || event.key === 'ArrowUp') k.move(-1);
      else if (event.key === 'a' || (event.key === 'Enter' && !onControl)) k.accept();
      else if (event.key === 'p') k.park();
      else if (event.key === 'i') k.ignore();
      else handled = false;
      if (handled) event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
