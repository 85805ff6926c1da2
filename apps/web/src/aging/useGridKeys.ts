import { type FocusEvent, type KeyboardEvent, useState } from 'react';

/**
 * Cell-by-cell keyboard movement for a report table (the ARIA grid pattern): arrows move,
 * Home/End go to the row's ends, Ctrl+Home/End to the corners, PageUp/PageDown jump ten rows,
 * Enter or Space activates. Only one cell is in the tab order, so Tab leaves the table in one
 * step however large it is. Cells carry data-r and data-c.
 */
export function useGridKeys(
  rows: number,
  cols: number,
  onActivate: (r: number, c: number, cell: HTMLElement) => void,
) {
  const [active, setActive] = useState<[number, number]>([0, 0]);
  // The table can shrink under the cursor (another grouping): fall back to the first cell.
  const [ar, ac] = active[0] < rows && active[1] < cols ? active : [0, 0];

  const cellOf = (target: EventTarget | null) =>
    (target as HTMLElement | null)?.closest<HTMLElement>('[data-r][data-c]') ?? null;
  const posOf = (cell: HTMLElement): [number, number] => [Number(cell.dataset.r), Number(cell.dataset.c)];

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const cell = cellOf(event.target);
    if (!cell || event.altKey || event.metaKey) return;
    let [r, c] = posOf(cell);
    const ctrl = event.ctrlKey;
    switch (event.key) {
      case 'ArrowDown':
        r = Math.min(rows - 1, r + 1);
        break;
      case 'ArrowUp':
        r = Math.max(0, r - 1);
        break;
      case 'ArrowRight':
        c = Math.min(cols - 1, c + 1);
        break;
      case 'ArrowLeft':
        c = Math.max(0, c - 1);
        break;
      case 'Home':
        c = 0;
        if (ctrl) r = 0;
        break;
      case 'End':
        c = cols - 1;
        if (ctrl) r = rows - 1;
        break;
      case 'PageDown':
        r = Math.min(rows - 1, r + 10);
        break;
      case 'PageUp':
        r = Math.max(0, r - 10);
        break;
      case 'Enter':
      case ' ':
        if (ctrl) return;
        event.preventDefault();
        onActivate(r, c, cell);
        return;
      default:
        return;
    }
    event.preventDefault();
    const next = event.currentTarget.querySelector<HTMLElement>(`[data-r="${r}"][data-c="${c}"]`);
    next?.focus();
    next?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  };

  const onFocus = (event: FocusEvent<HTMLElement>) => {
    const cell = cellOf(event.target);
    if (!cell) return;
    const at = posOf(cell);
    if (at[0] !== ar || at[1] !== ac) setActive(at);
  };

  const tabIndex = (r: number, c: number) => (r === ar && c === ac ? 0 : -1);
  return { gridProps: { onKeyDown, onFocus }, tabIndex };
}
