/**
 * What an Indian bank's narration says about a payment: the rail, the UTR / RRN, and who paid.
 * Each bank writes its own shape, and the same bank writes several:
 *
 *   HDFC   NEFT CR-<IFSC>-<REMITTER>-<BENEFICIARY>-<UTR>     UPI-<NAME>-<VPA>-<IFSC>-<RRN>-<NOTE>
 *          IMPS-<RRN>-<NAME>-<BANK>-<ACCOUNT>-<NOTE>         <ACCOUNT>-TPT-<NOTE>-<NAME>
 *   ICICI  NEFT-<UTR>-<NAME>-<NOTE>-<ACCOUNT>-<IFSC>          MMT/IMPS/<RRN>/<NOTE>/<NAME>/<IFSC>
 *          UPI/<RRN>/<NOTE>/<VPA>/<BANK>/<TXN ID>            INF/NEFT/<UTR>/<IFSC>/<NAME>
 *   SBI    BY TRANSFER-NEFT*<IFSC>*<UTR>*<NAME>*--            TO TRANSFER-UPI/DR/<RRN>/<NAME>/<BANK>/<VPA>/<NOTE>
 *   Axis   UPI/P2A/<RRN>/<NAME>/<BANK>/<NOTE>                IMPS/P2A/<RRN>/<NAME>/<BANK>/<NOTE>
 *   Kotak  NEFT <UTR> <NAME><IFSC>                            UPI/<NAME>/<RRN>/<NOTE>    Recd:IMPS/<RRN>/<NAME>/<BANK>/<ACCOUNT>/<NOTE>
 *
 * Fields come out as written (names are cut short by the banks: "AKASH YELL", "State Ban"); the
 * matcher folds them. A narration this does not know still yields its channel and any UTR, VPA
 * or IFSC it carries.
 */

export type NarrationChannel = 'NEFT' | 'RTGS' | 'IMPS' | 'UPI' | 'CHEQUE' | 'CASH' | 'ACH' | 'OTHER';

export interface Narration {
  channel: NarrationChannel;
  /** NEFT/RTGS UTR, or the 12-digit RRN of a UPI or IMPS payment. */
  utr: string | null;
  name: string | null;
  vpa: string | null;
  ifsc: string | null;
  account: string | null;
  remarks: string | null;
}

const IFSC = /^[A-Z]{4}0[A-Z0-9]{6}$/;
const RRN = /^\d{12}$/;
const VPA = /^[\w.-]+@[A-Za-z][\w.]*$/;
// UTRs look like SBINN52025021511431836, UTIBR52024041500012345, N123241234567890, YESB40930207163.
const UTR = /^(?=[A-Z0-9]*\d{9})[A-Z][A-Z0-9]{10,21}$/;
const ACCOUNT = /^(?:\d{9,18}|[Xx*]{2,}\d{2,6}|X\d{4})$/;
// The bank part of an IFSC, as HDFC and Kotak IMPS narrations print it.
const BANK_CODES = new Set(
  'SBIN HDFC ICIC UTIB KKBK PUNB BARB CNRB UBIN IDIB IOBA YESB INDB IDFB FDRL BKID MAHB CBIN UCBA PYTM AIRP FINO RATN KARB SIBL TMBL CIUB DBSS SCBL CITI HSBC AUBL ESFB JAKA KVBL DLXB CSBK IBKL PSIB BDBL'.split(' '),
);
// Bank names as narrations cut them: "HDFC BANK LTD", "State Ban", "ICICIBAN", "Yes Ba".
const BANK_NAME = /(?:BANK|BAN)\b|\bBA$|BANK LTD\.?$/i;
// UPI apps' own transaction ids (ICI7de43fa40188479e9baf883d6, YBL0c1d…): neither name nor note.
const APP_TXN_ID = /^[A-Za-z]{3}[0-9a-f]{16,}$|^[A-Za-z0-9]{24,}$/;
const PLACEHOLDER = /^(?:NA|N\/A|N\.A\.?|NONE|NIL|NULL|NO REMARKS?|-+|UPI|IMPS|NEFT|RTGS|PAY|PAYMENT|OTHERS?)$/i;

const CHANNEL_WORDS: [NarrationChannel, RegExp][] = [
  ['UPI', /(?<![A-Z])UPI(?:IN|OUT)?(?![A-Z])/],
  ['IMPS', /(?<![A-Z])(?:IMPS|MMT)(?![A-Z])/],
  ['NEFT', /(?<![A-Z])NEFT(?:INW)?(?![A-Z])/],
  ['RTGS', /(?<![A-Z])RTGS(?![A-Z])/],
  ['ACH', /(?<![A-Z])(?:N?ACH|ECS)(?![A-Z])/],
  ['CHEQUE', /(?<![A-Z])(?:CHQ|CHEQUE|CLG|CLEARING|CTS|MICR)(?![A-Z])/],
  ['CASH', /(?<![A-Z])(?:CASH|CSH|ATW|NWD|ATM|CDM|ATL)(?![A-Z])/],
];

/** The rail named first wins: "IMPS-…-UPI" is IMPS, "REV-UPI-…" is UPI, "NEFT CHGS" is NEFT. */
export function channelOf(text: string): NarrationChannel {
  const upper = text.toUpperCase();
  let best: NarrationChannel = 'OTHER';
  let at = Infinity;
  for (const [channel, word] of CHANNEL_WORDS) {
    const index = upper.search(word);
    if (index >= 0 && index < at) [best, at] = [channel, index];
  }
  return best;
}

/**
 * Money sent back: a bounced cheque, a returned NEFT, a reversed UPI credit. The charge a bank
 * levies for a return ("CHQ RETURN CHGS") is not itself a return of anything.
 */
export function isReversalNarration(text: string): boolean {
  const upper = text.toUpperCase();
  if (/(?<![A-Z])(?:CHGS?|CHARGES?|CHRGS?|FEES?|GST|CGST|SGST|IGST)(?![A-Z])/.test(upper)) return false;
  return /(?<![A-Z])(?:REV|REVERSAL|REVERSED|RETURN|RETURNED|RTN|RET|BOUNCE|BOUNCED|DISHONOU?RED|UNPAID)(?![A-Z])/.test(upper);
}

type Parsed = Partial<Omit<Narration, 'channel'>>;

export function parseIndianNarration(text: string): Narration {
  const raw = text.replace(/\s+/g, ' ').trim();
  const channel = channelOf(raw);
  const body = stripPrefixes(raw);
  const mmt = /^MMT\//i.test(raw.replace(/^(?:REV(?:ERSAL)?\s*[-:/]\s*)/i, ''));
  let found: Parsed = {};
  for (const parse of SHAPES) {
    const result = parse(body, mmt);
    if (result) {
      found = result;
      break;
    }
  }
  return {
    channel,
    utr: found.utr ?? scanUtr(raw, channel),
    name: cleanName(found.name),
    vpa: found.vpa ?? /[\w.-]+@[A-Za-z][\w]+/.exec(raw)?.[0] ?? null,
    ifsc: found.ifsc ?? /(?<![A-Z0-9])[A-Z]{4}0[A-Z0-9]{6}(?![A-Z0-9])/.exec(raw)?.[0] ?? null,
    account: found.account ?? null,
    remarks: cleanRemarks(found.remarks),
  };
}

/** SBI's "BY TRANSFER-" / "TO TRANSFER-", old SBI "DEP TFR", Kotak "Recd:", ICICI "MMT/" and "INF/", reversal marks. */
function stripPrefixes(text: string): string {
  return text
    .replace(/^(?:REV(?:ERSAL)?)\s*[-:/]\s*/i, '')
    .replace(/^(?:BY|TO) TRANSFER\s*-\s*/i, '')
    .replace(/^(?:DEP|WDL) TFR\s*/i, '')
    .replace(/^Recd\s*:\s*/i, '')
    .replace(/^(?:MMT|INF|INB)\//i, '')
    .replace(/[\s-]+$/, '');
}

function scanUtr(text: string, channel: NarrationChannel): string | null {
  if (channel === 'UPI' || channel === 'IMPS') return /(?<!\d)\d{12}(?!\d)/.exec(text)?.[0] ?? null;
  if (channel === 'NEFT' || channel === 'RTGS') {
    return text.split(/[\s*/:-]+/).find((token) => UTR.test(token) && !IFSC.test(token)) ?? null;
  }
  return null;
}

type Shape = (body: string, mmt: boolean) => Parsed | null;

const SHAPES: Shape[] = [
  // HDFC UPI. The VPA may hold hyphens (madesh460-1@okhdfcbank), so it is found by its "@".
  (body) => {
    const m = /^UPI-(.*?)-([\w.-]+@[\w.]+)-([A-Z0-9]{4,11})-(\d{6,16})(?:-(.*))?$/i.exec(body);
    if (!m) return null;
    return { name: m[1], vpa: m[2], ifsc: IFSC.test(m[3]!) ? m[3] : null, utr: m[4], remarks: m[5] };
  },
  // HDFC IMPS
  (body) => {
    const m = /^IMPS-(\d{12})-(.*?)-([A-Z]{4})-([Xx*\d]{4,18})(?:-(.*))?$/.exec(body);
    return m ? { utr: m[1], name: m[2], account: m[4], remarks: m[5] } : null;
  },
  // HDFC, ICICI dashed NEFT/RTGS/IMPS: fields in no fixed order, told apart by shape.
  (body) => {
    const m = /^(NEFT|RTGS|IMPS)(?:\s*-?\s*(?:CR|DR))?\s*-\s*(.+)$/i.exec(body);
    return m ? classify(m[2]!.split('-'), m[1]!.toUpperCase()) : null;
  },
  // SBI: NEFT*<IFSC>*<UTR>*<NAME>*
  (body) => {
    const m = /^(NEFT|RTGS|IMPS)\s*\*(.+)$/i.exec(body);
    return m ? classify(m[2]!.split('*'), m[1]!.toUpperCase()) : null;
  },
  (body) => {
    const m = /^UPI\/(.+)$/i.exec(body);
    return m ? upiSlashed(m[1]!.split('/').map((s) => s.trim())) : null;
  },
  (body, mmt) => {
    const m = /^IMPS\/(.+)$/i.exec(body);
    return m ? impsSlashed(m[1]!.split('/').map((s) => s.trim()), mmt) : null;
  },
  (body) => {
    const m = /^(NEFT|RTGS)\/(.+)$/i.exec(body);
    return m ? classify(m[2]!.split('/'), m[1]!.toUpperCase()) : null;
  },
  // Kotak: NEFT <UTR> <NAME><IFSC>, the IFSC glued to the name.
  (body) => {
    const m = /^(?:NEFT|RTGS)\s+([A-Z0-9]{11,22})\s+(.+)$/.exec(body);
    if (!m || !UTR.test(m[1]!)) return null;
    const glued = /^(.*?)\s*([A-Z]{4}0[A-Z0-9]{6})$/.exec(m[2]!);
    return glued ? { utr: m[1], name: glued[1], ifsc: glued[2] } : { utr: m[1], name: m[2] };
  },
  // HDFC third-party transfer within HDFC: <ACCOUNT>-TPT-<NOTE>-<NAME>
  (body) => {
    const m = /^(\d{9,18})-TPT-(?:(.*)-)?([^-]+)$/i.exec(body);
    return m ? { account: m[1], remarks: m[2], name: m[3] } : null;
  },
  // HDFC "IB FUNDS TRANSFER CR-<ACCOUNT>-<NAME>", "FT - Cr - <ACCOUNT> - <NAME>"
  (body) => {
    const m = /^(?:IB FUNDS TRANSFER|FT)\s*-?\s*(?:CR|DR)\s*-\s*(\d{6,18})\s*-\s*(.+)$/i.exec(body);
    return m ? { account: m[1], name: m[2] } : null;
  },
  // Axis mobile transfer: MOB/TPFT/<NAME>/<ACCOUNT>
  (body) => {
    const m = /^MOB\/TPFT\/([^/]+)\/(\d{6,18})/i.exec(body);
    return m ? { name: m[1], account: m[2] } : null;
  },
  // ICICI cheque clearing: CLG/<DRAWER>/<CHEQUE NO>/<BANK>/…
  (body) => {
    const m = /^CLG\/([^/]+)\//i.exec(body);
    return m ? { name: m[1] } : null;
  },
  // ACH / NACH: "ACH C- DIVIDEND ACME LTD-1234", "ACH-DR-Indian Clearing Corp- / 0000WB4…"
  (body) => {
    const m = /^N?ACH\s*-?\s*(?:C|D|CR|DR)\s*-\s*([^-/]+)/i.exec(body);
    return m ? { name: m[1] } : null;
  },
];

/**
 * Fields of a NEFT/RTGS/IMPS narration whose order differs by bank: IFSC, UTR, account and RRN
 * are known by shape; the first remaining text is the counterparty, the rest the note.
 */
function classify(parts: string[], rail: string): Parsed {
  const out: Parsed = {};
  const texts: string[] = [];
  for (const part of parts.map((p) => p.trim())) {
    if (!part) continue;
    if (IFSC.test(part)) out.ifsc ??= part;
    else if (rail === 'IMPS' && RRN.test(part) && !out.utr) out.utr = part;
    else if (rail !== 'IMPS' && UTR.test(part) && !out.utr) out.utr = part;
    else if (ACCOUNT.test(part)) out.account ??= part;
    else if (BANK_CODES.has(part.toUpperCase()) || (texts.length > 0 && BANK_NAME.test(part))) continue;
    else if (VPA.test(part)) out.vpa ??= part;
    else texts.push(part);
  }
  // "KRYFS TRANSFORMERS P ICICR22025080110858319": the UTR run into the name.
  if (!out.utr && texts[0]) {
    const tail = /^(.*\S)\s+([A-Z0-9]{11,22})$/.exec(texts[0]);
    if (tail && UTR.test(tail[2]!)) [texts[0], out.utr] = [tail[1]!, tail[2]!];
  }
  out.name = texts[0];
  out.remarks = texts.slice(1).join('-');
  return out;
}

function upiSlashed(parts: string[]): Parsed {
  const marker = parts[0]?.toUpperCase();
  // SBI: UPI/DR/<RRN>/<NAME>/<BANK>/<VPA as far as it fits>/<NOTE>
  if ((marker === 'DR' || marker === 'CR') && RRN.test(parts[1] ?? '')) {
    return { utr: parts[1], name: parts[2], vpa: parts[4] || null, remarks: parts.slice(5).join('/') };
  }
  // Axis: UPI/P2A/<RRN>/<NAME>/<BANK>/<NOTE>
  if (/^P2[AMV]$/.test(marker ?? '')) {
    const rest = parts.slice(1);
    const vpa = rest.find((p) => VPA.test(p)) ?? null;
    const plain = rest.filter((p) => p !== vpa);
    return { utr: RRN.test(plain[0] ?? '') ? plain[0] : null, name: plain[1], vpa, remarks: plain.slice(3).join('/') };
  }
  const out: Parsed = {};
  const texts: string[] = [];
  for (const part of parts) {
    if (!part || APP_TXN_ID.test(part)) continue;
    if (VPA.test(part)) out.vpa ??= part;
    else if (RRN.test(part)) out.utr ??= part;
    else if (IFSC.test(part)) out.ifsc ??= part;
    else if (BANK_NAME.test(part)) continue;
    else texts.push(part);
  }
  // ICICI: UPI/<RRN>/<NOTE>/<VPA>/<BANK>/<ID> puts no name in; ICICI's newer lines and Kotak's start with it.
  if (RRN.test(parts[0] ?? '')) out.remarks = texts.join('/');
  else [out.name, out.remarks] = [texts[0], texts.slice(1).join('/')];
  return out;
}

function impsSlashed(parts: string[], mmt: boolean): Parsed {
  const rest = /^P2[AMV]$/i.test(parts[0] ?? '') ? parts.slice(1) : parts;
  if (!RRN.test(rest[0] ?? '')) return classify(parts, 'IMPS');
  const [utr, a, b, c, ...more] = rest;
  // ICICI: MMT/IMPS/<RRN>/<NOTE>/<NAME>/<IFSC or bank>
  if (mmt) return { utr, remarks: a, name: b, ifsc: c && IFSC.test(c) ? c : null };
  // Kotak carries the account after the bank; Axis does not.
  if (c && ACCOUNT.test(c)) return { utr, name: a, account: c, remarks: more.join('/') };
  return { utr, name: a, remarks: [c, ...more].filter(Boolean).join('/') };
}

function cleanName(name: string | null | undefined): string | null {
  const text = name?.replace(/\s+/g, ' ').replace(/^[\s*/:,.-]+|[\s*/:,-]+$/g, '');
  if (!text || PLACEHOLDER.test(text) || /^[\d\s]+$/.test(text) || !/[A-Za-z]{2}/.test(text)) return null;
  return text;
}

function cleanRemarks(remarks: string | null | undefined): string | null {
  const text = remarks?.replace(/\s+/g, ' ').replace(/^[\s*/:-]+|[\s*/:-]+$/g, '');
  return !text || PLACEHOLDER.test(text) ? null : text;
}
