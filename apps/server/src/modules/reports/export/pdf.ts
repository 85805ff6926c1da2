import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { formatAmount } from '@duely/domain';
import PDFDocument from 'pdfkit';
import { displayCell, displayNumber, headerLabel, usesIndianGrouping } from './display.ts';
import {
  type CellValue,
  columnCurrency,
  isNumericColumn,
  type ReportChart,
  type ReportColumn,
  type ReportDocument,
  type ReportSection,
  totalsRow,
  validateDocument,
} from './document.ts';

type Pdf = PDFKit.PDFDocument;

/** The thin line under the page title and under each table header. */
function rule(pdf: Pdf, y: number, width: number) {
  pdf.moveTo(MARGIN, y).lineTo(MARGIN + width, y).lineWidth(0.75).strokeColor(RULE).stroke();
}
type Layout = 'portrait' | 'landscape';

/**
 * PDFKit's built-in Helvetica has no ₹ (U+20B9), so the figures would print as blanks. Noto Sans
 * (SIL OFL 1.1, from @expo-google-fonts/noto-sans, which ships plain TTF files) has it, is narrow
 * enough for wide tables, and covers Latin names with diacritics. Read from disk once per process
 * and registered by name in each document, so PDFKit parses each once and embeds one subset of
 * each. (PDFKit starts on Helvetica but embeds only fonts a page uses, so it never reaches the file.)
 */
let fontFiles: { regular: Buffer; bold: Buffer } | undefined;
function fonts(): { regular: Buffer; bold: Buffer } {
  if (!fontFiles) {
    const require = createRequire(import.meta.url);
    const file = (path: string) => readFileSync(require.resolve(`@expo-google-fonts/noto-sans/${path}`));
    fontFiles = {
      regular: file('400Regular/NotoSans_400Regular.ttf'),
      bold: file('700Bold/NotoSans_700Bold.ttf'),
    };
  }
  return fontFiles;
}

const REGULAR = 'NotoSans';
const BOLD = 'NotoSans-Bold';

const MARGIN = 36;
const A4 = { short: 595.28, long: 841.89 };
const FONT_SIZE = 8;
const MIN_FONT_SIZE = 6;
const PAD_X = 5;
const PAD_Y = 2.5;
/** Text columns wrap past this (at FONT_SIZE); figures never wrap. */
const MAX_TEXT_WIDTH = 190;
const MIN_TEXT_WIDTH = 48;
const MAX_CELL_CHARS = 400;
const CHART_HEIGHT = 230;
const MAX_X_LABEL = 110;
const FOOTER_SPACE = 14;

const INK = '#1F2933';
const MUTED = '#5A6472';
const RULE = '#8896A8';
const HEADER_FILL = '#E8ECF1';
const STRIPE_FILL = '#F5F7FA';
const GRID = '#D9DEE5';
const PALETTE = ['#2563EB', '#F59E0B', '#10B981', '#EF4444', '#8B5CF6', '#0891B2', '#65A30D', '#DB2777'];

export async function writePdf(doc: ReportDocument): Promise<Buffer> {
  validateDocument(doc);
  const { regular, bold } = fonts();
  const generated = new Date(doc.generatedAt);
  const pdf = new PDFDocument({
    autoFirstPage: false,
    bufferPages: true,
    size: 'A4',
    margin: MARGIN,
    pdfVersion: '1.7',
    lang: 'en-IN',
    displayTitle: true,
    info: {
      Title: doc.title,
      Author: doc.tenantName,
      Subject: doc.subtitle ?? doc.title,
      Creator: 'Duely',
      // From the report, not the clock: the same report gives the same file.
      CreationDate: generated,
      ModDate: generated,
    },
  });
  pdf.registerFont(REGULAR, regular);
  pdf.registerFont(BOLD, bold);

  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  doc.sections.forEach((section, i) => {
    const plan = planTable(pdf, section, doc);
    pdf.addPage({ size: 'A4', layout: plan.layout, margin: MARGIN });
    let y = pdf.page.margins.top;
    if (i === 0) y = drawDocumentHeader(pdf, doc, y);
    y = drawSectionHeader(pdf, section, y);
    if (section.chart) {
      if (y + CHART_HEIGHT > bottomOf(pdf)) {
        pdf.addPage({ size: 'A4', layout: plan.layout, margin: MARGIN });
        y = pdf.page.margins.top;
      }
      y +=
        drawChart(pdf, section.chart, section, doc, MARGIN, y, pdf.page.width - 2 * MARGIN, CHART_HEIGHT) +
        14;
    }
    drawTable(pdf, plan, section, y);
  });

  drawFooters(pdf, doc);
  pdf.end();
  return done;
}

function bottomOf(pdf: Pdf): number {
  return pdf.page.height - pdf.page.margins.bottom - FOOTER_SPACE;
}

function drawDocumentHeader(pdf: Pdf, doc: ReportDocument, top: number): number {
  const width = pdf.page.width - 2 * MARGIN;
  let y = top;
  pdf.font(BOLD).fontSize(16).fillColor(INK).text(doc.title, MARGIN, y, { width });
  y = pdf.y + 2;
  if (doc.subtitle) {
    pdf.font(REGULAR).fontSize(10).fillColor(INK).text(doc.subtitle, MARGIN, y, { width });
    y = pdf.y + 1;
  }
  pdf
    .font(REGULAR)
    .fontSize(8)
    .fillColor(MUTED)
    .text(`${doc.tenantName} · Generated ${doc.generatedAt}`, MARGIN, y, { width });
  y = pdf.y + 6;
  rule(pdf, y, width);
  return y + 10;
}

function drawSectionHeader(pdf: Pdf, section: ReportSection, top: number): number {
  const width = pdf.page.width - 2 * MARGIN;
  pdf.font(BOLD).fontSize(12).fillColor(INK).text(section.title, MARGIN, top, { width });
  let y = pdf.y + 2;
  if (section.note) {
    pdf.font(REGULAR).fontSize(8.5).fillColor(MUTED).text(section.note, MARGIN, y, { width });
    y = pdf.y + 2;
  }
  return y + 6;
}

/** Page numbers need the page count, so they are written once every page exists. */
function drawFooters(pdf: Pdf, doc: ReportDocument): void {
  const { start, count } = pdf.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    pdf.switchToPage(i);
    const bottomMargin = pdf.page.margins.bottom;
    // Text below the bottom margin would make PDFKit start a new page.
    pdf.page.margins.bottom = 0;
    const y = pdf.page.height - MARGIN + 6;
    const width = pdf.page.width - 2 * MARGIN;
    const pageText = `Page ${i - start + 1} of ${count}`;
    pdf.font(REGULAR).fontSize(7).fillColor(MUTED);
    pdf.text(`${doc.tenantName} · ${doc.title}`, MARGIN, y, {
      width: width - pdf.widthOfString(pageText) - 12,
      lineBreak: false,
      ellipsis: true,
    });
    pdf.text(pageText, MARGIN + width - pdf.widthOfString(pageText), y, { lineBreak: false });
    pdf.page.margins.bottom = bottomMargin;
  }
}

// ---------------------------------------------------------------------------------------------
// Tables

interface TablePlan {
  layout: Layout;
  fontSize: number;
  widths: number[];
  headers: string[];
  rows: string[][];
  totals?: string[];
}

/**
 * Widths from the widest text in each column. The page turns landscape only when the table does
 * not fit upright; past the landscape width the type shrinks (to 6 pt), and past that, text
 * columns give up width and wrap.
 */
function planTable(pdf: Pdf, section: ReportSection, doc: ReportDocument): TablePlan {
  const columns = section.columns;
  const headers = columns.map((c) => headerLabel(c, doc, 'pdf'));
  const show = (row: Record<string, CellValue>) =>
    columns.map((c) => {
      const text = displayCell(c, row[c.key], doc);
      // A row taller than a page cannot be laid out; a paragraph-long note is cut here (the XLSX
      // and CSV carry it whole).
      return text.length > MAX_CELL_CHARS ? `${Array.from(text).slice(0, MAX_CELL_CHARS).join('')}…` : text;
    });
  const rows = section.rows.map(show);
  const totalsValues = totalsRow(section);
  const totals = totalsValues ? show(totalsValues) : undefined;

  const natural = columns.map((column, c) => {
    pdf.font(BOLD).fontSize(FONT_SIZE);
    // Headers may wrap onto two lines, so their longest word sets the floor, not the whole label.
    let width = Math.max(...headers[c]!.split(/\s+/).map((word) => pdf.widthOfString(word)));
    if (totals) width = Math.max(width, pdf.widthOfString(totals[c]!));
    pdf.font(REGULAR).fontSize(FONT_SIZE);
    for (const row of rows) width = Math.max(width, pdf.widthOfString(row[c]!));
    width += 2 * PAD_X;
    return column.type === 'text' ? Math.min(width, MAX_TEXT_WIDTH) : width;
  });
  const sum = (ws: number[]) => ws.reduce((a, b) => a + b, 0);
  const wanted = sum(natural);
  const portrait = A4.short - 2 * MARGIN;
  const landscape = A4.long - 2 * MARGIN;
  if (wanted <= portrait)
    return {
      layout: 'portrait',
      fontSize: FONT_SIZE,
      widths: stretch(natural, columns, portrait),
      headers,
      rows,
      totals,
    };

  const scale = Math.max(MIN_FONT_SIZE / FONT_SIZE, Math.min(1, landscape / wanted));
  let widths = natural.map((w) => w * scale);
  const over = sum(widths) - landscape;
  if (over > 0) {
    const shrinkable = sum(
      widths
        .filter((w, c) => columns[c]!.type === 'text' && w > MIN_TEXT_WIDTH)
        .map((w) => w - MIN_TEXT_WIDTH),
    );
    widths = widths.map((w, c) =>
      columns[c]!.type === 'text' && w > MIN_TEXT_WIDTH && shrinkable > 0
        ? w - ((w - MIN_TEXT_WIDTH) * Math.min(over, shrinkable)) / shrinkable
        : w,
    );
    // Still too wide (twenty-odd figure columns at 6 pt): squeeze everything so nothing falls off
    // the page, though figures then crowd; a table that wide is read in the XLSX.
    const left = sum(widths);
    if (left > landscape) widths = widths.map((w) => (w * landscape) / left);
  }
  return {
    layout: 'landscape',
    fontSize: FONT_SIZE * scale,
    widths: stretch(widths, columns, landscape),
    headers,
    rows,
    totals,
  };
}

/** Spare width goes to the text columns (names read better unwrapped), or to all if none. */
function stretch(widths: number[], columns: ReportColumn[], available: number): number[] {
  const spare = available - widths.reduce((a, b) => a + b, 0);
  if (spare <= 0) return widths;
  const textIdx = columns.flatMap((c, i) => (c.type === 'text' ? [i] : []));
  // A narrow table stays narrow: at most a quarter more than it needs.
  const give = Math.min(spare, widths.reduce((a, b) => a + b, 0) * 0.25);
  const targets = textIdx.length ? textIdx : columns.map((_, i) => i);
  return widths.map((w, i) => (targets.includes(i) ? w + give / targets.length : w));
}

function drawTable(pdf: Pdf, plan: TablePlan, section: ReportSection, top: number): void {
  const columns = section.columns;
  const { fontSize, widths } = plan;
  const layout = plan.layout;
  let y = top;

  const heightOf = (cells: string[], font: string) => {
    pdf.font(font).fontSize(fontSize);
    let h = pdf.currentLineHeight(true);
    cells.forEach((text, c) => {
      if (columns[c]!.type === 'text' || font === BOLD)
        h = Math.max(h, pdf.heightOfString(text || ' ', { width: widths[c]! - 2 * PAD_X }));
    });
    return h + 2 * PAD_Y;
  };
  const headerHeight = heightOf(plan.headers, BOLD);

  const drawHeader = (continued: boolean) => {
    if (continued) {
      pdf
        .font(REGULAR)
        .fontSize(7)
        .fillColor(MUTED)
        .text(`${section.title} (continued)`, MARGIN, y, { lineBreak: false });
      y += 11;
    }
    const width = widths.reduce((a, b) => a + b, 0);
    pdf.rect(MARGIN, y, width, headerHeight).fill(HEADER_FILL);
    drawCells(pdf, plan.headers, columns, widths, y, BOLD, fontSize, true);
    y += headerHeight;
    rule(pdf, y, width);
  };

  const newPage = () => {
    pdf.addPage({ size: 'A4', layout, margin: MARGIN });
    y = pdf.page.margins.top;
    drawHeader(true);
  };

  // A header alone at the foot of a page helps no one: keep it with at least two rows.
  const firstRows = plan.rows.slice(0, 2).reduce((h, row) => h + heightOf(row, REGULAR), 0);
  if (y + headerHeight + firstRows > bottomOf(pdf)) {
    pdf.addPage({ size: 'A4', layout, margin: MARGIN });
    y = pdf.page.margins.top;
  }
  drawHeader(false);

  if (plan.rows.length === 0) {
    pdf
      .font(REGULAR)
      .fontSize(fontSize)
      .fillColor(MUTED)
      .text('No rows for this report.', MARGIN + PAD_X, y + PAD_Y + 2, { lineBreak: false });
    y += pdf.currentLineHeight(true) + 2 * PAD_Y + 4;
  }

  const tableWidth = widths.reduce((a, b) => a + b, 0);
  plan.rows.forEach((cells, r) => {
    const h = heightOf(cells, REGULAR);
    if (y + h > bottomOf(pdf)) newPage();
    if (r % 2 === 1) pdf.rect(MARGIN, y, tableWidth, h).fill(STRIPE_FILL);
    drawCells(pdf, cells, columns, widths, y, REGULAR, fontSize, false);
    y += h;
  });

  if (plan.totals) {
    const h = heightOf(plan.totals, BOLD);
    if (y + h > bottomOf(pdf)) newPage();
    pdf.rect(MARGIN, y, tableWidth, h).fill(HEADER_FILL);
    pdf
      .moveTo(MARGIN, y)
      .lineTo(MARGIN + tableWidth, y)
      .lineWidth(0.75)
      .strokeColor(RULE)
      .stroke();
    drawCells(pdf, plan.totals, columns, widths, y, BOLD, fontSize, false);
  }
}

function drawCells(
  pdf: Pdf,
  cells: string[],
  columns: ReportColumn[],
  widths: number[],
  y: number,
  font: string,
  size: number,
  header: boolean,
): void {
  pdf.font(font).fontSize(size).fillColor(INK);
  let x = MARGIN;
  cells.forEach((text, c) => {
    const column = columns[c]!;
    const left = x;
    x += widths[c]!;
    if (text === '') return;
    if (column.type === 'text' || header) {
      // Right-aligned headers over figures line up with them; text wraps inside its column.
      pdf.text(text, left + PAD_X, y + PAD_Y, {
        width: widths[c]! - 2 * PAD_X,
        align: isNumericColumn(column) ? 'right' : 'left',
      });
    } else {
      // Figures never wrap; placed by hand so the last digit sits on the column's right edge.
      const at = isNumericColumn(column) ? x - PAD_X - pdf.widthOfString(text) : left + PAD_X;
      pdf.text(text, at, y + PAD_Y, { lineBreak: false });
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Charts

interface Series {
  column: ReportColumn;
  values: (number | null)[];
}

/** Vector bar and line charts: axes with labelled ticks, axis titles, legend. Returns the height used. */
function drawChart(
  pdf: Pdf,
  chart: ReportChart,
  section: ReportSection,
  doc: ReportDocument,
  x: number,
  y: number,
  width: number,
  height: number,
): number {
  const byKey = new Map(section.columns.map((c) => [c.key, c]));
  const categoryColumn = byKey.get(chart.category)!;
  const categories = section.rows.map((row) => displayCell(categoryColumn, row[chart.category], doc));
  const series: Series[] = chart.series.map((key) => {
    const column = byKey.get(key)!;
    return { column, values: section.rows.map((row) => plotValue(column, row[key], doc)) };
  });
  const stacked = chart.kind === 'bar' && chart.stacked === true && series.length > 1;

  pdf.font(BOLD).fontSize(10).fillColor(INK).text(chart.title, x, y, { width, lineBreak: false });
  let top = y + 16;

  // Legend: one swatch per series, in a row that wraps.
  pdf.font(REGULAR).fontSize(7.5);
  let lx = x;
  series.forEach((s, i) => {
    const label = headerLabel(s.column, doc, 'pdf');
    const w = 14 + pdf.widthOfString(label) + 12;
    if (lx + w > x + width && lx > x) {
      lx = x;
      top += 11;
    }
    pdf.rect(lx, top + 1.5, 9, 6).fill(PALETTE[i % PALETTE.length]!);
    pdf.fillColor(INK).text(label, lx + 13, top, { lineBreak: false });
    lx += w;
  });
  top += 16;

  const plotBottom = y + height - 30; // x labels and x-axis title below
  if (categories.length === 0) {
    pdf.font(REGULAR).fontSize(8).fillColor(MUTED).text('No data to chart.', x, top, { lineBreak: false });
    return top + 12 - y;
  }

  // Value range, with zero always on the axis so bar lengths mean something.
  let min = 0;
  let max = 0;
  categories.forEach((_, i) => {
    if (stacked) {
      let up = 0;
      let down = 0;
      for (const s of series) {
        const v = s.values[i] ?? 0;
        if (v >= 0) up += v;
        else down += v;
      }
      max = Math.max(max, up);
      min = Math.min(min, down);
    } else {
      for (const s of series) {
        const v = s.values[i];
        if (v !== null && v !== undefined) {
          max = Math.max(max, v);
          min = Math.min(min, v);
        }
      }
    }
  });
  const ticks = niceTicks(min, max);
  const lo = ticks[0]!;
  const hi = ticks[ticks.length - 1]!;
  const axisColumn = series[0]!.column;
  const tickLabels = ticks.map((t) => axisLabel(t, axisColumn, doc));

  pdf.font(REGULAR).fontSize(7);
  const yTitle = axisTitle(series, doc);
  const labelWidth = Math.max(...tickLabels.map((l) => pdf.widthOfString(l)));
  const plotLeft = x + 12 + labelWidth + 4;
  const plotRight = x + width - 4;
  const plotTop = top;
  const plotHeight = plotBottom - plotTop;
  const plotWidth = plotRight - plotLeft;
  const yOf = (v: number) => plotBottom - ((v - lo) / (hi - lo)) * plotHeight;

  // Grid and y-axis labels.
  ticks.forEach((t, i) => {
    const ty = yOf(t);
    pdf
      .moveTo(plotLeft, ty)
      .lineTo(plotRight, ty)
      .lineWidth(t === 0 ? 0.9 : 0.4)
      .strokeColor(t === 0 ? RULE : GRID)
      .stroke();
    const label = tickLabels[i]!;
    pdf.fillColor(MUTED).text(label, plotLeft - 4 - pdf.widthOfString(label), ty - 4, { lineBreak: false });
  });
  pdf.moveTo(plotLeft, plotTop).lineTo(plotLeft, plotBottom).lineWidth(0.6).strokeColor(RULE).stroke();

  // Y-axis title, turned to run up the axis.
  pdf.save();
  const yTitleWidth = pdf.widthOfString(yTitle);
  const cy = plotTop + plotHeight / 2 + yTitleWidth / 2;
  pdf.rotate(-90, { origin: [x, cy] });
  pdf.fillColor(MUTED).text(yTitle, x, cy, { lineBreak: false });
  pdf.restore();

  const slot = plotWidth / categories.length;
  const centre = (i: number) => plotLeft + slot * (i + 0.5);

  if (chart.kind === 'bar') {
    const groupWidth = slot * 0.72;
    const barWidth = stacked ? groupWidth : groupWidth / series.length;
    categories.forEach((_, i) => {
      let up = 0;
      let down = 0;
      series.forEach((s, k) => {
        const v = s.values[i];
        if (v === null || v === undefined || v === 0) return;
        let from: number;
        let to: number;
        let bx: number;
        if (stacked) {
          from = v >= 0 ? up : down;
          to = from + v;
          if (v >= 0) up = to;
          else down = to;
          bx = centre(i) - groupWidth / 2;
        } else {
          from = 0;
          to = v;
          bx = centre(i) - groupWidth / 2 + k * barWidth;
        }
        const y1 = yOf(Math.max(from, to));
        const y2 = yOf(Math.min(from, to));
        pdf
          .rect(bx, y1, Math.max(barWidth - (stacked ? 0 : 0.8), 0.5), Math.max(y2 - y1, 0.3))
          .fill(PALETTE[k % PALETTE.length]!);
      });
    });
  } else {
    series.forEach((s, k) => {
      const colour = PALETTE[k % PALETTE.length]!;
      // A missing value breaks the line instead of pretending it was zero.
      let drawing = false;
      s.values.forEach((v, i) => {
        if (v === null || v === undefined) {
          drawing = false;
          return;
        }
        if (drawing) pdf.lineTo(centre(i), yOf(v));
        else pdf.moveTo(centre(i), yOf(v));
        drawing = true;
      });
      pdf.lineWidth(1.5).strokeColor(colour).lineJoin('round').stroke();
      if (categories.length <= 40) {
        s.values.forEach((v, i) => {
          if (v !== null && v !== undefined) pdf.circle(centre(i), yOf(v), 2).fill(colour);
        });
      }
    });
  }

  // X labels, centred under their slot: every n-th one when they would collide, long ones cut
  // (a label may run into the margin left of the plot, never past the chart's edges).
  pdf.font(REGULAR).fontSize(7).fillColor(MUTED);
  const widest = Math.min(MAX_X_LABEL, Math.max(...categories.map((c) => pdf.widthOfString(c))));
  const every = Math.max(1, Math.ceil((widest + 6) / slot));
  categories.forEach((label, i) => {
    if (i % every !== 0) return;
    const room = Math.min(slot * every - 4, 2 * (centre(i) - x), 2 * (x + width - centre(i)));
    const text = fitText(pdf, label, room);
    pdf.text(text, centre(i) - pdf.widthOfString(text) / 2, plotBottom + 4, { lineBreak: false });
  });
  const xTitle = categoryColumn.label;
  pdf.font(REGULAR).fontSize(7.5).fillColor(MUTED);
  pdf.text(xTitle, plotLeft + plotWidth / 2 - pdf.widthOfString(xTitle) / 2, plotBottom + 16, {
    lineBreak: false,
  });
  return height;
}

/** Cut with an ellipsis to fit `width` at the current font and size. */
function fitText(pdf: Pdf, text: string, width: number): string {
  if (pdf.widthOfString(text) <= width) return text;
  const chars = Array.from(text);
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (pdf.widthOfString(`${chars.slice(0, mid).join('').trimEnd()}…`) <= width) lo = mid;
    else hi = mid - 1;
  }
  return `${chars.slice(0, lo).join('').trimEnd()}…`;
}

/** Only for drawing: a float is fine for the length of a bar, never for a printed figure. */
function plotValue(column: ReportColumn, value: CellValue | undefined, doc: ReportDocument): number | null {
  if (value === null || value === undefined) return null;
  if (column.type === 'money') return Number(formatAmount(value as bigint, columnCurrency(column, doc)));
  return Number(value);
}

function axisTitle(series: Series[], doc: ReportDocument): string {
  if (series.length === 1) return headerLabel(series[0]!.column, doc, 'pdf');
  const first = series[0]!.column;
  if (
    first.type === 'money' &&
    series.every(
      (s) => s.column.type === 'money' && columnCurrency(s.column, doc) === columnCurrency(first, doc),
    )
  ) {
    return `Amount (${columnCurrency(first, doc)})`;
  }
  if (series.every((s) => s.column.type === first.type)) {
    return {
      percent: 'Percent',
      days: 'Days',
      integer: 'Count',
      number: 'Value',
      money: 'Amount',
      text: '',
      date: '',
    }[first.type];
  }
  return 'Value';
}

/** Tick labels short enough for an axis: ₹12.5 L and ₹1.2 Cr for rupees, K/M/B elsewhere. */
function axisLabel(value: number, column: ReportColumn, doc: ReportDocument): string {
  if (column.type === 'percent') return `${trim(value)}%`;
  const money = column.type === 'money';
  const currency = money ? columnCurrency(column, doc) : '';
  const abs = Math.abs(value);
  const sign = value < 0 ? '-' : '';
  if (currency === 'INR' || (!money && usesIndianGrouping(doc))) {
    const prefix = money ? '₹' : '';
    if (abs >= 1e7) return `${sign}${prefix}${trim(abs / 1e7)} Cr`;
    if (abs >= 1e5) return `${sign}${prefix}${trim(abs / 1e5)} L`;
    return `${sign}${prefix}${displayNumber(abs, 0, doc)}`;
  }
  const suffixes: [number, string][] = [
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'K'],
  ];
  for (const [size, suffix] of suffixes) if (abs >= size) return `${sign}${trim(abs / size)}${suffix}`;
  return `${sign}${trim(abs)}`;
}

function trim(n: number): string {
  return Number(n.toFixed(2)).toString();
}

/** Round steps (1, 2, 2.5, 5 × 10^n) covering [min, max] in about five intervals. */
export function niceTicks(min: number, max: number): number[] {
  if (min === max) max = min + 1;
  const rough = (max - min) / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough)!;
  const first = Math.floor(min / step) * step;
  const last = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let t = first; t <= last + step / 2; t += step)
    ticks.push(Math.abs(t) < step / 1e6 ? 0 : Number(t.toPrecision(12)));
  return ticks;
}
