import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';

/** A file to import: on disk (large uploads, the CLI) or in memory (small uploads, tests). */
export interface ImportSource {
  path?: string;
  buffer?: Buffer;
  fileName: string;
}

export interface ProgressInfo {
  bytesRead: number;
  totalBytes: number;
}

const CHUNK = 256 * 1024;

/**
 * Random access for sniffing (the first bytes, a ZIP's directory at the end) and one counting
 * stream for the real read, so progress is the share of the file's bytes consumed so far.
 */
export class OpenedSource {
  bytesRead = 0;

  private constructor(
    readonly source: ImportSource,
    readonly size: number,
    private readonly onProgress?: (progress: ProgressInfo) => void,
  ) {}

  static async open(
    source: ImportSource,
    onProgress?: (progress: ProgressInfo) => void,
  ): Promise<OpenedSource> {
    if (source.buffer) return new OpenedSource(source, source.buffer.length, onProgress);
    if (!source.path) throw new TypeError('an import source needs a path or a buffer');
    const info = await stat(source.path);
    return new OpenedSource(source, info.size, onProgress);
  }

  /** Up to `length` bytes from `offset`, without disturbing the main stream. */
  async readAt(offset: number, length: number): Promise<Buffer> {
    const end = Math.min(this.size, offset + length);
    if (offset >= end) return Buffer.alloc(0);
    if (this.source.buffer) return this.source.buffer.subarray(offset, end);
    const handle = await open(this.source.path!, 'r');
    try {
      const buffer = Buffer.alloc(end - offset);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }

  /** The whole file, for formats that cannot be read in pieces (XML); refuses beyond `limit`. */
  async readAll(limit: number): Promise<Buffer | null> {
    if (this.size > limit) return null;
    const buffer = this.source.buffer ?? (await this.readAt(0, this.size));
    this.advance(buffer.length);
    return buffer;
  }

  /** The file from its first byte, counting what passes for progress. */
  stream(): Readable {
    const raw = this.source.buffer
      ? Readable.from(chunks(this.source.buffer))
      : createReadStream(this.source.path!, { highWaterMark: CHUNK });
    const counter = new Transform({
      transform: (chunk: Buffer, _encoding, callback) => {
        this.advance(chunk.length);
        callback(null, chunk);
      },
    });
    raw.on('error', (error: Error) => counter.destroy(error));
    counter.on('close', () => raw.destroy());
    return raw.pipe(counter);
  }

  fraction(): number {
    return this.size === 0 ? 1 : Math.min(1, this.bytesRead / this.size);
  }

  private advance(bytes: number) {
    this.bytesRead += bytes;
    this.onProgress?.({ bytesRead: this.bytesRead, totalBytes: this.size });
  }
}

function* chunks(buffer: Buffer): Generator<Buffer> {
  for (let offset = 0; offset < buffer.length; offset += CHUNK) yield buffer.subarray(offset, offset + CHUNK);
}
