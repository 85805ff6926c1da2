import { isUtf8 } from 'node:buffer';
import { Transform } from 'node:stream';

/**
 * Text files reach us in whatever the exporting program chose: UTF-8 with or without a BOM,
 * UTF-16 (Tally, Excel's "Unicode Text"), or Windows-1252 from older Windows tools. We decide once
 * from the first bytes, then decode as a stream.
 */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface SniffedEncoding {
  encoding: TextEncoding;
  bomLength: number;
}

export function sniffEncoding(head: Buffer, complete: boolean): SniffedEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  const utf16 = utf16WithoutBom(head);
  if (utf16) return { encoding: utf16, bomLength: 0 };
  const sample = complete ? head : withoutPartialCharacter(head);
  return { encoding: isUtf8(sample) ? 'utf-8' : 'windows-1252', bomLength: 0 };
}

/** ASCII text in UTF-16 has a zero in every other byte: odd positions for LE, even for BE. */
function utf16WithoutBom(head: Buffer): TextEncoding | null {
  const pairs = Math.min(256, Math.floor(head.length / 2));
  if (pairs < 2) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < pairs; i++) {
    if (head[2 * i] === 0) evenZeros++;
    if (head[2 * i + 1] === 0) oddZeros++;
  }
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be';
  return null;
}

/** A sample cut at an arbitrary byte may end inside a multi-byte character; drop that stub. */
function withoutPartialCharacter(bytes: Buffer): Buffer {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back]!;
    if (byte < 0x80) return bytes;
    if (byte >= 0xc0) {
      const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return length > back ? bytes.subarray(0, bytes.length - back) : bytes;
    }
  }
  return bytes;
}

/** 0x80–0x9F in Windows-1252 (the rest of the code page is Latin-1); 0 marks unassigned bytes. */
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0,
  0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0, 0x017e, 0x0178,
];

/**
 * Our own Windows-1252: Node's TextDecoder gives Latin-1 for this label on some paths, turning
 * the curly apostrophe of "D’Souza" (0x92) into an invisible control character.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  const step = 8192;
  for (let start = 0; start < bytes.length; start += step) {
    const codes: number[] = [];
    for (let i = start; i < Math.min(bytes.length, start + step); i++) {
      const b = bytes[i]!;
      codes.push(b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] || b : b);
    }
    text += String.fromCharCode(...codes);
  }
  return text;
}

export function decodeAll(bytes: Buffer, sniffed: SniffedEncoding): string {
  const body = bytes.subarray(sniffed.bomLength);
  return sniffed.encoding === 'windows-1252'
    ? decodeWindows1252(body)
    : new TextDecoder(sniffed.encoding).decode(body);
}

export class EncodingError extends Error {
  constructor(
    readonly byteOffset: number,
    /** Text line (1-based) holding the bad byte. */
    readonly line: number,
  ) {
    super(`the text is not valid UTF-8 at byte ${byteOffset} (line ${line})`);
  }
}

function countNewlines(bytes: Buffer, end = bytes.length): number {
  let n = 0;
  for (let i = bytes.indexOf(10); i !== -1 && i < end; i = bytes.indexOf(10, i + 1)) n++;
  return n;
}

/**
 * A stream of bytes in `encoding` out as UTF-8 bytes (what csv-parse reads). UTF-8 input passes
 * through untouched but checked, so a stray Windows-1252 byte deep in a big file is reported,
 * not silently turned into "�".
 */
export function toUtf8(sniffed: SniffedEncoding): Transform {
  let skip = sniffed.bomLength;
  let offset = 0;
  if (sniffed.encoding === 'utf-8') {
    let carry: Buffer = Buffer.alloc(0);
    // Counted as bytes pass, so a bad byte deep in the file is reported on its true line.
    let newlines = 0;
    return new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        let bytes = carry.length ? Buffer.concat([carry, chunk]) : chunk;
        if (skip) {
          const dropped = Math.min(skip, bytes.length);
          bytes = bytes.subarray(dropped);
          skip -= dropped;
          offset += dropped;
        }
        const whole = withoutPartialCharacter(bytes);
        carry = Buffer.from(bytes.subarray(whole.length));
        if (!isUtf8(whole)) {
          const at = firstInvalid(whole);
          return callback(new EncodingError(offset + at, newlines + countNewlines(whole, at) + 1));
        }
        offset += whole.length;
        newlines += countNewlines(whole);
        callback(null, whole);
      },
      flush(callback) {
        if (carry.length && !isUtf8(carry)) return callback(new EncodingError(offset, newlines + 1));
        callback(null, carry.length ? carry : undefined);
      },
    });
  }
  if (sniffed.encoding === 'windows-1252') {
    return new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        callback(null, Buffer.from(decodeWindows1252(chunk), 'utf8'));
      },
    });
  }
  const decoder = new TextDecoder(sniffed.encoding);
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      const text = decoder.decode(chunk, { stream: true });
      callback(null, text ? Buffer.from(text, 'utf8') : undefined);
    },
    flush(callback) {
      const text = decoder.decode();
      callback(null, text ? Buffer.from(text, 'utf8') : undefined);
    },
  });
}

function firstInvalid(bytes: Buffer): number {
  const text = new TextDecoder('utf-8').decode(bytes);
  const index = text.indexOf('\ufffd');
  return index < 0 ? 0 : Buffer.byteLength(text.slice(0, index), 'utf8');
}

/**
 * Text is text when it has almost no control characters; random or compressed bytes have about
 * one in eight. NUL never appears in a real CSV.
 */
export function looksBinary(text: string): boolean {
  if (text.length === 0) return false;
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) control++;
  }
  return control / text.length > 0.005;
}
