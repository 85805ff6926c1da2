import { GENERIC_LAYOUT, type TableLayout } from '@duely/domain/imports/layout';
import { getPreset } from '@duely/domain/imports/presets';
import { csvRows, sniffDelimiter } from './csv-reader.ts';
import { detectFormat } from './detect.ts';
import { decodeAll, sniffEncoding } from './encoding.ts';
import { ImportFileError } from './errors.ts';
import { type ImportSource, OpenedSource, type ProgressInfo } from './source.ts';
import { type Located, locateTable, type Table, type TableRow } from './table.ts';
import { readTallyXml } from './tally-xml-reader.ts';
import { xlsxRows } from './xlsx-reader.ts';
import { notAWorkbook, zipEntryNames } from './zip-directory.ts';

export interface OpenTableOptions {
  /** A built-in preset whose layout says where its table sits (tally-xlsx: titles above, total below). */
  preset?: string | null;
  /** Overrides the preset's layout. */
  layout?: TableLayout;
  /** Worksheet to read; the first visible one otherwise. */
  sheet?: string;
  /** CSV field separator; sniffed from the first lines otherwise. */
  delimiter?: string;
  /** Called as bytes are read, for a progress bar. */
  onProgress?: (progress: ProgressInfo) => void;
}

/** Enough to tell the format, the encoding and the delimiter. */
const HEAD = 1024 * 1024;
/** Tally XML is parsed whole; a receivables report this big would be some 300,000 bills. */
const MAX_XML = 100 * 1024 * 1024;

/**
 * Opens an uploaded file as a table: header names, then rows read as they are consumed. What the
 * file is comes from its content (a ZIP is a workbook, "<" is Tally XML, other text is CSV),
 * not its name. Anything that cannot be read as a table throws ImportFileError naming the line.
 */
export async function openTable(source: ImportSource, options: OpenTableOptions = {}): Promise<Table> {
  const opened = await OpenedSource.open(source, options.onProgress);
  const head = await opened.readAt(0, HEAD);
  const detected = detectFormat(head, head.length === opened.size);
  const layout =
    options.layout ?? (options.preset ? getPreset(options.preset)?.layout : undefined) ?? GENERIC_LAYOUT;

  const table = (format: Table['format'], located: Located, details: Table['details']): Table => ({
    format,
    headers: located.headers,
    headerLine: located.headerLine,
    warnings: located.warnings,
    rows: located.rows,
    progress: () => opened.fraction(),
    bytesRead: () => opened.bytesRead,
    totalBytes: opened.size,
    details,
    close: async () => {
      await located.rows.return(undefined);
    },
  });

  if (detected.format === 'xlsx') {
    const problem = notAWorkbook(await zipEntryNames(opened));
    if (problem) throw new ImportFileError(0, problem);
    const details: Table['details'] = {};
    const located = await locateTable(xlsxRows(opened, options.sheet, details), layout, false);
    return table('xlsx', located, details);
  }

  if (detected.format === 'csv') {
    const delimiter = options.delimiter ?? sniffDelimiter(detected.headText);
    const located = await locateTable(csvRows(opened, detected.encoding, delimiter), layout, true);
    return table('csv', located, { encoding: detected.encoding.encoding, delimiter });
  }

  const bytes = await opened.readAll(MAX_XML);
  if (!bytes)
    throw new ImportFileError(
      0,
      `the XML file is larger than ${MAX_XML / 1024 / 1024} MB; export a shorter period`,
    );
  const encoding = xmlEncoding(bytes);
  const xml = readTallyXml(decodeAll(bytes, encoding));
  async function* rows(): AsyncGenerator<TableRow> {
    yield* xml.rows;
  }
  const located: Located = { headers: xml.headers, headerLine: 0, warnings: [], rows: rows() };
  return table('tally-xml', located, { encoding: encoding.encoding });
}

/** A byte-order mark or UTF-16 pattern wins; then a declared single-byte encoding; then UTF-8 if valid. */
function xmlEncoding(bytes: Buffer) {
  const sniffed = sniffEncoding(bytes, true);
  if (sniffed.bomLength > 0 || sniffed.encoding.startsWith('utf-16')) return sniffed;
  const declared = /^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_-]+)["']/
    .exec(bytes.subarray(0, 200).toString('latin1'))?.[1]
    ?.toLowerCase();
  if (declared && /^(windows-1252|cp1252|iso-8859-1|latin-?1|us-ascii)$/.test(declared))
    return { encoding: 'windows-1252' as const, bomLength: 0 };
  return sniffed;
}

/** Data rows in a file, for a progress total or a preview; reads the file once. */
export async function countRows(source: ImportSource, options: OpenTableOptions = {}): Promise<number> {
  const table = await openTable(source, options);
  let count = 0;
  for await (const _ of table.rows) count++;
  return count;
}
