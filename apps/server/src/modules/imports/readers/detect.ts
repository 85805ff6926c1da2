import { decodeWindows1252, looksBinary, type SniffedEncoding, sniffEncoding } from './encoding.ts';
import { ImportFileError } from './errors.ts';

export type TableFormat = 'csv' | 'xlsx' | 'tally-xml';

export type Detected =
  | { format: 'xlsx' }
  | { format: 'csv' | 'tally-xml'; encoding: SniffedEncoding; headText: string };

const NOT_A_TABLE = 'not a CSV, XLSX or Tally XML file';

/** Known binary formats people upload by mistake, by their first bytes. */
const MAGIC: [number[], string][] = [
  [
    [0xd0, 0xcf, 0x11, 0xe0],
    'an Excel 97-2003 workbook (.xls) or a password-protected file: open it in Excel and save it as .xlsx or CSV',
  ],
  [
    [0x25, 0x50, 0x44, 0x46],
    'a PDF: export the report from your accounting package as Excel, CSV or XML instead',
  ],
  [[0x1f, 0x8b], 'a gzip archive: unpack it first'],
  [[0x52, 0x61, 0x72, 0x21], 'a RAR archive: unpack it first'],
  [[0x37, 0x7a, 0xbc, 0xaf], 'a 7-Zip archive: unpack it first'],
  [[0x89, 0x50, 0x4e, 0x47], 'an image'],
  [[0xff, 0xd8, 0xff], 'an image'],
];

/**
 * Decides what a file is from its content, never its name: a ZIP is a workbook, text starting
 * with "<" is XML, other text is CSV. Only the first bytes are looked at, so a large binary upload
 * is refused at once.
 */
export function detectFormat(head: Buffer, complete: boolean): Detected {
  if (head.length === 0) throw new ImportFileError(0, 'the file is empty');
  if (
    head[0] === 0x50 &&
    head[1] === 0x4b &&
    (head[2] === 0x03 || head[2] === 0x05) &&
    (head[3] === 0x04 || head[3] === 0x06)
  ) {
    return { format: 'xlsx' };
  }
  for (const [magic, what] of MAGIC) {
    if (magic.every((byte, i) => head[i] === byte))
      throw new ImportFileError(0, `${NOT_A_TABLE}: it looks like ${what}`);
  }
  const encoding = sniffEncoding(head, complete);
  // stream: a sample cut mid-character keeps the stub back instead of turning it into "�".
  const body = head.subarray(encoding.bomLength);
  const headText =
    encoding.encoding === 'windows-1252'
      ? decodeWindows1252(body)
      : new TextDecoder(encoding.encoding).decode(body, { stream: !complete });
  if (looksBinary(headText)) throw new ImportFileError(0, `${NOT_A_TABLE}: it contains binary data`);
  const start = headText.trimStart();
  if (start.startsWith('<')) return { format: 'tally-xml', encoding, headText };
  if (start.startsWith('{') || start.startsWith('[')) {
    throw new ImportFileError(0, `${NOT_A_TABLE}: it looks like JSON`);
  }
  return { format: 'csv', encoding, headText };
}
