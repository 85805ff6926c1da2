import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ImportFileError } from './errors.ts';
import type { TableRow } from './table.ts';

/** The columns of Tally's Bills Receivable XML, in the order its screen shows them. */
export const TALLY_BILL_TAGS = [
  'BILLDATE',
  'BILLREF',
  'BILLPARTY',
  'BILLCL',
  'BILLDUE',
  'BILLOVERDUE',
] as const;

type XmlNode = Record<string, unknown>;

/**
 * Tally's XML as it really comes: "&#4;" (Tally's marker for "not applicable", not a legal XML
 * character) and other control characters are dropped, and a bare "&" in a party name is read as
 * "&amp;". Line breaks are kept, so line numbers stay true.
 */
export function cleanTallyXml(text: string): string {
  return (
    text
      .replace(/&#(?:0*4|x0*4);/gi, '')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
      .replace(/&(?!(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#x[0-9A-Fa-f]+);)/g, '&amp;')
  );
}

function rootName(text: string): string | null {
  const body = text.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>/gi, '');
  return /<([A-Za-z_][\w.:-]*)/.exec(body)?.[1] ?? null;
}

/**
 * Bills of a Tally "Bills Receivable" XML export. There is no element per bill: <BILLFIXED>
 * (date, ref, party) is followed by sibling <BILLCL>, <BILLDUE>, <BILLOVERDUE> up to the next
 * <BILLFIXED>, so bills are read from the children in document order. Each bill is a row keyed
 * by tag name; its line is where its <BILLFIXED> starts.
 */
export function readTallyXml(raw: string): { headers: string[]; rows: TableRow[] } {
  const text = cleanTallyXml(raw);
  const root = rootName(text);
  if (!root)
    throw new ImportFileError(
      0,
      'not a CSV, XLSX or Tally XML file: it starts with "<" but has no XML element',
    );
  if (/^html$/i.test(root)) {
    throw new ImportFileError(
      0,
      'this is a web page (HTML), not a Tally export; some systems save HTML tables under an .xls name: open it in Excel and save it as .xlsx or CSV',
    );
  }
  if (root.toUpperCase() !== 'ENVELOPE') {
    throw new ImportFileError(
      0,
      `this XML is not a Tally export: its root element is <${root}>, not <ENVELOPE>`,
    );
  }
  if (/<!ENTITY/i.test(text))
    throw new ImportFileError(0, 'XML with entity declarations is not accepted (Tally never writes them)');
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new ImportFileError(valid.err.line, `the XML is malformed: ${valid.err.msg}`);

  const parser = new XMLParser({
    preserveOrder: true,
    parseTagValue: false,
    ignoreAttributes: true,
    trimValues: true,
    htmlEntities: true,
  });
  const document = parser.parse(text) as XmlNode[];
  const envelope = document.find((n) => tagOf(n)?.toUpperCase() === 'ENVELOPE');
  const children = envelope ? childrenOf(envelope) : [];
  const container = findBillContainer(children);
  if (!container) {
    const tags = [...new Set(children.map(tagOf).filter(Boolean))];
    if (tags.length === 0) return { headers: [...TALLY_BILL_TAGS], rows: [] };
    const lineError = findText(children, 'LINEERROR');
    const said = lineError ? ` Tally said: "${lineError}".` : '';
    throw new ImportFileError(
      0,
      `this is a Tally XML file but not the Bills Receivable report (it has ${tags
        .slice(0, 5)
        .map((t) => `<${t}>`)
        .join(
          ', ',
        )}).${said} In Tally, open Display > Statements of Accounts > Outstandings > Receivables and export that as XML`,
    );
  }

  const lines = elementLines(text, 'BILLFIXED');
  const headers: string[] = [...TALLY_BILL_TAGS];
  const rows: TableRow[] = [];
  let current: Record<string, string> | null = null;
  for (const node of container) {
    const tag = tagOf(node);
    if (!tag) continue;
    if (tag === 'BILLFIXED') {
      current = {};
      for (const child of childrenOf(node)) addCell(current, tagOf(child), child, headers);
      rows.push({ line: lines[rows.length] ?? 0, cells: current });
    } else if (current) {
      addCell(current, tag, node, headers);
    }
  }
  for (const row of rows) for (const h of headers) row.cells[h] ??= '';
  return { headers, rows };
}

function addCell(cells: Record<string, string>, tag: string | null, node: XmlNode, headers: string[]) {
  if (!tag || tag in cells) return;
  if (!headers.includes(tag)) headers.push(tag);
  cells[tag] = textOf(node).trim();
}

function tagOf(node: XmlNode): string | null {
  return Object.keys(node).find((k) => k !== ':@' && k !== '#text') ?? null;
}

function childrenOf(node: XmlNode): XmlNode[] {
  const tag = tagOf(node);
  const value = tag ? node[tag] : undefined;
  return Array.isArray(value) ? (value as XmlNode[]) : [];
}

function textOf(node: XmlNode): string {
  if ('#text' in node) return String(node['#text']);
  return childrenOf(node).map(textOf).join('');
}

/** The element list holding the bills: the envelope's children, or a wrapper's in other builds. */
function findBillContainer(children: XmlNode[]): XmlNode[] | null {
  if (children.some((c) => tagOf(c) === 'BILLFIXED')) return children;
  for (const child of children) {
    const found = findBillContainer(childrenOf(child));
    if (found) return found;
  }
  return null;
}

function findText(children: XmlNode[], tag: string): string | null {
  for (const child of children) {
    if (tagOf(child) === tag) return textOf(child).trim();
    const found = findText(childrenOf(child), tag);
    if (found) return found;
  }
  return null;
}

/** The line of each opening tag, in document order. */
function elementLines(text: string, tag: string): number[] {
  const lines: number[] = [];
  const pattern = new RegExp(`<${tag}[\\s>/]`, 'g');
  let line = 1;
  let from = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    for (let i = text.indexOf('\n', from); i !== -1 && i < m.index; i = text.indexOf('\n', i + 1)) line++;
    from = m.index;
    lines.push(line);
  }
  return lines;
}
