import { type DragEvent, useId, useRef, useState } from 'react';

const IMPORT_ACCEPT =
  '.csv,.txt,.xlsx,.xml,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/xml,application/xml';

/**
 * Drag a file here, or use the ordinary file input (which is also the keyboard path).
 * Defaults are the data import's; the bank workbench passes its own for statements.
 */
export function DropZone({
  file = null,
  onFile,
  accept = IMPORT_ACCEPT,
  prompt = 'Drop a CSV, Excel (.xlsx) or Tally XML file here',
  inputLabel = 'File to import',
  testId = 'dropzone',
  disabled = false,
  reselect = false,
}: {
  /** The chosen file, shown under the input; leave out to show nothing. */
  file?: File | null;
  onFile: (f: File | null) => void;
  accept?: string;
  /** What to drop, before ", or choose a file." */
  prompt?: string;
  inputLabel?: string;
  testId?: string;
  disabled?: boolean;
  /** The same file chosen twice fires twice (the input is cleared on each click). */
  reselect?: boolean;
}) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const dropped = e.dataTransfer.files[0];
    if (dropped) onFile(dropped);
  };
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: dropping is a mouse shortcut; the file input is the keyboard path
    <div
      className={`dropzone ${over ? 'over' : ''}`}
      data-testid={testId}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <p>
        {prompt}, or{' '}
        <label htmlFor={id} className="link">
          choose a file
        </label>
        .
      </p>
      <input
        id={id}
        ref={input}
        type="file"
        accept={accept}
        disabled={disabled}
        aria-label={inputLabel}
        onClick={(e) => {
          if (reselect) e.currentTarget.value = '';
        }}
        onChange={(e) => onFile(e.target.files?.[0] ?? null)}
      />
      {file && (
        <p className="muted" data-testid="chosen-file">
          {file.name} · {formatSize(file.size)}
        </p>
      )}
    </div>
  );
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
