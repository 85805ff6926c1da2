import { InvalidValue } from './errors.ts';
import { MAX_AMOUNT, roundHalfUp } from './money.ts';

/** GST state codes (first two digits of a GSTIN; place of supply). 96 = outside India. */
export const GST_STATES: Record<string, string> = {
  '01': 'Jammu and Kashmir', '02': 'Himachal Pradesh', '03': 'Punjab', '04': 'Chandigarh',
  '05': 'Uttarakhand', '06': 'Haryana', '07': 'Delhi', '08': 'Rajasthan', '09': 'Uttar Pradesh',
  '10': 'Bihar', '11': 'Sikkim', '12': 'Arunachal Pradesh', '13': 'Nagaland', '14': 'Manipur',
  '15': 'Mizoram', '16': 'Tripura', '17': 'Meghalaya', '18': 'Assam', '19': 'West Bengal',
  '20': 'Jharkhand', '21': 'Odisha', '22': 'Chhattisgarh', '23': 'Madhya Pradesh', '24': 'Gujarat',
  '26': 'Dadra and Nagar Haveli and Daman and Diu', '27': 'Maharashtra', '29': 'Karnataka', '30': 'Goa',
  '31': 'Lakshadweep', '32': 'Kerala', '33': 'Tamil Nadu', '34': 'Puducherry',
  '35': 'Andaman and Nicobar Islands', '36': 'Telangana', '37': 'Andhra Pradesh', '38': 'Ladakh',
  '96': 'Other Country', '97': 'Other Territory',
};

const GSTIN_CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const GSTIN_SHAPE = /^(\d{2})([A-Z]{5}\d{4}[A-Z])([1-9A-Z])Z([0-9A-Z])$/;
const PAN_SHAPE = /^[A-Z]{3}[ABCFGHLJPT][A-Z]\d{4}[A-Z]$/;

export function gstinCheckDigit(first14: string): string {
  let total = 0;
  for (let i = 0; i < 14; i++) {
    const value = GSTIN_CHARS.indexOf(first14[i]!);
    const product = value * (i % 2 === 0 ? 1 : 2);
    total += Math.floor(product / 36) + (product % 36);
  }
  return GSTIN_CHARS[(36 - (total % 36)) % 36]!;
}

/** Shape, known state code and check digit. Returns the reason it is invalid, or null. */
export function gstinProblem(gstin: string): string | null {
  const m = GSTIN_SHAPE.exec(gstin);
  if (!m) return 'must be 15 characters: 2-digit state, PAN, entity, Z, check digit';
  if (!GST_STATES[m[1]!] || m[1] === '96') return `unknown state code ${m[1]}`;
  if (gstinCheckDigit(gstin.slice(0, 14)) !== gstin[14]) return 'check digit does not match';
  return null;
}

export function panProblem(pan: string): string | null {
  return PAN_SHAPE.test(pan) ? null : 'must be 5 letters, 4 digits, 1 letter (4th letter the holder type)';
}

/** The PAN embedded in a GSTIN (characters 3–12). */
export function panOfGstin(gstin: string): string {
  return gstin.slice(2, 12);
}

/**
 * How a supply is taxed. 'intra': CGST + SGST (supplier and place of supply in one state);
 * 'inter': IGST (different states, or export); 'none': outside GST (a non-Indian tenant) where
 * the line's rate is a single sales tax / VAT.
 */
export type SupplyType = 'intra' | 'inter' | 'none';

export function supplyTypeOf(supplierState: string | null, placeOfSupply: string | null): SupplyType {
  if (!supplierState) return 'none';
  if (!placeOfSupply || placeOfSupply === supplierState) return 'intra';
  return 'inter';
}

export interface LineInput {
  /** Decimal string with at most 3 decimals ("2.5"). */
  quantity: string;
  /** Price per unit in minor units, before tax. */
  unitPrice: bigint;
  /** Discount on the line in minor units, before tax. */
  discount: bigint;
  /** Tax rate in basis points: 1800 = 18 %. */
  taxRateBp: number;
}

export interface LineTax {
  taxable: bigint;
  cgst: bigint;
  sgst: bigint;
  igst: bigint;
  /** Non-GST tax (VAT, sales tax) for tenants outside India. */
  otherTax: bigint;
  total: bigint;
}

const QUANTITY = /^(\d{1,9})(?:\.(\d{1,3}))?$/;

/** Quantity string to thousandths: "2.5" → 2500n. */
export function quantityThousandths(quantity: string, field = 'quantity'): bigint {
  const m = QUANTITY.exec(quantity.trim());
  if (!m) throw new InvalidValue(field, `"${quantity}" is not a quantity (up to 3 decimals)`);
  const value = BigInt(m[1]! + (m[2] ?? '').padEnd(3, '0'));
  if (value === 0n) throw new InvalidValue(field, 'must be more than zero');
  return value;
}

/**
 * Tax on one invoice line, rounded per line to the minor unit (half up), as GST invoices print it.
 * Intra-state GST splits the rate in two and rounds CGST and SGST separately, so they are always
 * equal and the invoice never shows a paisa of difference between them.
 */
export function computeLine(line: LineInput, supply: SupplyType, field = 'line'): LineTax {
  if (line.unitPrice < 0n) throw new InvalidValue(`${field}.unit_price`, 'must not be negative');
  if (line.discount < 0n) throw new InvalidValue(`${field}.discount`, 'must not be negative');
  if (!Number.isInteger(line.taxRateBp) || line.taxRateBp < 0 || line.taxRateBp > 10000) {
    throw new InvalidValue(`${field}.tax_rate`, 'must be between 0 and 100 % with at most 2 decimals');
  }
  const gross = roundHalfUp(quantityThousandths(line.quantity, `${field}.quantity`) * line.unitPrice, 1000n);
  const taxable = gross - line.discount;
  if (taxable < 0n) throw new InvalidValue(`${field}.discount`, 'is larger than the line amount');
  const rate = BigInt(line.taxRateBp);
  let cgst = 0n;
  let sgst = 0n;
  let igst = 0n;
  let otherTax = 0n;
  if (supply === 'intra') {
    cgst = roundHalfUp(taxable * rate, 20000n);
    sgst = cgst;
  } else if (supply === 'inter') {
    igst = roundHalfUp(taxable * rate, 10000n);
  } else {
    otherTax = roundHalfUp(taxable * rate, 10000n);
  }
  const total = taxable + cgst + sgst + igst + otherTax;
  if (total > MAX_AMOUNT) throw new InvalidValue(field, 'line amount is too large');
  return { taxable, cgst, sgst, igst, otherTax, total };
}

export function sumTaxes(lines: LineTax[]): LineTax {
  const totals: LineTax = { taxable: 0n, cgst: 0n, sgst: 0n, igst: 0n, otherTax: 0n, total: 0n };
  for (const line of lines) {
    totals.taxable += line.taxable;
    totals.cgst += line.cgst;
    totals.sgst += line.sgst;
    totals.igst += line.igst;
    totals.otherTax += line.otherTax;
    totals.total += line.total;
  }
  if (totals.total > MAX_AMOUNT) throw new InvalidValue('lines', 'invoice total is too large');
  return totals;
}

/** "18" / "0.25" / "12.5" percent text to basis points. */
export function percentToBp(text: string, field = 'tax_rate'): number {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(text.trim().replace(/%$/, ''));
  if (!m) throw new InvalidValue(field, `"${text}" is not a percentage`);
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (bp > 10000) throw new InvalidValue(field, 'must be at most 100 %');
  return bp;
}

export function bpToPercent(bp: number): string {
  const whole = Math.floor(bp / 100);
  const fraction = bp % 100;
  return fraction === 0 ? String(whole) : `${whole}.${String(fraction).padStart(2, '0').replace(/0$/, '')}`;
}
