import { type DateFormat, type IsoDate, fromExcelSerial, parseDateAny, parseDateAs } from '../dates.ts';
import { InvalidValue } from '../errors.ts';
import { currencyExponent, formatAmount, isCurrency, parseLooseAmount } from '../money.ts';
import { isReversalNarration, parseIndianNarration } from './narration.ts';
import { type ParsedStatement, type StatementBalance, type StatementEntry, StatementParseError } from './types.ts';

/**
 * Bank statements as Indian banks export them to CSV/XLSX: a block of account details, the table,
 * then a summary. The caller reads the file (csv-parse, exceljs) and hands over the cells as text;
 * spreadsheet row N is rows[N - 1], which is what errors and `source` name.
 */

export type BankLayoutName = 'hdfc' | 'icici' | 'sbi' | 'axis' | 'kotak' | 'generic';

/** Header names of a bank's table for the generic layout; each is matched ignoring case and punctuation. */
export interface BankCsvMapping {
  date: string;
  valueDate?: string;
  description: string;
  reference?: string;
  debit?: string;
  credit?: string;
  /** One signed amount column, or one whose side is given by `drCr` or a Dr/Cr suffix. */
  amount?: string;
  drCr?: string;
  balance?: string;
  dateFormat?: DateFormat;
}

export interface BankRowsOptions {
  layout?: BankLayoutName;
  mapping?: BankCsvMapping;
  /** The account's currency; INR unless the file or this says otherwise. */
  currency?: string;
}

type Role = 'date' | 'valueDate' | 'description' | 'reference' | 'tranId' | 'debit' | 'credit' | 'amount' | 'drCr' | 'balance';

/**
 * Column names as each bank prints them, all variants seen in their exports (HDFC's netbanking
 * XLS and its space-padded "Delimited" text; ICICI's retail XLS, the corporate "DETAILED
 * STATEMENT" and the yearly one; SBI's YONO/netbanking XLS; Axis's two; Kotak's three).
 */
const BANK_COLUMNS: Record<Exclude<BankLayoutName, 'generic'>, string[]> = {
  hdfc: ['Date', 'Narration', 'Chq./Ref.No.', 'Value Dt', 'Withdrawal Amt.', 'Deposit Amt.', 'Closing Balance', 'Value Dat', 'Debit Amount', 'Credit Amount', 'Chq/Ref Number'],
  icici: [
    'S No.', 'Value Date', 'Transaction Date', 'Cheque Number', 'Transaction Remarks', 'Withdrawal Amount (INR )', 'Deposit Amount (INR )', 'Balance (INR )',
    'No.', 'Transaction ID', 'Txn Posted Date', 'ChequeNo.', 'Description', 'Cr/Dr', 'Transaction Amount(INR)', 'Available Balance(INR)',
    'S.N.', 'Tran. Id', 'Transaction Posted Date and time', 'Cheque. No./Ref. No.', 'Withdrawal Amt (INR)', 'Deposit Amt (INR)',
  ],
  sbi: ['Txn Date', 'Value Date', 'Description', 'Ref No./Cheque No.', 'Branch Code', 'Debit', 'Credit', 'Balance'],
  axis: ['Tran Date', 'CHQNO', 'PARTICULARS', 'DR', 'CR', 'BAL', 'SOL', 'Chq No', 'Debit', 'Credit', 'Balance', 'Init. Br'],
  kotak: [
    'Sl. No.', 'Transaction Date', 'Value Date', 'Description', 'Chq / Ref No.', 'Debit', 'Credit', 'Balance', 'Dr / Cr', 'Amount', 'Date', 'Chq / Ref number',
    '#', 'Chq/Ref. No.', 'Withdrawal (Dr.)', 'Deposit (Cr.)', 'Narration',
  ],
};

/** Normalised header names per role, best first (ICICI prints Value Date before Transaction Date). */
const ROLE_NAMES: Record<Role, string[]> = {
  date: ['date', 'txn date', 'transaction date', 'tran date', 'trans date', 'trn date', 'posting date', 'post date', 'booking date', 'txn posted date', 'transaction posted date', 'transaction posted date and time', 'date time'],
  valueDate: ['value date', 'value dt', 'value dat', 'val date'],
  description: ['narration', 'description', 'transaction remarks', 'remarks', 'particulars', 'transaction details', 'transaction particulars', 'details', 'narrative'],
  reference: ['chq ref no', 'chq ref number', 'chq no', 'chqno', 'cheque no', 'cheque number', 'chequeno', 'cheque no ref no', 'ref no cheque no', 'ref no', 'reference no', 'reference number', 'ref number', 'instrument no', 'instrument id', 'utr no'],
  tranId: ['tran id', 'transaction id', 'txn id'],
  debit: ['withdrawal amt', 'withdrawal amount', 'withdrawal', 'withdrawals', 'withdrawl', 'debit', 'debits', 'debit amount', 'debit amt', 'dr', 'dr amount', 'withdrawal dr', 'withdrawals dr', 'paid out'],
  credit: ['deposit amt', 'deposit amount', 'deposit', 'deposits', 'credit', 'credits', 'credit amount', 'credit amt', 'cr', 'cr amount', 'deposit cr', 'deposits cr', 'paid in'],
  amount: ['amount', 'transaction amount', 'txn amount', 'tran amount', 'amt', 'withdrawal dr deposit cr'],
  drCr: ['dr cr', 'cr dr', 'drcr', 'crdr', 'debit credit', 'credit debit', 'type'],
  balance: ['balance', 'closing balance', 'running balance', 'available balance', 'bal', 'balance amt', 'balance amount', 'closing bal'],
};

interface Columns {
  header: number;
  index: Partial<Record<Role, number>>;
  /** Kotak prints "Dr / Cr" after the balance too: the balance's own side. */
  balanceSide?: number;
  names: string[];
  dateFormat?: DateFormat;
}

const NO_HEADER = 'no table header found: expected columns like Date, Narration, Withdrawal, Deposit';

export function parseBankRows(rows: string[][], options: BankRowsOptions = {}): ParsedStatement[] {
  const grid = rows.map((row) => Array.from(row ?? [], (cell) => (cell ?? '').toString().replace(/\u00a0/g, ' ').trim()));
  const columns = findHeader(grid, options);
  const meta = readMeta(grid.slice(0, columns.header));
  const currency = options.currency ?? meta.currency ?? 'INR';
  currencyExponent(currency);
  const table = readTable(grid, columns, currency);
  const trailer = readMeta(grid.slice(table.end));
  const entries = inDateOrder(table.lines, columns, currency);

  const first = entries[0];
  const last = entries[entries.length - 1];
  const statedOpening = meta.opening ?? table.opening ?? trailer.opening;
  const statedClosing = meta.closing ?? table.closing ?? trailer.closing;
  const from = meta.from ?? first?.entry.bookingDate ?? null;
  const to = meta.to ?? last?.entry.bookingDate ?? null;
  // A balance the summary states wins: where the rows disagree with it, checkStatementBalance says so.
  const openingAmount = statedOpening ?? (first?.balance != null ? first.balance - first.entry.amount : null);
  const closingAmount = statedClosing ?? (last ? last.balance : null);
  const balance = (amount: bigint | null, date: IsoDate | null): StatementBalance | null => (amount != null && date ? { amount, currency, date } : null);
  return [
    {
      format: 'bank-csv',
      account: meta.account ?? trailer.account,
      currency,
      statementId: null,
      opening: balance(openingAmount, from),
      closing: balance(closingAmount, to),
      entries: entries.map((line) => line.entry),
    },
  ];
}

const norm = (name: string) =>
  name.toLowerCase().replace(/[^a-z0-9#]+/g, ' ').trim().replace(/\s+(?:inr|rs|in rs|in inr)$/, '');

function findHeader(grid: string[][], options: BankRowsOptions): Columns {
  const { mapping, layout } = options;
  if (layout === 'generic' && !mapping) throw new InvalidValue('mapping', 'the generic layout needs a mapping of column names');
  if (mapping && !mapping.amount && !(mapping.debit && mapping.credit)) {
    throw new InvalidValue('mapping', 'name either the debit and credit columns or the amount column');
  }
  const allowed = layout && layout !== 'generic' ? new Set(BANK_COLUMNS[layout].map(norm)) : null;
  for (let r = 0; r < grid.length; r++) {
    const cells = grid[r]!.map(norm);
    const index = mapping ? mappedColumns(cells, mapping) : roleColumns(cells, allowed);
    if (!index) continue;
    const columns: Columns = { header: r, index, names: grid[r]!, ...(mapping?.dateFormat ? { dateFormat: mapping.dateFormat } : {}) };
    // A Dr / Cr right after the balance is the balance's side when the amount has its own (Kotak
    // prints two) or the amounts come in debit and credit columns.
    const after = index.balance === undefined ? -1 : index.balance + 1;
    const sides = cells.filter((cell) => ROLE_NAMES.drCr.includes(cell)).length;
    if (after > 0 && ROLE_NAMES.drCr.includes(cells[after] ?? '') && (sides > 1 || index.amount === undefined)) {
      columns.balanceSide = after;
      if (index.drCr === after) delete index.drCr;
    }
    return columns;
  }
  if (mapping) {
    const wanted = Object.entries(mapping).filter(([k, v]) => k !== 'dateFormat' && v).map(([, v]) => v);
    throw new StatementParseError('row 1', `no table header found: expected the columns ${wanted.join(', ')}`);
  }
  if (allowed) throw new StatementParseError('row 1', `no table header found: expected ${layout!.toUpperCase()} columns like ${BANK_COLUMNS[layout as 'hdfc'].slice(0, 7).join(', ')}`);
  throw new StatementParseError('row 1', NO_HEADER);
}

function roleColumns(cells: string[], allowed: Set<string> | null): Columns['index'] | null {
  const index: Columns['index'] = {};
  const taken = new Set<number>();
  for (const role of Object.keys(ROLE_NAMES) as Role[]) {
    let best = -1;
    let rank = Infinity;
    cells.forEach((cell, i) => {
      const at = ROLE_NAMES[role].indexOf(cell);
      if (at >= 0 && at < rank && !taken.has(i) && (!allowed || allowed.has(cell))) [best, rank] = [i, at];
    });
    if (best >= 0) {
      index[role] = best;
      taken.add(best);
    }
  }
  if (index.date === undefined && index.valueDate !== undefined) [index.date, index.valueDate] = [index.valueDate, undefined];
  const hasAmount = (index.debit !== undefined && index.credit !== undefined) || index.amount !== undefined;
  return index.date !== undefined && index.description !== undefined && hasAmount ? index : null;
}

function mappedColumns(cells: string[], mapping: BankCsvMapping): Columns['index'] | null {
  const index: Columns['index'] = {};
  for (const role of ['date', 'valueDate', 'description', 'reference', 'debit', 'credit', 'amount', 'drCr', 'balance'] as const) {
    const name = mapping[role];
    if (!name) continue;
    const at = cells.indexOf(norm(name));
    if (at < 0) return null;
    index[role] = at;
  }
  return index;
}

interface Meta {
  account: string | null;
  currency: string | null;
  from: IsoDate | null;
  to: IsoDate | null;
  opening: bigint | null;
  closing: bigint | null;
}

const DATE_TOKEN = String.raw`\d{4}-\d{2}-\d{2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{1,2}[ -][A-Za-z]{3,9}[ ,-]+\d{2,4}`;
const PERIOD = new RegExp(String.raw`(?:from|period|between)\b[^0-9]*?(${DATE_TOKEN})\s*(?:to|till|upto|-)\s*:?\s*(${DATE_TOKEN})`, 'i');
const ACCOUNT_LABEL = /\b(?:a\/?c|account)\s*(?:no|number|num)\b\.?/i;
const OPENING_LABEL = /^(?:opening|op\.?)\s*bal(?:ance)?\b/i;
const CLOSING_LABEL = /^(?:closing|clo?s?\.?)\s*bal(?:ance)?\b/i;
const START_LABEL = /^(?:start|from) date\b/i;
const END_LABEL = /^(?:end|to) date\b/i;

/** Account, currency, period and balances from the text above or below the table. */
function readMeta(rows: string[][]): Meta {
  const meta: Meta = { account: null, currency: null, from: null, to: null, opening: null, closing: null };
  rows.forEach((row, r) => {
    const line = row.filter(Boolean).join(' ');
    if (!line) return;
    const period = PERIOD.exec(line);
    if (period && !meta.from) [meta.from, meta.to] = [readDate(period[1]!), readDate(period[2]!)];
    const currency = /\bcurrency\s*:?\s*([A-Z]{3})\b/i.exec(line)?.[1]?.toUpperCase();
    if (currency && isCurrency(currency)) meta.currency ??= currency;
    row.forEach((cell, c) => {
      const label = ACCOUNT_LABEL.exec(cell);
      if (label && !meta.account) {
        const value = [cell.slice(label.index + label[0].length), ...row.slice(c + 1)].join(' ');
        const number = /[0-9Xx*]{6,20}/.exec(value.replace(/[\s-]/g, (s) => (s === '-' ? '' : ' ')))?.[0];
        if (number && /\d{4}/.test(number)) meta.account = /^0{4,}\d+$/.test(number) ? number.replace(/^0+/, '') : number;
      }
      if (OPENING_LABEL.test(cell)) meta.opening ??= labelledAmount(rows, r, c, OPENING_LABEL);
      if (CLOSING_LABEL.test(cell)) meta.closing ??= labelledAmount(rows, r, c, CLOSING_LABEL);
      if (START_LABEL.test(cell)) meta.from ??= labelledDate(row, c, START_LABEL);
      if (END_LABEL.test(cell)) meta.to ??= labelledDate(row, c, END_LABEL);
    });
    // ICICI corporate: "Transactions List - -ACME TRADERS (INR) - 037505012379"
    const list = /transactions? list\b.*?(?:\((\w{3})\))?\s*-\s*(\d{6,20})\s*$/i.exec(line);
    if (list) meta.account ??= list[2]!;
  });
  return meta;
}

/**
 * "Opening Balance : 1,00,000.00 Cr", the value in the next cell, or under the label in the next
 * row (HDFC's statement summary).
 */
function labelledAmount(rows: string[][], r: number, c: number, label: RegExp): bigint | null {
  const row = rows[r]!;
  const own = row[c]!.replace(label, '');
  const sameRow = (own.includes(':') ? own.slice(own.lastIndexOf(':') + 1) : own).trim() || row.slice(c + 1).find(Boolean) || '';
  const below = rows.slice(r + 1).find((cells) => cells.some(Boolean))?.[c] ?? '';
  for (const text of [sameRow, below]) {
    const money = tryMoney(text);
    if (money) return money.side === 'dr' ? -abs(money.value) : money.value;
  }
  return null;
}

/** SBI states the period as "Start Date : 1 Apr 2024" and "End Date : 30 Apr 2024". */
function labelledDate(row: string[], c: number, label: RegExp): IsoDate | null {
  const own = row[c]!.replace(label, '').replace(/^[\s:.-]+/, '');
  return readDate(own || row.slice(c + 1).find(Boolean) || '');
}

interface Line {
  entry: StatementEntry;
  balance: bigint | null;
  row: number;
}

const BLANK = /^[\s*=_~.-]*$/;
const OPENING_ROW = /^(?:opening balance|balance b\/?f|b\/f|brought forward|balance brought forward)\b/i;
const CLOSING_ROW = /^(?:closing balance|balance c\/?f|c\/f|carried forward|balance carried forward)\b/i;
const TRAILER = /end of statement|computer generated|statement summary|dr count|cr count|total|page \d|generated on|\*\*\*/i;
const LOOKS_LIKE_DATE = /^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}|^\d{1,2}[ -][A-Za-z]{3}/;

function readTable(grid: string[][], columns: Columns, currency: string) {
  const { index, names } = columns;
  const cell = (row: string[], role: Role) => (index[role] === undefined ? '' : (row[index[role]!] ?? ''));
  const lines: Line[] = [];
  let opening: bigint | null = null;
  let closing: bigint | null = null;
  let r = columns.header + 1;
  const headerKey = grid[columns.header]!.map(norm).join('|');
  for (; r < grid.length; r++) {
    const row = grid[r]!;
    if (row.every((c) => BLANK.test(c))) continue;
    // Exports split into pages repeat the header.
    if (row.map(norm).join('|') === headerKey) continue;
    const where = `row ${r + 1}`;
    const dateText = cell(row, 'date');
    const description = cell(row, 'description');
    const marker = OPENING_ROW.test(description) || OPENING_ROW.test(dateText) ? 'opening' : CLOSING_ROW.test(description) || CLOSING_ROW.test(dateText) ? 'closing' : null;
    // ICICI's dated "B/F" row carries 0.00 in both amount columns; a real transaction never does.
    const moved = (['debit', 'credit', 'amount'] as const).some((role) => (tryMoney(cell(row, role), currency)?.value ?? 0n) !== 0n);
    if (marker && !moved) {
      const stated = cell(row, 'balance') ? rowBalance(row, columns, currency, where) : null;
      if (marker === 'opening') opening ??= stated;
      else {
        closing = stated;
        r++;
        break;
      }
      continue;
    }
    const bookingDate = readDate(dateText, columns.dateFormat);
    if (!bookingDate) {
      if (dateText && LOOKS_LIKE_DATE.test(dateText)) throw new StatementParseError(where, `${names[index.date!]}: "${dateText}" is not a date`);
      // A narration wrapped onto the next row: only the text columns are filled.
      const onlyText = row.every((c, i) => !c || i === index.description || i === index.reference);
      const previous = lines[lines.length - 1];
      if (!dateText && description && onlyText && previous && !TRAILER.test(description)) {
        previous.entry.remittance += `\n${description}`;
        continue;
      }
      break;
    }
    const valueText = cell(row, 'valueDate');
    const valueDate = valueText ? readDate(valueText, columns.dateFormat) : null;
    if (valueText && !valueDate) throw new StatementParseError(where, `${names[index.valueDate!]}: "${valueText}" is not a date`);
    lines.push({
      row: r + 1,
      balance: cell(row, 'balance') ? rowBalance(row, columns, currency, where) : null,
      entry: {
        amount: rowAmount(row, columns, currency, where),
        currency,
        bookingDate,
        valueDate,
        reference: cleanReference(cell(row, 'reference')) ?? cleanReference(cell(row, 'tranId')),
        bankReference: null,
        endToEndId: null,
        counterparty: null,
        remittance: description,
        transactionCode: null,
        reversal: false,
        source: where,
      },
    });
  }
  // Read once any wrapped lines are joined: the UTR may be on the second line.
  for (const { entry } of lines) Object.assign(entry, fromNarration(entry.remittance.replace(/\n/g, ' ')));
  return { lines, opening, closing, end: r };
}

function fromNarration(text: string): Pick<StatementEntry, 'bankReference' | 'counterparty' | 'transactionCode' | 'reversal'> {
  const narration = parseIndianNarration(text);
  const counterparty = { name: narration.name, account: narration.vpa ?? narration.account, bankCode: narration.ifsc };
  return {
    bankReference: narration.utr,
    counterparty: counterparty.name || counterparty.account || counterparty.bankCode ? counterparty : null,
    transactionCode: narration.channel,
    reversal: isReversalNarration(text),
  };
}

function rowAmount(row: string[], { index, names }: Columns, currency: string, where: string): bigint {
  const read = (role: Role) => (index[role] === undefined ? null : money(row[index[role]!] ?? '', currency, where, names[index[role]!]!));
  if (index.debit !== undefined && index.credit !== undefined) {
    const debit = abs(read('debit')?.value ?? 0n);
    const credit = abs(read('credit')?.value ?? 0n);
    const [d, c] = [names[index.debit]!, names[index.credit]!];
    if (debit && credit) throw new StatementParseError(where, `both ${d} and ${c} hold an amount`);
    if (!debit && !credit) throw new StatementParseError(where, `no amount in ${d} or ${c}`);
    return credit || -debit;
  }
  const amount = read('amount');
  const name = names[index.amount!]!;
  if (!amount) throw new StatementParseError(where, `${name}: no amount`);
  let side = amount.side;
  if (index.drCr !== undefined) {
    const text = row[index.drCr] ?? '';
    side = sideOf(text);
    if (!side) throw new StatementParseError(where, `${names[index.drCr]}: "${text}" is neither Dr nor Cr`);
  }
  return side === 'dr' ? -abs(amount.value) : side === 'cr' ? abs(amount.value) : amount.value;
}

function rowBalance(row: string[], { index, names, balanceSide }: Columns, currency: string, where: string): bigint | null {
  const balance = money(row[index.balance!] ?? '', currency, where, names[index.balance!]!);
  if (!balance) return null;
  const side = balanceSide !== undefined ? (sideOf(row[balanceSide] ?? '') ?? balance.side) : balance.side;
  return side === 'dr' ? -abs(balance.value) : side === 'cr' ? abs(balance.value) : balance.value;
}

/**
 * Banks list oldest first or newest first, and the running balance says which: each row's
 * balance is the previous one plus its amount. Entries come out oldest first.
 */
function inDateOrder(lines: Line[], columns: Columns, currency: string): Line[] {
  const reversed = [...lines].reverse();
  const newestFirst = lines.length > 1 && lines[0]!.entry.bookingDate > lines[lines.length - 1]!.entry.bookingDate;
  if (columns.index.balance === undefined) return newestFirst ? reversed : lines;
  const forward = balanceBreak(lines);
  const backward = balanceBreak(reversed);
  // Both readings hold only for lines that undo each other; then the dates decide.
  if (!forward && !backward) return newestFirst ? reversed : lines;
  if (!forward) return lines;
  if (!backward) return reversed;
  const fault = newestFirst ? backward : forward;
  const f = (n: bigint) => groupAmount(n, currency);
  const { line, previous } = fault;
  const sign = line.entry.amount < 0n ? '-' : '+';
  throw new StatementParseError(
    `row ${line.row}`,
    `balance ${f(line.balance!)} does not follow from the previous balance and this row's amount: ${f(previous)} ${sign} ${f(abs(line.entry.amount))} = ${f(previous + line.entry.amount)}`,
  );
}

/** The first row, in this order, whose balance is not the previous balance plus its amount; rows without a balance are bridged. */
function balanceBreak(lines: Line[]): { line: Line; previous: bigint } | null {
  let running: bigint | null = null;
  for (const line of lines) {
    if (running !== null) running += line.entry.amount;
    if (line.balance === null) continue;
    if (running !== null && running !== line.balance) return { line, previous: running - line.entry.amount };
    running = line.balance;
  }
  return null;
}

/** Dates as the banks write them (01/04/24, 01-04-2024, 1 Apr 2024, 01-APR-24, "08/07/2026 11:47:53 AM") and as XLSX cells arrive. */
function readDate(text: string, format?: DateFormat): IsoDate | null {
  let t = text.trim();
  if (/^\d{5}(?:\.\d+)?$/.test(t)) {
    const serial = Number(t);
    return serial >= 20000 && serial < 80000 ? fromExcelSerial(serial) : null;
  }
  t = t.replace(/[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[AP]M)?(?:Z|[+-]\d{2}:?\d{2})?$/i, '').trim();
  t = t.replace(/^(\d{1,2}[ -])([A-Za-z]{3})[A-Za-z]*\.?(?=[ ,-]+\d)/, '$1$2');
  if (format) return parseDateAs(t, format) ?? parseDateAs(t, 'YYYY-MM-DD');
  return parseDateAny(t, ['YYYY-MM-DD', 'D/M/YYYY', 'D-MMM-YYYY']);
}

interface Money {
  value: bigint;
  side: 'dr' | 'cr' | null;
}

function tryMoney(text: string, currency = 'INR'): Money | null {
  let t = text.replace(/\s+/g, ' ').trim();
  if (!t || /^[-–—]$/.test(t)) return null;
  let side: Money['side'] = null;
  const suffix = /\(?\s*(dr|cr)\.?\s*\)?$/i.exec(t);
  if (suffix && suffix.index > 0) {
    side = suffix[1]!.toLowerCase() as 'dr' | 'cr';
    t = t.slice(0, suffix.index).trim();
  }
  try {
    return { value: parseLooseAmount(t, currency), side };
  } catch {
    return null;
  }
}

function money(text: string, currency: string, where: string, column: string): Money | null {
  if (!text.trim() || /^[-–—]$/.test(text.trim())) return null;
  const parsed = tryMoney(text, currency);
  if (!parsed) throw new StatementParseError(where, `${column}: "${text}" is not an amount`);
  return parsed;
}

function sideOf(text: string): 'dr' | 'cr' | null {
  const t = text.trim().toLowerCase().replace(/\.$/, '');
  if (['dr', 'd', 'debit', 'withdrawal'].includes(t)) return 'dr';
  if (['cr', 'c', 'credit', 'deposit'].includes(t)) return 'cr';
  return null;
}

/** Placeholders for "no reference", and the zero padding HDFC puts on numbers (0000603412345678, 000000094622). */
function cleanReference(text: string): string | null {
  const t = text.trim();
  if (!t || /^(?:-+|NA|N\/A|NIL|NONE|0+)$/i.test(t)) return null;
  // Six digits stay: a cheque number is six digits, leading zeros and all.
  if (/^0+\d{6,}$/.test(t)) return t.replace(/^0+/, '').padStart(6, '0');
  return t;
}

const abs = (n: bigint) => (n < 0n ? -n : n);

/** 123456700n INR → "12,34,567.00": the grouping the user sees in the bank's own file. */
function groupAmount(minor: bigint, currency: string): string {
  const [whole, fraction] = formatAmount(abs(minor), currency).split('.') as [string, string | undefined];
  const grouped = currency === 'INR' ? whole.replace(/(\d)(?=(\d\d)+\d$)/g, '$1,') : whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return `${minor < 0n ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}
