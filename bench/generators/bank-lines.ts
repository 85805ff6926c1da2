/**
 * Bank lines with ground truth for the cash-application benchmark: who paid which invoices, written
 * the way Indian banks write them (NEFT/RTGS/IMPS/UPI/cheque narrations), with the noise real
 * statements carry: invoice numbers mangled (no zeros, no separators, OCR letters, only the
 * serial), names cut short and transliterated, several invoices per payment, TDS and bank charges
 * deducted, part payments, bank lines that are nobody's payment, and equal amounts at different
 * customers. Deterministic for a seed.
 */

export interface GenInvoice {
  id: string;
  number: string;
  customerIndex: number;
  open: bigint;
  taxable: bigint;
  dueDate: string;
}

export interface GenCustomer {
  id: string;
  name: string;
  vpa: string | null;
  account: string | null;
}

export type LineKind = 'vpa' | 'neft_ref' | 'learned_account' | 'name_subset' | 'partial_ref' | 'cheque_name' | 'unrelated' | 'equal_amount';

export interface GenLine {
  kind: LineKind;
  amount: bigint;
  remittance: string;
  counterpartyName: string | null;
  counterpartyAccount: string | null;
  bankReference: string;
  /** The truth: null for a line that is no customer's payment. */
  truth: { customerId: string; invoices: { id: string; applied: bigint }[] } | null;
}

/** Mulberry32: small, fast and good enough to make test data. */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Shree', 'Sri', 'Om', 'Jai', 'Maa', 'New', 'Royal', 'Star', 'Global', 'National', 'Bharat', 'Hind', 'Navkar', 'Param', 'Divya', 'Anand', 'Kiran', 'Rajdhani', 'Sagar', 'Vishal'];
const SECOND = ['Ganesh', 'Lakshmi', 'Balaji', 'Krishna', 'Sai', 'Patel', 'Shah', 'Mehta', 'Agarwal', 'Gupta', 'Reddy', 'Rao', 'Desai', 'Joshi', 'Iyer', 'Nair', 'Kumar', 'Sharma', 'Verma', 'Chauhan', 'Bhavani', 'Ambika', 'Mahalaxmi', 'Venkatesh', 'Siddhi', 'Tirupati', 'Umiya', 'Khodiyar', 'Jalaram', 'Murugan', 'Annapurna', 'Gayatri', 'Saraswati', 'Hanuman', 'Vinayak', 'Ashapura', 'Chamunda', 'Durga', 'Kailash', 'Omkar'];
const THIRD = ['Traders', 'Textiles', 'Steels', 'Enterprises', 'Agencies', 'Industries', 'Foods', 'Pharma', 'Plastics', 'Polymers', 'Chemicals', 'Electricals', 'Motors', 'Hardware', 'Distributors', 'Marketing', 'Exports', 'Fabrics', 'Packaging', 'Engineering', 'Logistics', 'Ceramics', 'Garments', 'Paper', 'Tiles'];
const PLACE = ['Ahmedabad', 'Surat', 'Rajkot', 'Vadodara', 'Jaipur', 'Udaipur', 'Vizag', 'Vijayawada', 'Pune', 'Indore', 'Nagpur', 'Kochi', 'Coimbatore', 'Ludhiana', 'Kanpur', 'Nashik', 'Bhopal', 'Mysore', 'Hubli', 'Guntur'];
const FORM = ['Pvt Ltd', 'Private Limited', 'LLP', '', '', ''];

/** 100k distinct business names from the lists above, in a fixed order. */
export function customerName(n: number): string {
  const a = FIRST[n % FIRST.length]!;
  const b = SECOND[Math.floor(n / FIRST.length) % SECOND.length]!;
  const c = THIRD[Math.floor(n / (FIRST.length * SECOND.length)) % THIRD.length]!;
  const d = PLACE[Math.floor(n / (FIRST.length * SECOND.length * THIRD.length)) % PLACE.length]!;
  const form = FORM[n % FORM.length]!;
  return `${a} ${b} ${c} ${d}${form ? ` ${form}` : ''}`;
}

const IFSC = ['HDFC0001234', 'ICIC0000104', 'SBIN0004567', 'UTIB0000123', 'KKBK0000958', 'PUNB0123400', 'BARB0VJAHME', 'YESB0000001'];
const SPELLINGS: [RegExp, string][] = [
  [/\bSHREE\b/, 'SHRI'],
  [/\bSRI\b/, 'SHREE'],
  [/LAKSHMI/, 'LAXMI'],
  [/AGARWAL/, 'AGGARWAL'],
  [/MAHALAXMI/, 'MAHALAKSHMI'],
  [/VENKATESH/, 'VENKATESWARA'],
];

/** A payer name as a bank passes it on: capitals, sometimes respelled, cut to 20–35 characters. */
function bankName(name: string, r: () => number): string {
  let text = name.toUpperCase().replace(/\b(PVT LTD|PRIVATE LIMITED)\b/, r() < 0.5 ? 'PVT LTD' : '');
  if (r() < 0.3) for (const [p, s] of SPELLINGS) text = text.replace(p, s);
  if (r() < 0.4) text = text.slice(0, 20 + Math.floor(r() * 15));
  return text.replace(/\s+/g, ' ').trim();
}

/** An invoice number as a payer types it: as issued, or mangled one of the usual ways. */
function mangle(number: string, r: () => number): string {
  const [prefix, year, serial] = number.split('-') as [string, string, string];
  const x = r();
  if (x < 0.3) return number;
  if (x < 0.45) return `${prefix}${year}${serial.replace(/^0+/, '')}`;
  if (x < 0.6) return `${prefix} ${year} ${serial}`;
  if (x < 0.7) return `${year}/${serial.replace(/^0+/, '')}`;
  if (x < 0.8) return number.replace(/I/g, 'l').replace(/0/g, 'O');
  if (x < 0.9) return `${prefix.toLowerCase()}-${year}-${serial.replace(/^0+/, '')}`;
  return `${prefix}/${year}/${serial}`;
}

const digits = (r: () => number, n: number) => Array.from({ length: n }, () => Math.floor(r() * 10)).join('');
const tdsOf = (taxable: bigint, bp: bigint) => (taxable * bp + 5000n) / 10000n;

export function generateLines(count: number, customers: GenCustomer[], invoicesByCustomer: GenInvoice[][], seed = 42): GenLine[] {
  const r = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const used = new Set<string>();
  const lines: GenLine[] = [];
  const withVpa = customers.map((c, i) => (c.vpa ? i : -1)).filter((i) => i >= 0);
  const withAccount = customers.map((c, i) => (c.account ? i : -1)).filter((i) => i >= 0);
  /** Open invoices of a customer not paid by an earlier line, oldest first. */
  const freeOf = (ci: number) => (invoicesByCustomer[ci] ?? []).filter((i) => !used.has(i.id));
  const customerWith = (pool: number[], need: number) => {
    for (let tries = 0; tries < 50; tries++) {
      const ci = pool.length ? pick(pool) : Math.floor(r() * customers.length);
      if (freeOf(ci).length >= need) return ci;
    }
    return -1;
  };
  // Amounts that are open at two or more customers, for the lines nothing else identifies.
  const byAmount = new Map<bigint, GenInvoice[]>();
  for (const list of invoicesByCustomer) for (const inv of list) byAmount.set(inv.open, [...(byAmount.get(inv.open) ?? []), inv]);
  const shared = [...byAmount.values()].filter((l) => new Set(l.map((i) => i.customerIndex)).size > 1);

  while (lines.length < count) {
    const x = r();
    const kind: LineKind = x < 0.22 ? 'vpa' : x < 0.5 ? 'neft_ref' : x < 0.62 ? 'learned_account' : x < 0.76 ? 'name_subset' : x < 0.84 ? 'partial_ref' : x < 0.92 ? 'cheque_name' : x < 0.97 ? 'unrelated' : 'equal_amount';
    const utr = `N${digits(r, 3)}25${digits(r, 10)}`;
    const rrn = `5${digits(r, 11)}`;
    if (kind === 'unrelated') {
      const text = pick([`INT.PD:01-04-2025 TO 30-06-2025`, `TRANSFER FROM OWN A/C ${digits(r, 14)}`, `REFUND GST ${digits(r, 6)}`, `NEFT CR-${pick(IFSC)}-INCOME TAX DEPARTMENT-REFUND-${utr}`, `CASH DEPOSIT BY SELF`, `DIVIDEND ${digits(r, 8)}`]);
      lines.push({ kind, amount: BigInt(Math.floor(r() * 5_000_000) + 100), remittance: text, counterpartyName: null, counterpartyAccount: null, bankReference: utr, truth: null });
      continue;
    }
    if (kind === 'equal_amount') {
      const group = pick(shared);
      const inv = group.find((i) => !used.has(i.id));
      if (!inv) continue;
      used.add(inv.id);
      lines.push({ kind, amount: inv.open, remittance: `IMPS/P2A/${rrn}/PAYMENT`, counterpartyName: null, counterpartyAccount: null, bankReference: rrn, truth: { customerId: customers[inv.customerIndex]!.id, invoices: [{ id: inv.id, applied: inv.open }] } });
      continue;
    }
    const need = kind === 'name_subset' ? 2 : 1;
    const ci = customerWith(kind === 'vpa' ? withVpa : kind === 'learned_account' ? withAccount : [], need);
    if (ci < 0) continue;
    const c = customers[ci]!;
    const free = freeOf(ci);
    const name = bankName(c.name, r);
    let invoices: GenInvoice[];
    if (kind === 'name_subset') invoices = [free[0]!, pick(free.slice(1))];
    else if (kind === 'neft_ref' && free.length >= 2 && r() < 0.3) invoices = free.slice(0, 2);
    else invoices = [r() < 0.7 ? free[0]! : pick(free)];
    for (const i of invoices) used.add(i.id);
    const open = invoices.reduce((n, i) => n + i.open, 0n);
    const applied = invoices.map((i) => ({ id: i.id, applied: i.open }));
    let amount = open;
    if (kind === 'neft_ref') {
      const d = r();
      if (d < 0.2) amount = open - invoices.reduce((n, i) => n + tdsOf(i.taxable, 200n), 0n);
      else if (d < 0.28) amount = open - invoices.reduce((n, i) => n + tdsOf(i.taxable, 1000n), 0n);
      else if (d < 0.33) amount = open - invoices.reduce((n, i) => n + tdsOf(i.taxable, 100n), 0n);
      else if (d < 0.4) amount = open - BigInt(500 + Math.floor(r() * 4500));
    }
    if (kind === 'partial_ref') {
      amount = (open * BigInt(20 + Math.floor(r() * 60))) / 100n;
      applied[0]!.applied = amount;
    }
    const refs = invoices.map((i) => mangle(i.number, r)).join(' ');
    let remittance: string;
    let counterpartyAccount: string | null = null;
    switch (kind) {
      case 'vpa':
        remittance = `UPI-${name}-${c.vpa}-${pick(IFSC)}-${rrn}-${r() < 0.4 ? refs : 'PAYMENT'}`;
        break;
      case 'learned_account':
        counterpartyAccount = c.account;
        remittance = `NEFT CR-${pick(IFSC)}-${name}-${r() < 0.3 ? refs : 'PAYMENT'}-${utr}`;
        break;
      case 'name_subset':
        remittance = `NEFT CR-${pick(IFSC)}-${name}-${pick(['PAYMENT', 'MAY BILLS', 'OUTSTANDING', 'ACCOUNT'])}-${utr}`;
        break;
      case 'cheque_name':
        remittance = `CLG/${digits(r, 6)}/${name}`;
        break;
      default:
        remittance = `${r() < 0.8 ? 'NEFT' : 'RTGS'} CR-${pick(IFSC)}-${name}-${kind === 'partial_ref' ? 'PART PMT ' : ''}${refs}-${utr}`;
    }
    lines.push({ kind, amount, remittance, counterpartyName: name, counterpartyAccount, bankReference: kind === 'vpa' ? rrn : utr, truth: { customerId: c.id, invoices: applied } });
  }
  return lines;
}
