import { type IsoDate, isIsoDate } from '../dates.ts';
import { formatAmount, isCurrency, MAX_AMOUNT } from '../money.ts';
import { type ParsedStatement, type StatementEntry, StatementParseError } from './types.ts';

/**
 * BAI2 (BAI Cash Management Balance Reporting Specifications, version 2): the US and Canadian
 * banks' prior-day and intraday reports.
 *
 * Decisions, so that every caller reads a file the same way:
 * - One ParsedStatement per 03 account record, in file order. statementId is the file's creation
 *   date and file identification number ("2024-03-15/001"): BAI2 has no statement number, and
 *   that pair is what the spec makes unique per sender.
 * - Amounts are whole numbers of the currency's minor units (implied decimals); the currency is
 *   the 03 record's, else the 02 group's, else USD, as BAI2 readers assume.
 * - opening is type code 010 (opening ledger), closing 015 (closing ledger), both dated the
 *   group's as-of date; available balances (040/045) are not ledger balances and are left out.
 * - Entries are the 16 records with type codes 100–399 (credits, positive) and 400–699 (debits,
 *   negative). Loan (700–799), non-monetary (890) and bank-specific (900–999) details are not
 *   money on the account and are skipped, but their amounts still count in the control totals.
 * - bookingDate is the group's as-of date; valueDate is the funds type V date, else null.
 * - A 16 record's text runs to the end of the record, commas included; a trailing "/" is taken as
 *   the record's terminator. Text continued on 88 records is joined with "\n".
 * - Control totals and record counts of 49, 98 and 99 are checked, and a file must end with its
 *   99 trailer: a cut-short file is refused rather than imported in part.
 */

const DEFAULT_CURRENCY = 'USD';

interface Part {
  line: number;
  text: string;
}

interface LogicalRecord {
  code: string;
  line: number;
  /** The record and its 88 continuations, record code and trailing "/" removed. */
  parts: Part[];
}

/** Comma-separated fields read across a record and its continuations. */
class Fields {
  private index = 0;
  private pos = 0;
  /** The line of the field read last, for error messages. */
  line: number;

  constructor(private readonly parts: Part[]) {
    this.line = parts[0]!.line;
  }

  next(): string | undefined {
    let part = this.parts[this.index];
    while (part && (part.text === '' || this.pos > part.text.length)) {
      part = this.parts[++this.index];
      this.pos = 0;
    }
    if (!part) return undefined;
    this.line = part.line;
    const comma = part.text.indexOf(',', this.pos);
    const end = comma === -1 ? part.text.length : comma;
    const field = part.text.slice(this.pos, end).trim();
    this.pos = end + 1;
    return field;
  }

  skip(count: number): void {
    for (let i = 0; i < count; i++) this.next();
  }

  /** Refuses the record, naming the line of the field read last. */
  fail(message: string): never {
    return fail(this.line, message);
  }

  /** Everything left: a 16 record's text. */
  rest(): string {
    const pieces: string[] = [];
    const part = this.parts[this.index];
    if (part && this.pos <= part.text.length) pieces.push(part.text.slice(this.pos));
    for (const later of this.parts.slice(this.index + 1)) pieces.push(later.text);
    this.index = this.parts.length;
    return pieces
      .map((p) => p.trim())
      .filter(Boolean)
      .join('\n');
  }
}

interface Trailer {
  line: number;
  total: bigint;
  records: number;
  children: number;
}

interface Account {
  statement: ParsedStatement;
  trailer: Trailer;
}

interface Group {
  asOf: IsoDate;
  currency: string;
  trailer: Trailer;
}

export function parseBai2(text: string): ParsedStatement[] {
  const records = readRecords(text);
  if (records.length === 0) fail(1, 'the file is empty');
  const statements: ParsedStatement[] = [];
  let file: { trailer: Trailer; statementId: string | null } | null = null;
  let group: Group | null = null;
  let account: Account | null = null;

  for (const record of records) {
    const where = `line ${record.line}`;
    const fields = new Fields(record.parts);
    const physical = record.parts.length;
    if (file) file.trailer.records += physical;
    if (group) group.trailer.records += physical;
    if (account) account.trailer.records += physical;

    switch (record.code) {
      case '01': {
        if (file) fail(record.line, 'a second 01 file header before the 99 file trailer');
        fields.skip(2); // sender, receiver
        const created = yymmdd(fields.next(), fields, 'file creation date');
        fields.next(); // creation time
        const fileId = fields.next() || null;
        fields.skip(2); // physical record length, block size
        const version = fields.next() ?? '';
        if (!/^0*2$/.test(version))
          fail(record.line, `BAI version "${version}" is not supported (only version 2)`);
        file = {
          trailer: trailer(record.line, physical),
          statementId: [created, fileId].filter(Boolean).join('/'),
        };
        break;
      }
      case '02': {
        if (!file) fail(record.line, 'a 02 group header outside a file (no 01 before it)');
        if (group) fail(record.line, "a 02 group header before the previous group's 98 trailer");
        fields.skip(3); // ultimate receiver, originator, group status
        const asOf = yymmdd(fields.next(), fields, 'as-of date');
        fields.next(); // as-of time
        const currency = checkCurrency(fields.next() || DEFAULT_CURRENCY, fields);
        group = { asOf, currency, trailer: trailer(record.line, physical) };
        break;
      }
      case '03': {
        if (!group) fail(record.line, 'a 03 account record outside a group (no 02 before it)');
        if (account) fail(record.line, "a 03 account record before the previous account's 49 trailer");
        account = readAccount(fields, group, file!.statementId, record.line, physical);
        break;
      }
      case '16': {
        if (!account) fail(record.line, 'a 16 transaction detail outside an account (no 03 before it)');
        const entry = readDetail(fields, account, group!, where);
        if (entry) account.statement.entries.push(entry);
        break;
      }
      case '49': {
        if (!account) fail(record.line, 'a 49 account trailer without its 03 account record');
        const currency = account.statement.currency!;
        checkTrailer(fields, account.trailer, null, `account ${account.statement.account}`, (n) =>
          formatAmount(n, currency),
        );
        group!.trailer.total += account.trailer.total;
        group!.trailer.children += 1;
        statements.push(account.statement);
        account = null;
        break;
      }
      case '98': {
        if (!group) fail(record.line, 'a 98 group trailer without its 02 group header');
        if (account) fail(record.line, `account ${account.statement.account} has no 49 trailer`);
        checkTrailer(fields, group.trailer, 'accounts', 'group', String);
        file!.trailer.total += group.trailer.total;
        file!.trailer.children += 1;
        group = null;
        break;
      }
      case '99': {
        if (!file) fail(record.line, 'a 99 file trailer without its 01 file header');
        if (group) fail(record.line, `the group that starts at line ${group.trailer.line} has no 98 trailer`);
        checkTrailer(fields, file.trailer, 'groups', 'file', String);
        file = null;
        break;
      }
      default:
        fail(record.line, `"${record.code}" is not a BAI2 record code`);
    }
  }
  if (file) {
    const last = records.at(-1)!.parts.at(-1)!.line;
    fail(last, 'the file ends without its 99 file trailer: it may be cut short');
  }
  return statements;
}

function readRecords(text: string): LogicalRecord[] {
  const records: LogicalRecord[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .forEach((raw, i) => {
      const line = i + 1;
      const content = raw.trim();
      if (content === '') return;
      if (!/^\d\d(,|\/?$)/.test(content)) {
        fail(line, `"${content.slice(0, 24)}" is not a BAI2 record (a two-digit record code and a comma)`);
      }
      let body = content.slice(3).trimEnd();
      if (body.endsWith('/')) body = body.slice(0, -1);
      const code = content.slice(0, 2);
      if (code !== '88') {
        records.push({ code, line, parts: [{ line, text: body }] });
        return;
      }
      const previous = records.at(-1);
      if (!previous) fail(line, 'an 88 continuation with no record before it');
      previous.parts.push({ line, text: body });
    });
  if (records[0] && records[0].code !== '01') {
    fail(records[0].line, 'a BAI2 file starts with an 01 file header');
  }
  return records;
}

function readAccount(
  fields: Fields,
  group: Group,
  statementId: string | null,
  line: number,
  physical: number,
): Account {
  const number = fields.next();
  if (!number) fail(line, 'the 03 record has no account number');
  const currency = checkCurrency(fields.next() || group.currency, fields);
  const statement: ParsedStatement = {
    format: 'bai2',
    account: number,
    currency,
    statementId,
    opening: null,
    closing: null,
    entries: [],
  };
  const account: Account = { statement, trailer: trailer(line, physical) };
  for (let code = fields.next(); code !== undefined; code = fields.next()) {
    const amount = fields.next() ?? '';
    fields.next(); // item count
    readFundsType(fields);
    if (code === '' && amount === '') continue;
    if (!/^\d{3}$/.test(code)) fields.fail(`type code "${code}" is not three digits`);
    if (amount === '') continue;
    const minor = minorUnits(amount, fields, `the ${code} amount`, true);
    account.trailer.total += minor;
    if (code === '010') statement.opening = { amount: minor, currency, date: group.asOf };
    if (code === '015') statement.closing = { amount: minor, currency, date: group.asOf };
  }
  return account;
}

function readDetail(fields: Fields, account: Account, group: Group, where: string): StatementEntry | null {
  const code = fields.next() ?? '';
  if (!/^\d{3}$/.test(code)) fields.fail(`type code "${code}" is not three digits`);
  const type = Number(code);
  const sign = type >= 100 && type <= 399 ? 1n : type >= 400 && type <= 699 ? -1n : 0n;
  const currency = account.statement.currency!;
  const raw = fields.next() ?? '';
  if (raw === '' && sign !== 0n) fields.fail(`the ${code} transaction has no amount`);
  const amount = raw === '' ? 0n : minorUnits(raw, fields, 'the amount', false);
  account.trailer.total += amount;
  const valueDate = readFundsType(fields);
  const bankReference = fields.next() || null;
  const reference = fields.next() || null;
  const remittance = fields.rest();
  if (sign === 0n) return null;
  return {
    amount: sign * amount,
    currency,
    bookingDate: group.asOf,
    valueDate,
    reference,
    bankReference,
    endToEndId: null,
    counterparty: null,
    remittance,
    transactionCode: code,
    reversal: false,
    source: where,
  };
}

/** Reads the funds type and the fields that its kind adds; returns a type V value date. */
function readFundsType(fields: Fields): IsoDate | null {
  const type = (fields.next() ?? '').toUpperCase();
  switch (type) {
    case '':
    case '0':
    case '1':
    case '2':
    case 'Z':
      return null;
    case 'S': // immediate, one-day and two-or-more-day availability
      for (let i = 0; i < 3; i++) availability(fields.next(), fields);
      return null;
    case 'V': {
      const date = fields.next();
      fields.next(); // value time
      return date ? yymmdd(date, fields, 'value date') : null;
    }
    case 'D': {
      const count = fields.next() ?? '';
      if (!/^\d{1,3}$/.test(count))
        fields.fail(`funds type D needs a number of distributions, not "${count}"`);
      for (let i = 0; i < Number(count); i++) {
        const days = fields.next() ?? '';
        if (!/^\d+$/.test(days)) fields.fail(`availability in days "${days}" is not a number`);
        availability(fields.next(), fields);
      }
      return null;
    }
    default:
      fields.fail(`funds type "${type}" is not one of 0, 1, 2, S, V, D or Z`);
  }
}

/** Availability amounts split the detail's amount, so they are checked but not counted. */
function availability(value: string | undefined, fields: Fields): void {
  if (value && !/^[+-]?\d+$/.test(value)) {
    fields.fail(`availability amount "${value}" is not a whole number of minor units`);
  }
}

function checkTrailer(
  fields: Fields,
  expected: Trailer,
  childName: string | null,
  what: string,
  show: (n: bigint) => string,
): void {
  const where = `${what} (from line ${expected.line})`;
  const summed = childName ? `its ${childName}' totals` : 'its 03 and 16 amounts';
  const totalText = fields.next() ?? '';
  if (!/^[+-]?\d+$/.test(totalText)) fields.fail(`control total "${totalText}" is not a whole number`);
  const total = BigInt(totalText);
  const childText = childName ? (fields.next() ?? '') : '';
  const recordsText = fields.next() ?? '';
  if (total !== expected.total) {
    fields.fail(
      `${where}: the control total is ${show(total)} but ${summed} add up to ${show(expected.total)}`,
    );
  }
  if (childName && childText !== '' && Number(childText) !== expected.children) {
    fields.fail(
      `${where}: the trailer counts ${Number(childText)} ${childName} but there are ${expected.children}`,
    );
  }
  if (recordsText !== '' && Number(recordsText) !== expected.records) {
    fields.fail(
      `${where}: the trailer counts ${Number(recordsText)} records but there are ${expected.records}`,
    );
  }
}

function trailer(line: number, records: number): Trailer {
  return { line, total: 0n, records, children: 0 };
}

function minorUnits(value: string, fields: Fields, what: string, signed: boolean): bigint {
  if (!(signed ? /^[+-]?\d+$/ : /^\d+$/).test(value)) {
    fields.fail(`${what} "${value}" is not a whole number of minor units`);
  }
  const minor = BigInt(value);
  if ((minor < 0n ? -minor : minor) > MAX_AMOUNT) fields.fail(`${what} "${value}" is too large`);
  return minor;
}

function checkCurrency(code: string, fields: Fields): string {
  return isCurrency(code) ? code : fields.fail(`unknown currency "${code}"`);
}

function fail(line: number, message: string): never {
  throw new StatementParseError(`line ${line}`, message);
}

function yymmdd(value: string | undefined, fields: Fields, what: string): IsoDate {
  const match = /^(\d\d)(\d\d)(\d\d)$/.exec(value ?? '');
  // BAI2 years have two digits; a pivot at 70 reads every file a bank still sends.
  const date = match ? `${Number(match[1]) < 70 ? '20' : '19'}${match[1]}-${match[2]}-${match[3]}` : '';
  if (!isIsoDate(date)) fields.fail(`${what} "${value ?? ''}" is not a valid YYMMDD date`);
  return date;
}
