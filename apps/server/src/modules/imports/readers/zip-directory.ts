import { ImportFileError } from './errors.ts';
import type { OpenedSource } from './source.ts';

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
/** The directory of a workbook is small; anything bigger is not one we should stream. */
const MAX_DIRECTORY = 64 * 1024 * 1024;

/**
 * The names of the files inside a ZIP, from its central directory at the end: a few reads, not
 * the archive. Lets us say "this is a Word document" instead of failing somewhere in a parser.
 */
export async function zipEntryNames(source: OpenedSource): Promise<string[]> {
  const tailLength = Math.min(source.size, 22 + 65535);
  const tail = await source.readAt(source.size - tailLength, tailLength);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0)
    throw new ImportFileError(0, 'the ZIP container is damaged or incomplete (was the upload cut short?)');
  let size: number = tail.readUInt32LE(at + 12);
  let offset: number = tail.readUInt32LE(at + 16);
  if (
    (size === 0xffffffff || offset === 0xffffffff) &&
    at >= 20 &&
    tail.readUInt32LE(at - 20) === ZIP64_LOCATOR
  ) {
    const record = await source.readAt(Number(tail.readBigUInt64LE(at - 20 + 8)), 56);
    if (record.length === 56 && record.readUInt32LE(0) === ZIP64_EOCD) {
      size = Number(record.readBigUInt64LE(40));
      offset = Number(record.readBigUInt64LE(48));
    }
  }
  if (size > MAX_DIRECTORY || offset + size > source.size) {
    throw new ImportFileError(0, 'the ZIP container is damaged or incomplete (was the upload cut short?)');
  }
  const directory = await source.readAt(offset, size);
  const names: string[] = [];
  let encrypted = false;
  for (let p = 0; p + 46 <= directory.length && directory.readUInt32LE(p) === CENTRAL; ) {
    if (directory.readUInt16LE(p + 8) & 1) encrypted = true;
    const nameLength = directory.readUInt16LE(p + 28);
    const extra = directory.readUInt16LE(p + 30);
    const comment = directory.readUInt16LE(p + 32);
    names.push(directory.toString('utf8', p + 46, p + 46 + nameLength));
    p += 46 + nameLength + extra + comment;
  }
  if (encrypted)
    throw new ImportFileError(0, 'the file is a password-protected ZIP: remove the password and try again');
  return names;
}

/** Why a ZIP is not a workbook we can read, or null when it is one. */
export function notAWorkbook(names: readonly string[]): string | null {
  const has = (prefix: string) => names.some((n) => n === prefix || n.startsWith(prefix));
  if (has('xl/workbook.xml')) return has('xl/worksheets/') ? null : 'the workbook has no worksheets';
  if (has('xl/workbook.bin')) return 'this is a binary Excel workbook (.xlsb): save it as .xlsx or CSV';
  if (has('word/')) return 'this is a Word document, not an Excel workbook';
  if (has('ppt/')) return 'this is a PowerPoint file, not an Excel workbook';
  if (names.includes('mimetype') && has('content.xml'))
    return 'this is an OpenDocument file (.ods): save it as .xlsx or CSV';
  return 'this is a ZIP archive, not an Excel workbook';
}
