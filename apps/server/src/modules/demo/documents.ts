import type { LineInput } from '@duely/contracts/invoices';
import {
  computeLine,
  formatAmount,
  type LineTax,
  percentToBp,
  roundHalfUp,
  type SupplyType,
  sumTaxes,
} from '@duely/domain';
import { summerFactor } from './behaviour.ts';
import { gstRate, ITEM, type Item, type ItemKind, SEGMENT_GOODS, SEGMENT_SERVICES } from './catalogue.ts';
import type { CustomerModel } from './customers.ts';
import type { Random } from './random.ts';

/**
 * Invoice, credit-note and debit-note lines, with their tax computed by the same domain function
 * the invoices service uses: the simulation must know each document's total to the paisa to
 * allocate exactly what is open.
 */

export interface ComposedLine {
  item: Item;
  input: LineInput;
  unitPrice: bigint;
  /** Quantity in thousandths. */
  quantity: number;
  taxRateBp: number;
  tax: LineTax;
}

export interface ComposedDocument {
  lines: ComposedLine[];
  totals: LineTax;
  /** What the customer may withhold TDS for. */
  category: ItemKind;
}

const COPPER_BASE_MONTH = 2024 * 12;

export function quantityText(thousandths: number): string {
  const whole = Math.floor(thousandths / 1000);
  const fraction = thousandths % 1000;
  return fraction ? `${whole}.${String(fraction).padStart(3, '0').replace(/0+$/, '')}` : String(whole);
}

/** The customer's price for an item on a date: its price level, and copper following the metal up. */
export function priceOf(item: Item, customer: CustomerModel, date: string): bigint {
  let price = (item.price * BigInt(customer.priceFactor)) / 1000n;
  if (item.copper) {
    const months = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 - COPPER_BASE_MONTH;
    price = (price * BigInt(1000 + 7 * Math.max(0, months))) / 1000n;
  }
  // Big-ticket prices are quoted in whole rupees, cut lengths and small items to 50 paise.
  return price >= 100_000n ? roundHalfUp(price, 100n) * 100n : roundHalfUp(price, 50n) * 50n;
}

function line(
  item: Item,
  description: string,
  quantity: number,
  unitPrice: bigint,
  discount: bigint,
  rate: string,
  supply: SupplyType,
): ComposedLine {
  const taxRateBp = percentToBp(rate);
  const input: LineInput = {
    description,
    hsn_sac: item.hsn,
    quantity: quantityText(quantity),
    unit: item.unit,
    unit_price: formatAmount(unitPrice, 'INR'),
    discount: formatAmount(discount, 'INR'),
    tax_rate: rate,
  };
  const tax = computeLine({ quantity: input.quantity, unitPrice, discount, taxRateBp }, supply);
  return { item, input, unitPrice, quantity, taxRateBp, tax };
}

function quantityFor(item: Item, target: number, price: bigint, random: Random): number {
  const units = target / Number(price);
  switch (item.quantity) {
    case 'one':
      return 1000;
    case 'whole':
      return Math.max(1, Math.round(units)) * 1000;
    case 'metre':
      // Long runs are cut from drums in round lengths; short ones to the half metre.
      if (units >= 200 && random.chance(0.45)) return Math.max(50, Math.round(units / 50) * 50) * 1000;
      return Math.max(10_000, Math.round(units * 2) * 500);
    case 'kg':
      return Math.max(5_000, Math.round(units * 1000));
  }
}

function pickGoods(random: Random, customer: CustomerModel, count: number, date: string): Item[] {
  const weights = SEGMENT_GOODS[customer.segment].map(([code, w]) => {
    const item = ITEM[code]!;
    const seasonal =
      code.startsWith('AC') || code === 'FAN' || code === 'STAB' || code === 'CUP' ? summerFactor(date) : 1;
    return [item, w * seasonal] as const;
  });
  const chosen: Item[] = [];
  while (chosen.length < count && chosen.length < weights.length) {
    const item = random.weighted(weights.filter(([i]) => !chosen.includes(i)));
    chosen.push(item);
  }
  return chosen;
}

export function composeInvoice(random: Random, customer: CustomerModel, date: string): ComposedDocument {
  const services = SEGMENT_SERVICES[customer.segment];
  const big = customer.size === 'key' || customer.size === 'large';
  if (services.share > 0 && random.chance(services.share)) {
    const item = ITEM[random.pick(services.items)]!;
    const value = random.logUniform(Number(item.price) * 0.5, Number(item.price) * (big ? 3 : 1.5));
    const price = BigInt(Math.max(1, Math.round(value / 50_000))) * 50_000n;
    const l = line(item, item.description, 1000, price, 0n, gstRate(item, date), customer.supply);
    return { lines: [l], totals: sumTaxes([l.tax]), category: item.kind };
  }
  const count = random.weighted([
    [1, 30],
    [2, 35],
    [3, 22],
    [4, 13],
  ] as const);
  const items = pickGoods(random, customer, count, date);
  const target = random.logUniform(customer.value[0], customer.value[1]) * 100;
  const shares = items.map(() => 0.4 + random.next());
  const shareTotal = shares.reduce((a, b) => a + b, 0);
  const lines = items.map((item, i) => {
    const price = priceOf(item, customer, date);
    const quantity = quantityFor(item, (target * shares[i]!) / shareTotal, price, random);
    const discountable = customer.tradeDiscount > 0 && item.quantity !== 'one' && !item.copper;
    const gross = roundHalfUp(BigInt(quantity) * price, 1000n);
    const discount = discountable ? roundHalfUp(gross * BigInt(customer.tradeDiscount), 100n) : 0n;
    return line(item, item.description, quantity, price, discount, gstRate(item, date), customer.supply);
  });
  return { lines, totals: sumTaxes(lines.map((l) => l.tax)), category: 'goods' };
}

export interface Note {
  reason: string;
  lines: ComposedLine[];
  totals: LineTax;
}

/**
 * A credit note correcting an invoice: a rate difference, a short supply or goods damaged in
 * transit. Taxed at the rate of the original supply, whatever the rate on the note's own date.
 */
export function composeCreditNote(
  random: Random,
  invoice: ComposedDocument,
  supply: SupplyType,
): Note | null {
  const goods = invoice.lines.filter((l) => l.item.kind === 'goods');
  if (goods.length === 0) return null;
  const original = random.pick(goods);
  const rate = original.input.tax_rate;
  const whole = original.item.quantity === 'whole';
  const kind = random.weighted([
    ['rate', 4],
    ['short', whole && original.quantity >= 3000 ? 3 : 0],
    ['damaged', whole ? 3 : 0],
  ] as const);
  let note: ComposedLine;
  let reason: string;
  if (kind === 'rate') {
    const difference = roundHalfUp(original.unitPrice * BigInt(random.int(2, 6)), 100n);
    if (difference < 100n) return null;
    note = line(
      original.item,
      `Rate difference: ${original.item.description}`,
      original.quantity,
      difference,
      0n,
      rate,
      supply,
    );
    reason = random.pick([
      'Rate difference: agreed special price not applied',
      'Rate difference: billed at old price list',
      'Rate difference: scheme discount for the month',
    ]);
  } else if (kind === 'short') {
    const short = random.int(1, Math.max(1, Math.floor(original.quantity / 5000)));
    note = line(
      original.item,
      `Short supply: ${original.item.description}`,
      short * 1000,
      original.unitPrice,
      0n,
      rate,
      supply,
    );
    reason = `Short supply: ${short} ${original.item.unit} not received against the delivery challan`;
  } else {
    const damaged = Math.min(original.quantity / 1000, random.int(1, 2));
    note = line(
      original.item,
      `Damaged in transit (LR ${random.digits(6)}): ${original.item.description}`,
      damaged * 1000,
      original.unitPrice,
      0n,
      rate,
      supply,
    );
    reason = 'Goods damaged in transit; transporter claim lodged';
  }
  if (note.tax.total < 50_000n || note.tax.total >= invoice.totals.total) return null;
  return { reason, lines: [note], totals: sumTaxes([note.tax]) };
}

/** A debit note for copper price variation on the copper lines of an invoice (supplementary invoice). */
export function composeDebitNote(random: Random, invoice: ComposedDocument, supply: SupplyType): Note | null {
  const copper = invoice.lines.filter((l) => l.item.copper);
  if (copper.length === 0) return null;
  const perMille = random.int(15, 40);
  const lines = copper.map((l) =>
    line(
      l.item,
      `Copper price variation (${(perMille / 10).toFixed(1)}%) on ${l.item.description}`,
      l.quantity,
      roundHalfUp(l.unitPrice * BigInt(perMille), 1000n),
      0n,
      l.input.tax_rate,
      supply,
    ),
  );
  const totals = sumTaxes(lines.map((l) => l.tax));
  // Nobody raises a supplementary invoice for small change.
  if (totals.total < 100_000n) return null;
  return { reason: 'Price revision: copper price variation clause of the purchase order', lines, totals };
}
