import { type DragEvent, useId, useRef, useState } from 'react';

/** Drag a file here, or use the ordinary file input (which is also the keyboard path). */
export function DropZone({ file, onFile }: { file: File | null; onFile: (f: File | null) => void }) {
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
      data-testid="dropzone"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <p>
        Drop a CSV, Excel (.xlsx) or Tally XML file here, or{' '}
        <label htmlFor={id} className="link">
          choose a file
        </label>
        .
      </p>
      <input
        id={id}
        ref={input}
        type="file"
        accept=".csv,.txt,.xlsx,.xml,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/xml,application/xml"
        onChange={(e) => onFile(e.target.files?.[0] ?? null)}
        aria-label="File to import"
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
