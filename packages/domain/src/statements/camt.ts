import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { type IsoDate, isIsoDate } from '../dates.ts';
import { DomainError } from '../errors.ts';
import { parseAmount } from '../money.ts';
import {
  type Counterparty,
  type ParsedStatement,
  type StatementBalance,
  type StatementEntry,
  type StatementFormat,
  StatementParseError,
} from './types.ts';

/**
 * ISO 20022 bank-to-customer cash management messages, versions .001.02 to .001.13:
 * camt.052 (intraday account report), camt.053 (statement), camt.054 (debit/credit notification).
 *
 * Decisions, so that every caller reads a file the same way:
 * - statementId is Stmt/Id, plus "/" and ElctrncSeqNb where the file has one ("253EUR/12312").
 * - opening is OPBD, else PRCD; closing is CLBD, else (camt.052 only) the last ITBD, since an
 *   intraday report has no closing balance but its interim booked one is where the day stands.
 * - ParsedStatement.entries holds booked entries only (Sts BOOK, or no Sts): a pending (PDNG),
 *   informational (INFO) or future (FUTR) entry is not money on the account yet, and the same
 *   payment comes back booked, under another reference, in a later report. parseCamtDetailed
 *   returns every entry with its status.
 * - An entry with several TxDtls (batch booking) stays one entry with the Ntry's amount; its
 *   remittance holds the lines of every TxDtls. Per-transaction facts (EndToEndId, InstrId,
 *   counterparty, names) are kept only where all TxDtls that state them agree, else null:
 *   the first of twenty payees is not "the" counterparty of a batch.
 * - reference = NtryRef, else TxDtls Refs/InstrId; bankReference = the entry's AcctSvcrRef, else
 *   TxDtls Refs/AcctSvcrRef; endToEndId ignores the placeholder NOTPROVIDED.
 * - counterparty: the debtor side (Dbtr, DbtrAcct, DbtrAgt) of a credit, the creditor side of a
 *   debit (the other way round for a reversal, RvslInd true); names from Nm or, from version 8
 *   on, Pty/Nm; bank code BIC/BICFI, else the clearing system member id (a routing number).
 * - remittance: RmtInf/Ustrd lines, then per Strd its RfrdDocInf/Nb (invoice numbers) and
 *   CdtrRefInf/Ref; where no TxDtls has any, AddtlTxInf, else AddtlNtryInf, so that banks that
 *   put the narrative only there still give the matcher something to read.
 * - A date given as DtTm keeps the date as written (no shift to UTC): it is the bank's book day.
 */

export type CamtMessage = 'BkToCstmrStmt' | 'BkToCstmrAcctRpt' | 'BkToCstmrDbtCdtNtfctn';

export interface CamtBalance extends StatementBalance {
  /** Tp/CdOrPrtry/Cd (OPBD, CLBD, ITBD, CLAV, …) or the proprietary type. */
  type: string;
}

export interface CamtEntryDetail {
  entry: StatementEntry;
  /** Sts as written (BOOK, PDNG, INFO, FUTR), null if absent. */
  status: string | null;
  /** The entry's sign as written; kept because a zero amount has none. */
  indicator: 'CRDT' | 'DBIT';
  instructionId: string | null;
  debtorName: string | null;
  creditorName: string | null;
  /** RmtInf lines only (no AddtlNtryInf fallback). */
  remittanceLines: string[];
}

export interface CamtStatementDetail {
  /** What parseCamt returns: booked entries only. */
  statement: ParsedStatement;
  id: string | null;
  electronicSequenceNumber: string | null;
  balances: CamtBalance[];
  /** Every Ntry, whatever its status, in file order. */
  entries: CamtEntryDetail[];
}

export interface CamtDocument {
  message: CamtMessage;
  format: StatementFormat;
  /** The schema version (2 for camt.053.001.02); null for a file without a namespace. */
  version: number | null;
  namespace: string | null;
  statements: CamtStatementDetail[];
}

const MESSAGES: Record<CamtMessage, { format: 'camt.052' | 'camt.053' | 'camt.054'; item: string }> = {
  BkToCstmrAcctRpt: { format: 'camt.052', item: 'Rpt' },
  BkToCstmrStmt: { format: 'camt.053', item: 'Stmt' },
  BkToCstmrDbtCdtNtfctn: { format: 'camt.054', item: 'Ntfctn' },
};
const FIRST_VERSION = 2;
const LAST_VERSION = 13;
const REPEATED = new Set([
  'Stmt',
  'Rpt',
  'Ntfctn',
  'Bal',
  'Ntry',
  'NtryDtls',
  'TxDtls',
  'Ustrd',
  'Strd',
  'RfrdDocInf',
  'AddtlTxInf',
]);
const BOOKED = new Set(['BOOK']);

type XmlNode = { [key: string]: unknown };

const parser = new XMLParser({
  parseTagValue: false,
  ignoreAttributes: false,
  removeNSPrefix: true,
  isArray: (name, _path, _leaf, isAttribute) => !isAttribute && REPEATED.has(name),
});

export function parseCamt(text: string): ParsedStatement[] {
  return parseCamtDetailed(text).statements.map((s) => s.statement);
}

export function parseCamtDetailed(text: string): CamtDocument {
  const xml = text.replace(/^\uFEFF/, '');
  // camt files never need a DTD, and refusing one rules out entity-expansion bombs.
  if (/<!DOCTYPE/i.test(xml)) throw new StatementParseError('line 1', 'a camt file has no DOCTYPE');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    // The validator reports unclosed elements at line 1 as a JSON list; a cut-short file is common.
    const open = /^Invalid '\[([\s\S]*)\]' found/.exec(valid.err.msg);
    if (open) {
      const path = [...open[1]!.matchAll(/"([^"]*)"/g)].map((m) => m[1]!.replace(/^[^:]*:/, '')).join('/');
      throw new StatementParseError(
        `line ${xml.trimEnd().split('\n').length}`,
        `not well-formed XML: the file ends inside ${path} (cut short, or a closing tag is missing)`,
      );
    }
    throw new StatementParseError(`line ${valid.err.line}`, `not well-formed XML: ${valid.err.msg}`);
  }

  const root = rootElement(xml);
  if (root.name !== 'Document') {
    throw new StatementParseError(
      root.name,
      `not an ISO 20022 camt file: the root element is <${root.name}>, not <Document>`,
    );
  }
  const document = asNode(parser.parse(xml).Document) ?? {};
  const message = Object.keys(document).find((key) => key in MESSAGES) as CamtMessage | undefined;
  const version = checkNamespace(root.namespace, message, Object.keys(document)[0]);
  const { format, item } = MESSAGES[message!];
  const path = `Document/${message}`;
  const items = list(asNode(document[message!])?.[item]);
  if (items.length === 0) throw new StatementParseError(path, `no ${item} element`);
  const statements = items.map((node, i) =>
    readStatement(asNode(node) ?? {}, `${path}/${item}[${i + 1}]`, format),
  );
  return { message: message!, format, version, namespace: root.namespace, statements };
}

function checkNamespace(
  namespace: string | null,
  message: CamtMessage | undefined,
  child: string | undefined,
): number | null {
  const match = namespace
    ? /^urn:iso:std:iso:20022:tech:xsd:(camt\.05[234])\.001\.(\d{2})$/.exec(namespace)
    : null;
  if (namespace && !match) {
    throw new StatementParseError(
      'Document',
      `${namespace} is not a camt.052, camt.053 or camt.054 document`,
    );
  }
  if (!message) {
    throw new StatementParseError(
      'Document',
      `<${child ?? 'nothing'}> is not a bank-to-customer camt.052, camt.053 or camt.054 message`,
    );
  }
  if (!match) return null;
  const [, type, nn] = match;
  if (type !== MESSAGES[message].format) {
    throw new StatementParseError(
      `Document/${message}`,
      `the namespace says ${type}, but <${message}> is ${MESSAGES[message].format}`,
    );
  }
  const version = Number(nn);
  if (version < FIRST_VERSION || version > LAST_VERSION) {
    throw new StatementParseError(
      'Document',
      `${type}.001.${nn} is not supported (versions .001.02 to .001.13 are)`,
    );
  }
  return version;
}

/** The first element's local name and the namespace its prefix is bound to (the parser drops xmlns). */
function rootElement(xml: string): { name: string; namespace: string | null } {
  const body = xml.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->/g, '');
  const tag = /<([^\s/>!?]+)([^>]*)>/.exec(body);
  if (!tag) throw new StatementParseError('line 1', 'no XML element');
  const [prefix, local] = tag[1]!.includes(':') ? tag[1]!.split(':', 2) : [null, tag[1]!];
  const wanted = prefix ? `xmlns:${prefix}` : 'xmlns';
  for (const attr of tag[2]!.matchAll(/([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    if (attr[1] === wanted) return { name: local!, namespace: (attr[2] ?? attr[3] ?? '').trim() };
  }
  return { name: local!, namespace: null };
}

function readStatement(node: XmlNode, path: string, format: StatementFormat): CamtStatementDetail {
  const id = text(node.Id);
  const sequence = text(node.ElctrncSeqNb);
  const account = text(at(node, 'Acct', 'Id', 'IBAN')) ?? text(at(node, 'Acct', 'Id', 'Othr', 'Id'));
  const balances = list(node.Bal).map((b, i) => readBalance(asNode(b) ?? {}, `${path}/Bal[${i + 1}]`));
  const byType = (type: string) => balances.filter((b) => b.type === type);
  const opening = byType('OPBD')[0] ?? byType('PRCD')[0] ?? null;
  const closing = byType('CLBD')[0] ?? (format === 'camt.052' ? byType('ITBD').at(-1) : undefined) ?? null;
  const created = dateOf(at(node, 'CreDtTm'));
  const entries = list(node.Ntry).map((n, i) =>
    readEntry(asNode(n) ?? {}, `${path}/Ntry[${i + 1}]`, created),
  );
  const plain = (b: CamtBalance | null): StatementBalance | null =>
    b ? { amount: b.amount, currency: b.currency, date: b.date } : null;
  const statement: ParsedStatement = {
    format,
    account,
    currency: text(at(node, 'Acct', 'Ccy')) ?? opening?.currency ?? closing?.currency ?? null,
    statementId: id && sequence ? `${id}/${sequence}` : id,
    opening: plain(opening),
    closing: plain(closing),
    entries: entries.filter((e) => e.status === null || BOOKED.has(e.status)).map((e) => e.entry),
  };
  return { statement, id, electronicSequenceNumber: sequence, balances, entries };
}

function readBalance(node: XmlNode, path: string): CamtBalance {
  const type = text(at(node, 'Tp', 'CdOrPrtry', 'Cd')) ?? text(at(node, 'Tp', 'CdOrPrtry', 'Prtry'));
  if (!type) throw new StatementParseError(`${path}/Tp`, 'missing balance type');
  const { amount, currency } = readAmount(node.Amt, `${path}/Amt`);
  const date = dateOf(node.Dt);
  if (!date) throw new StatementParseError(`${path}/Dt`, 'missing or invalid date');
  return { type, amount: indicatorOf(node, path) === 'DBIT' ? -amount : amount, currency, date };
}

function readEntry(node: XmlNode, path: string, statementDate: IsoDate | null): CamtEntryDetail {
  const { amount: unsigned, currency } = readAmount(node.Amt, `${path}/Amt`);
  const indicator = indicatorOf(node, path);
  const txs = list(node.NtryDtls)
    .flatMap((d) => list(asNode(d)?.TxDtls))
    .map((t) => asNode(t) ?? {});
  const refs = (key: string) => agreed(txs.map((tx) => text(at(tx, 'Refs', key))));

  const bookingDate = dateOf(node.BookgDt) ?? dateOf(node.ValDt) ?? statementDate;
  if (!bookingDate) throw new StatementParseError(`${path}/BookgDt`, 'missing or invalid booking date');
  if (node.BookgDt !== undefined && !dateOf(node.BookgDt))
    throw new StatementParseError(`${path}/BookgDt`, 'invalid date');
  if (node.ValDt !== undefined && !dateOf(node.ValDt))
    throw new StatementParseError(`${path}/ValDt`, 'invalid date');

  const remittanceLines = txs.flatMap(remittanceOf);
  const narrative = remittanceLines.length
    ? remittanceLines
    : txs.flatMap((tx) => list(tx.AddtlTxInf).map(text)).filter(isText);
  const reversal = /^(true|1)$/i.test(text(node.RvslInd) ?? '');
  // A reversal keeps the original transaction's parties: a returned direct debit is a credit
  // whose Dbtr is the account holder, and the other party is still the Cdtr.
  const side = (indicator === 'CRDT') !== reversal ? 'Dbtr' : 'Cdtr';
  const counterparty = agreed(
    txs.map((tx) => partyOf(tx, side)),
    (c) => JSON.stringify(c),
  );
  const e2e = agreed(
    txs.map((tx) => text(at(tx, 'Refs', 'EndToEndId'))).filter((r) => r?.toUpperCase() !== 'NOTPROVIDED'),
  );
  const entry: StatementEntry = {
    amount: indicator === 'DBIT' ? -unsigned : unsigned,
    currency,
    bookingDate,
    valueDate: dateOf(node.ValDt),
    reference: text(node.NtryRef) ?? refs('InstrId'),
    bankReference: text(node.AcctSvcrRef) ?? refs('AcctSvcrRef'),
    endToEndId: e2e,
    counterparty,
    remittance: (narrative.length ? narrative : [text(node.AddtlNtryInf)].filter(isText)).join('\n'),
    transactionCode:
      bankTransactionCode(node.BkTxCd) ?? agreed(txs.map((tx) => bankTransactionCode(tx.BkTxCd))),
    reversal,
    source: path,
  };
  return {
    entry,
    status: text(node.Sts) ?? text(at(node, 'Sts', 'Cd')) ?? text(at(node, 'Sts', 'Prtry')),
    indicator,
    instructionId: refs('InstrId'),
    debtorName: agreed(txs.map((tx) => partyName(tx, 'Dbtr'))),
    creditorName: agreed(txs.map((tx) => partyName(tx, 'Cdtr'))),
    remittanceLines,
  };
}

function readAmount(value: unknown, path: string): { amount: bigint; currency: string } {
  const node = asNode(value);
  const amount = text(node ? node['#text'] : value);
  if (!amount) throw new StatementParseError(path, 'missing amount');
  const currency = text(node?.['@_Ccy']);
  if (!currency) throw new StatementParseError(path, 'missing Ccy attribute');
  if (amount.startsWith('-'))
    throw new StatementParseError(path, `"${amount}" is negative; CdtDbtInd gives the sign`);
  try {
    return { amount: parseAmount(amount, currency, 'amount'), currency };
  } catch (error) {
    if (error instanceof DomainError)
      throw new StatementParseError(path, error.message.replace(/^(amount|currency): /, ''));
    throw error;
  }
}

function indicatorOf(node: XmlNode, path: string): 'CRDT' | 'DBIT' {
  const indicator = text(node.CdtDbtInd);
  if (indicator === 'CRDT' || indicator === 'DBIT') return indicator;
  throw new StatementParseError(
    `${path}/CdtDbtInd`,
    indicator ? `"${indicator}" is neither CRDT nor DBIT` : 'missing CdtDbtInd',
  );
}

/** A DateAndDateTimeChoice (Dt or DtTm) or a bare ISODateTime. */
function dateOf(value: unknown): IsoDate | null {
  const node = asNode(value);
  const raw = node ? (text(node.Dt) ?? text(node.DtTm)) : text(value);
  const date = raw?.slice(0, 10) ?? null;
  return date && isIsoDate(date) ? date : null;
}

function bankTransactionCode(value: unknown): string | null {
  const node = asNode(value);
  if (!node) return null;
  const domain = text(at(node, 'Domn', 'Cd'));
  const family = text(at(node, 'Domn', 'Fmly', 'Cd'));
  const sub = text(at(node, 'Domn', 'Fmly', 'SubFmlyCd'));
  if (domain) return [domain, family, sub].filter(isText).join('/');
  return text(at(node, 'Prtry', 'Cd'));
}

function partyName(tx: XmlNode, side: 'Dbtr' | 'Cdtr'): string | null {
  const party = at(tx, 'RltdPties', side);
  return text(at(party, 'Nm')) ?? text(at(party, 'Pty', 'Nm')) ?? text(at(party, 'Agt', 'FinInstnId', 'Nm'));
}

function partyOf(tx: XmlNode, side: 'Dbtr' | 'Cdtr'): Counterparty | null {
  const parties = at(tx, 'RltdPties');
  const ultimate = at(parties, `Ultmt${side}`);
  const name = partyName(tx, side) ?? text(at(ultimate, 'Nm')) ?? text(at(ultimate, 'Pty', 'Nm'));
  const acct = at(parties, `${side}Acct`);
  const account =
    text(at(acct, 'Id', 'IBAN')) ?? text(at(acct, 'Id', 'Othr', 'Id')) ?? text(at(acct, 'Prxy', 'Id'));
  const agent = at(tx, 'RltdAgts', `${side}Agt`, 'FinInstnId') ?? at(parties, side, 'Agt', 'FinInstnId');
  const bankCode =
    text(at(agent, 'BICFI')) ?? text(at(agent, 'BIC')) ?? text(at(agent, 'ClrSysMmbId', 'MmbId'));
  return name || account || bankCode ? { name, account, bankCode } : null;
}

function remittanceOf(tx: XmlNode): string[] {
  const info = asNode(at(tx, 'RmtInf'));
  const lines = list(info?.Ustrd).map(text);
  for (const structured of list(info?.Strd)) {
    for (const document of list(asNode(structured)?.RfrdDocInf)) lines.push(text(at(document, 'Nb')));
    lines.push(text(at(structured, 'CdtrRefInf', 'Ref')));
  }
  return lines.filter(isText);
}

/** The one value every stating TxDtls agrees on, else null. */
function agreed<T>(values: (T | null)[], key: (value: T) => string = String): T | null {
  const stated = values.filter((v): v is T => v !== null);
  const first = stated[0];
  if (first === undefined) return null;
  return stated.every((v) => key(v) === key(first)) ? first : null;
}

function asNode(value: unknown): XmlNode | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as XmlNode)
    : undefined;
}

function list(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Follows child elements, taking the first of a repeated one. */
function at(value: unknown, ...keys: string[]): unknown {
  let current = value;
  for (const key of keys) {
    const node = asNode(Array.isArray(current) ? current[0] : current);
    if (!node) return undefined;
    current = node[key];
  }
  return Array.isArray(current) ? current[0] : current;
}

function text(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  const node = asNode(value);
  return node && typeof node['#text'] === 'string' ? node['#text'].trim() || null : null;
}

function isText(value: string | null): value is string {
  return value !== null && value !== '';
}
