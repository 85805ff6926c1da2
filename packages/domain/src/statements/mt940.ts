import { daysInMonth, type IsoDate, isIsoDate } from '../dates.ts';
import { currencyExponent, isCurrency, MAX_AMOUNT } from '../money.ts';
import {
  type Counterparty,
  type ParsedStatement,
  type StatementBalance,
  type StatementEntry,
  type StatementFormat,
  StatementParseError,
} from './types.ts';

/**
 * SWIFT MT940 (customer statement) and MT942 (interim transaction report), as banks write them.
 *
 * Decisions, so that every caller reads a file the same way:
 * - A statement starts at :20:, at a SWIFT header, after the "-" that ends a message, and at an
 *   opening balance when the statement has one already (some exports leave out :20:). It is an
 *   MT942 when its header says 942 or it has :13D:, :34F: or :90C:/:90D:.
 * - A line is a new field only if MT940/MT942 has its tag; any other line continues the field
 *   before it (a wrapped "…2014-09-12T16" puts ":26:37" at the start of a line). Lines before the
 *   first field (ING's, Rabobank's own headers) and after a message's end are skipped.
 * - Amounts are exact minor units of the statement's currency: its opening balance's, else
 *   :34F:'s, the closing's, a currency ending :25:, the previous statement's. A currency money.ts
 *   does not know (withdrawn: DEM) has 2 decimals; entries of a statement naming none have "".
 * - D and RC (reversed credit) are negative, C and RD positive; reversal is true for RC/RD.
 * - 30 February (German 30-day months) is February's last day. An entry date (MMDD) more than six
 *   months from the value date is in the year before or after it.
 * - :28C: is number/sequence; more than 5 digits without "/" are both. statementId is :20:/:28C:.
 * - reference is the :61: customer reference unpadded (a SEPA KREF+ in :86: wins: the same, uncut);
 *   text past its 16 characters without "//" (Rabobank's payee) joins the supplementary details.
 * - :86: after an entry is the entry's (Rabobank writes several); after the balances it is about
 *   the whole statement (information), never the last entry's remittance.
 * - A structured :86: (a three-digit GVC, then ?00…?63; Triodos writes ">" for "?") gives the
 *   counterparty from ?32+?33, ?38 or ?31, ?30; remittance is the SEPA SVWZ+, else the purpose
 *   ?20–?29, ?60–?63 joined as written (banks cut them anywhere); transactionCode is "NTRF/166",
 *   the :61: type and the GVC. "/CODE/value/" text gives /NAME/ /IBAN/ /BIC/ /EREF/ /REMI/. Free
 *   text is the remittance, lines trimmed, empty ones dropped. endToEndId is EREF+ or /EREF/.
 */

export type Mt940Mark = 'C' | 'D' | 'RC' | 'RD';

export interface Mt940Entry {
  entry: StatementEntry;
  /** As written; kept because a zero amount has no sign. */
  mark: Mt940Mark;
  /** The :61: transaction type: N, F or S and three characters (NTRF, NMSC, FCHK). */
  typeCode: string;
  /** The :61: customer reference, unpadded, before any KREF+ of the :86:; null when empty. */
  customerReference: string | null;
  /** null where the :61: gives only the value date. */
  entryDate: IsoDate | null;
  supplementary: string | null;
  /** The entry's :86: lines, trimmed, without empty ones, joined by "\n"; null without :86:. */
  details: string | null;
  /** '?' or '>' for GVC subfields, '/' for /CODE/value/, null for free text. */
  structure: '?' | '>' | '/' | null;
  /** A structured :86:'s subfields in file order: ['00', 'GUTSCHRIFT'], ['20', 'EREF+…'], ['NAME', …]. */
  fields: [string, string][];
  gvc: string | null;
  /** SEPA keywords of the purpose (EREF, KREF, MREF, CRED, SVWZ, …). */
  sepa: Record<string, string>;
}

export type Mt940Total = { count: number; amount: bigint; currency: string };

export interface Mt940Statement {
  statement: ParsedStatement;
  transactionReference: string | null;
  statementNumber: string | null;
  sequenceNumber: string | null;
  /** F for 60F/62F; M for the intermediate balances of a statement split over several messages. */
  openingKind: 'F' | 'M' | null;
  closingKind: 'F' | 'M' | null;
  /** :64: */
  available: StatementBalance | null;
  /** :86: after the balances, about the whole statement; "" if none. */
  information: string;
  /** MT942 :13D: as written (YYMMDDHHMM±HHMM). */
  reportedAt: string | null;
  /** MT942 :34F:; mark null where one limit is for debits and credits. */
  floorLimits: { mark: 'C' | 'D' | null; amount: bigint; currency: string }[];
  /** MT942 :90D: and :90C:. */
  debits: Mt940Total | null;
  credits: Mt940Total | null;
  entries: Mt940Entry[];
}

type Field = { tag: string; line: number; lines: string[] };
type Token = Field | { end: true; format: StatementFormat | null };
type Maybe = string | null | undefined;
type Line61 = {
  line: number;
  valueDate: IsoDate;
  amount: string;
  bankReference: string | null;
  details: string[][] | null;
  meta: Pick<Mt940Entry, 'mark' | 'typeCode' | 'customerReference' | 'entryDate' | 'supplementary'>;
};
type Details = Pick<Mt940Entry, 'details' | 'structure' | 'fields' | 'gvc' | 'sepa'>;
type Draft = Omit<Mt940Statement, 'statement' | 'entries' | 'information'> &
  Pick<ParsedStatement, 'format' | 'account' | 'opening' | 'closing'> & {
    lines: Line61[];
    information: string[][];
  };

const TAGS = new Set(
  '20 21 25 25P 28 28C 60 60F 60M 61 86 62 62F 62M 64 65 13 13D 34F 90C 90D NS'.split(' '),
);
const MT942_TAGS = new Set(['13D', '34F', '90C', '90D']);
const END = /^-(\}.*)?\s*$/;
const HEADER_BLOCK = /^\{[1-35]:(?:[^{}]|\{[^{}]*\})*\}/;
const SEPA_KEYWORD =
  /(EREF|KREF|MREF|CRED|DEBT|SVWZ|ABWA|ABWE|IBAN|BIC|PURP|MDAT|SQTP|ORCR|ORMR|DDAT|COAM|OAMT)\+/g;
const SWIFT_CODES =
  'TRTP|IBAN|BIC|NAME|REMI|EREF|MARF|CSID|ORDP|BENM|ULTD|ULTC|ULTB|ADDR|ISDT|RTRN|PREF|PURP|CNTP|CHGS|OCMT';
const SWIFT_CODE = new RegExp(`/(${SWIFT_CODES})/`, 'g');

export function parseMt940(text: string): ParsedStatement[] {
  return parseMt940Detailed(text).map((s) => s.statement);
}

export function parseMt940Detailed(text: string): Mt940Statement[] {
  const tokens = tokenize(text);
  if (!tokens.some((t) => 'tag' in t)) {
    const start = Math.max(0, text.search(/\S/));
    const shown = clip(text.slice(start).split(/\r|\n/)[0]!.trim());
    const what = shown ? `"${shown}" is not a field such as :20:, :25:, :61:` : 'the text is empty';
    throw fail(text.slice(0, start).split(/\r\n|\r|\n/).length, `not an MT940 or MT942 statement: ${what}`);
  }
  const statements: Mt940Statement[] = [];
  let draft: Draft | null = null;
  let attach: Line61 | null = null;
  let format: StatementFormat = 'mt940';
  const finish = () => {
    if (draft) statements.push(build(draft, statements.at(-1)?.statement.currency ?? null));
    draft = null;
    attach = null;
  };
  for (const token of tokens) {
    if ('end' in token) {
      finish();
      format = token.format ?? format;
      continue;
    }
    const { tag, line } = token;
    const key = tag.slice(0, 2);
    const value = token.lines[0]!.trim();
    if (tag === 'NS') continue;
    if (
      (key === '20' && draft?.transactionReference) ||
      (key === '60' && (draft?.opening || draft?.closing || draft?.lines.length))
    ) {
      finish();
    }
    draft ??= newDraft(format);
    const d: Draft = draft;
    if (MT942_TAGS.has(tag)) d.format = 'mt942';
    if (key === '20') d.transactionReference = value || null;
    else if (key === '25') d.account = value || null;
    else if (key === '28') [d.statementNumber, d.sequenceNumber] = statementNumber(value);
    else if (key === '60') [d.opening, d.openingKind] = [balance(value, line, tag), kind(tag)];
    else if (key === '62') [d.closing, d.closingKind] = [balance(value, line, tag), kind(tag)];
    else if (key === '64') d.available = balance(value, line, tag);
    else if (key === '65')
      balance(value, line, tag); // forward balances: checked, not kept
    else if (key === '61') d.lines.push(line61(token.lines, line));
    else if (key === '86' && attach) attach.details = [...(attach.details ?? []), token.lines];
    else if (key === '86') d.information.push(token.lines);
    else if (key === '13') d.reportedAt = value || null;
    else if (key === '34') d.floorLimits.push(floorLimit(value, line));
    else if (key === '90') d[tag === '90D' ? 'debits' : 'credits'] = total(value, line, tag);
    if (key !== '86') attach = key === '61' ? (d.lines.at(-1) ?? null) : null;
  }
  finish();
  return statements;
}

function tokenize(text: string): Token[] {
  // Stray control characters (a DOS end-of-file mark, a NUL) would break the field patterns.
  const bare = text
    .replace(/^\uFEFF/, '')
    .replace(/\p{Cc}/gu, (c) => ('\t\n\r'.includes(c) || c > '\x7f' ? c : ''));
  const lines = bare.split(/\r\n|\r|\n/);
  const tokens: Token[] = [];
  let field: Field | null = null;
  for (let i = 0; i < lines.length; i++) {
    const number = i + 1;
    let line = lines[i]!;
    // Sparkassen exports break some lines between the field's first colon and its tag.
    if (line.trim() === ':' && /^\d{2}[A-Z]?:/.test(lines[i + 1] ?? '')) line = `:${lines[++i]}`;
    if (/^\{[1-5]:/.test(line)) {
      const header = stripBlocks(line);
      tokens.push({ end: true, format: header.format });
      field = null;
      line = header.rest;
    }
    if (END.test(line)) {
      tokens.push({ end: true, format: null });
      field = null;
      continue;
    }
    const tag = /^:(\d{2}[A-Z]?|NS):/.exec(line)?.[1];
    if (tag && TAGS.has(tag)) {
      field = { tag, line: number, lines: [line.slice(tag.length + 2)] };
      tokens.push(field);
    } else field?.lines.push(line);
  }
  return tokens;
}

/** Removes {1:…}{2:…}{3:{108:…}} and the opening "{4:", noting whether {2:} names an MT942. */
function stripBlocks(line: string): { rest: string; format: StatementFormat | null } {
  let rest = line;
  let format: StatementFormat | null = null;
  for (let block = HEADER_BLOCK.exec(rest); block; block = HEADER_BLOCK.exec(rest)) {
    const type = /^\{2:[IO](\d{3})/.exec(block[0])?.[1];
    if (type) format = type === '942' ? 'mt942' : 'mt940';
    rest = rest.slice(block[0].length);
  }
  return { rest: rest.replace(/^\{4:/, ''), format };
}

function newDraft(format: StatementFormat): Draft {
  return {
    ...{ format, account: null, transactionReference: null, statementNumber: null, sequenceNumber: null },
    ...{ opening: null, openingKind: null, closing: null, closingKind: null, available: null },
    ...{ reportedAt: null, floorLimits: [], debits: null, credits: null, lines: [], information: [] },
  };
}

function build(d: Draft, previousCurrency: string | null): Mt940Statement {
  const { format, account, opening, closing, lines, information, ...rest } = d;
  const stated = [opening, d.floorLimits[0], closing, d.available].find(Boolean)?.currency;
  const currency = stated ?? currencySuffix(account) ?? previousCurrency;
  const entries = lines.map((l) => entryOf(l, currency ?? ''));
  const number = d.sequenceNumber ? `${d.statementNumber}/${d.sequenceNumber}` : d.statementNumber;
  const statementId = [d.transactionReference, number].filter(Boolean).join('/') || null;
  const statement: ParsedStatement = {
    format,
    account,
    currency,
    statementId,
    opening,
    closing,
    entries: [],
  };
  statement.entries = entries.map((e) => e.entry);
  return { ...rest, statement, information: information.map(textOf).filter(Boolean).join('\n'), entries };
}

function entryOf(l: Line61, currency: string): Mt940Entry {
  const unsigned = minorUnits(l.amount, currency, l.line);
  const { mark, typeCode, entryDate, customerReference } = l.meta;
  const { details, remittance, endToEndId, counterparty } = readDetails(l.details);
  const entry: StatementEntry = {
    amount: mark === 'D' || mark === 'RC' ? -unsigned : unsigned,
    currency,
    bookingDate: entryDate ?? l.valueDate,
    valueDate: l.valueDate,
    reference: details.sepa.KREF ?? customerReference,
    bankReference: l.bankReference,
    endToEndId,
    counterparty,
    remittance,
    transactionCode: details.gvc ? `${typeCode}/${details.gvc}` : typeCode,
    reversal: mark.startsWith('R'),
    source: `line ${l.line}`,
  };
  return { entry, ...l.meta, ...details };
}

function line61(lines: string[], line: number): Line61 {
  const text = textOf(lines);
  // Sparkassen wrap the line after the debit/credit mark (and funds code), hence the optional \n.
  const head = /^(\d{2})(\d{2})(\d{2})(?:(\d{2})(\d{2}))?(R?[CD])[A-Z]?\n?/.exec(text);
  if (!head)
    throw fail(line, `:61: "${clip(text)}" does not start with a date YYMMDD[MMDD] and C, D, RC or RD`);
  const [, yy, mm, dd, entryMonth, entryDay, mark] = head;
  const [first = '', ...more] = text.slice(head[0].length).split('\n');
  const body = /^([\d,]+)([A-Z][A-Z0-9 ]{3})(.*)$/.exec(first);
  if (!body)
    throw fail(line, `:61: "${clip(first)}" is not an amount followed by a transaction type such as NTRF`);
  const valueDate = swiftDate(century(yy!), mm!, dd!, line);
  let entryDate: IsoDate | null = null;
  if (entryMonth && entryDay) {
    const year = Number(valueDate.slice(0, 4));
    const months = Number(entryMonth) - Number(mm);
    entryDate = swiftDate(months > 6 ? year - 1 : months < -6 ? year + 1 : year, entryMonth, entryDay, line);
  }
  const tail = body[3]!;
  const cut = tail.indexOf('//');
  const customer = cut < 0 ? tail.slice(0, 16) : tail.slice(0, cut);
  const overflow = cut < 0 ? tail.slice(16) : '';
  const supplementary = textOf([overflow, ...more.map((s) => s.trim())]) || null;
  const customerReference = customer.trim() || null;
  const typeCode = body[2]!.trim();
  const meta = { mark: mark as Mt940Mark, typeCode, customerReference, entryDate, supplementary };
  const bankReference = cut < 0 ? null : tail.slice(cut + 2).trim() || null;
  return { line, valueDate, amount: body[1]!, bankReference, details: null, meta };
}

type Read = Pick<StatementEntry, 'remittance' | 'endToEndId' | 'counterparty'> & { details: Details };

function readDetails(parts: string[][] | null): Read {
  const none: Details = { details: null, structure: null, fields: [], gvc: null, sepa: {} };
  if (!parts) return { details: none, remittance: '', endToEndId: null, counterparty: null };
  const text = parts.map(textOf).join('\n');
  // Lines are cut at a fixed width: inside words, even between "?2" and "1" of a subfield tag.
  const flat = parts.flat().join('').trim();
  const gvc = /^(\d{3})([?>])\d{2}/.exec(flat);
  if (gvc) return gvcDetails(text, flat, gvc[1]!, gvc[2] as '?' | '>');
  if (flat.search(SWIFT_CODE) === 0) return swiftDetails(text, flat);
  const sepa = sepaKeywords(flat);
  const details = { ...none, details: text, sepa };
  return { details, remittance: text, endToEndId: endToEnd(sepa.EREF), counterparty: null };
}

function gvcDetails(text: string, flat: string, gvc: string, structure: '?' | '>'): Read {
  const fields = flat
    .slice(3)
    .split(structure === '?' ? /\?(?=\d{2})/ : />(?=\d{2})/)
    .slice(1)
    .map((part): [string, string] => [part.slice(0, 2), part.slice(2)]);
  const join = (codes: RegExp) =>
    fields.flatMap(([code, value]) => (codes.test(code) ? [value] : [])).join('');
  const purpose = join(/^(2\d|6[0-3])$/);
  const sepa = sepaKeywords(purpose);
  const account = clean(join(/^38$/)) ?? clean(join(/^31$/)) ?? sepa.IBAN;
  const counterparty = party(join(/^3[23]$/), account, clean(join(/^30$/)) ?? sepa.BIC);
  const remittance = (sepa.SVWZ ?? purpose.trim()) || join(/^00$/).trim();
  const details = { details: text, structure, fields, gvc, sepa };
  return { details, remittance, endToEndId: endToEnd(sepa.EREF), counterparty };
}

function swiftDetails(text: string, flat: string): Read {
  const fields = splitAt(flat.replace(/\/+$/, ''), SWIFT_CODE);
  const get = (code: string) => clean(fields.find(([c]) => c === code)?.[1]);
  // ING: /CNTP/account/BIC/name/city/
  const cntp = (get('CNTP') ?? '').split('/');
  const counterparty = party(get('NAME') ?? cntp[2], get('IBAN') ?? cntp[0], get('BIC') ?? cntp[1]);
  const remittance = get('REMI')?.replace(/^USTD\/\//, '') ?? text;
  const details = { details: text, structure: '/' as const, fields, gvc: null, sepa: {} };
  return { details, remittance, endToEndId: endToEnd(get('EREF')), counterparty };
}

/** "EREF+a SVWZ+b", "/NAME/a/REMI/b" → [['EREF', 'a'], ['SVWZ', 'b']]. */
function splitAt(text: string, keyword: RegExp): [string, string][] {
  const matches = [...text.matchAll(keyword)];
  const end = (i: number) => matches[i + 1]?.index ?? text.length;
  return matches.map((m, i) => [m[1]!, text.slice(m.index + m[0].length, end(i)).trim()]);
}

function sepaKeywords(text: string): Record<string, string> {
  return Object.fromEntries(splitAt(text, SEPA_KEYWORD).filter(([, value]) => value));
}

function party(name: Maybe, account: Maybe, bankCode: Maybe): Counterparty | null {
  const p = { name: clean(name?.replace(/\s+/g, ' ')), account: clean(account), bankCode: clean(bankCode) };
  return p.name || p.account || p.bankCode ? p : null;
}

function endToEnd(value: Maybe): string | null {
  return value && value.toUpperCase() !== 'NOTPROVIDED' ? value : null;
}

/** One field's lines as text: padding at the line ends and empty lines are not content. */
function textOf(lines: string[]): string {
  return lines
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== '')
    .join('\n')
    .trimStart();
}

function balance(value: string, line: number, tag: string): StatementBalance {
  const m = /^([CD])(\d{2})(\d{2})(\d{2})([A-Z]{3})([\d,]+)$/.exec(value);
  if (!m) throw fail(line, `:${tag}: "${clip(value)}" is not a balance (C or D, YYMMDD, currency, amount)`);
  const amount = minorUnits(m[6]!, m[5]!, line);
  const date = swiftDate(century(m[2]!), m[3]!, m[4]!, line);
  return { amount: m[1] === 'D' ? -amount : amount, currency: m[5]!, date };
}

function floorLimit(value: string, line: number): Mt940Statement['floorLimits'][number] {
  const m = /^([A-Z]{3})([CD])?([\d,]+)$/.exec(value);
  if (!m) throw fail(line, `:34F: "${clip(value)}" is not a floor limit (currency, C or D, amount)`);
  const mark = (m[2] as 'C' | 'D' | undefined) ?? null;
  return { mark, amount: minorUnits(m[3]!, m[1]!, line), currency: m[1]! };
}

function total(value: string, line: number, tag: string): Mt940Total {
  const m = /^(\d+)([A-Z]{3})([\d,]+)$/.exec(value);
  if (!m) throw fail(line, `:${tag}: "${clip(value)}" is not a number of entries, a currency and an amount`);
  return { count: Number(m[1]), amount: minorUnits(m[3]!, m[2]!, line), currency: m[2]! };
}

function statementNumber(value: string): [string | null, string | null] {
  const m = /^(\d+)(?:\/(\d+))?$/.exec(value);
  if (!m) return [value || null, null];
  if (!m[2] && m[1]!.length > 5) return [m[1]!.slice(0, 5), m[1]!.slice(5)];
  return [m[1]!, m[2] ?? null];
}

function kind(tag: string): 'F' | 'M' | null {
  return tag.endsWith('F') ? 'F' : tag.endsWith('M') ? 'M' : null;
}

/** SWIFT began in 1973: 80–99 are 1980–1999. */
function century(yy: string): number {
  return Number(yy) + (Number(yy) < 80 ? 2000 : 1900);
}

function swiftDate(year: number, mm: string, dd: string, line: number): IsoDate {
  let day = Number(dd);
  if (mm === '02' && day > 28 && day <= 30) day = Math.min(day, daysInMonth(year, 2));
  const date = `${year}-${mm}-${String(day).padStart(2, '0')}`;
  if (!isIsoDate(date)) throw fail(line, `"${String(year).slice(2)}${mm}${dd}" is not a date (YYMMDD)`);
  return date;
}

/** "1234,5" → minor units; the comma is optional ("500"), as some banks write. */
function minorUnits(raw: string, currency: string, line: number): bigint {
  const m = /^(\d*)(?:,(\d*))?$/.exec(raw);
  if (!m || !`${m[1]}${m[2] ?? ''}`) throw fail(line, `"${clip(raw)}" is not an amount`);
  const exponent = isCurrency(currency) ? currencyExponent(currency) : 2;
  const fraction = (m[2] ?? '').replace(/0+$/, '');
  if (fraction.length > exponent)
    throw fail(line, `${raw} has more than the ${exponent} decimals of ${currency || 'the currency'}`);
  const minor = BigInt(`${m[1] || '0'}${fraction.padEnd(exponent, '0')}`);
  if (minor > MAX_AMOUNT) throw fail(line, `${clip(raw)} is too large an amount`);
  return minor;
}

function currencySuffix(account: string | null): string | null {
  const code = account ? /[\d/]([A-Z]{3})$/.exec(account)?.[1] : undefined;
  return code && isCurrency(code) ? code : null;
}

function clean(value: Maybe): string | null {
  return value?.trim() || null;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function fail(line: number, message: string): StatementParseError {
  return new StatementParseError(`line ${line}`, message);
}
