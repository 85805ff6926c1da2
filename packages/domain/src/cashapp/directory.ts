import type { AllocationLine } from '../allocation.ts';
import { type PayerIdentifier, createClueIndex } from './clue-index.ts';
import { HashIndex, addTo, listOf } from './hash-index.ts';
import type { MatchCustomer, MatchDirectory, MatchInvoice, OpenItems } from './match.ts';

/**
 * The matcher's look-ups over one snapshot of the tenant's customers, payer identifiers and open
 * invoices, held in memory for a cash-application run: a statement of thousands of lines is then
 * matched without a query per line. Two halves, built apart: the clue index (identifiers, invoice
 * numbers, names), which nothing in a run changes, and the open items, which the run lowers as it
 * applies lines.
 */
export function createDirectory(input: { customers: MatchCustomer[]; identifiers: PayerIdentifier[]; openInvoices: readonly MatchInvoice[] }): MatchDirectory {
  return { ...createClueIndex({ customers: input.customers, identifiers: input.identifiers, invoices: input.openInvoices }), ...createOpenItems(input) };
}

/**
 * The open invoices of a run, by customer and by amount. A run may hold a million. They are kept
 * column by column (typed arrays for the amounts and customers, one string array each for ids,
 * numbers and due dates) and turned into objects only for the few a line looks at, so building
 * them is one pass and the heap the garbage collector walks stays small. `settle` lowers open
 * amounts as a run applies lines, so later lines never pay an invoice twice.
 */
export function createOpenItems(input: { customers: MatchCustomer[]; openInvoices: readonly MatchInvoice[] }): OpenItems {
  const customers = input.customers;
  const customerIndex = new Map<string, number>();
  for (const [i, c] of customers.entries()) customerIndex.set(c.id, i);

  // Invoices, one column each.
  const ids: string[] = [];
  const numbers: string[] = [];
  const dueDates: string[] = [];
  const owners: number[] = [];
  const currencyOf: number[] = [];
  const currencies: string[] = [];
  const currencyIndex = new Map<string, number>();
  const openList: bigint[] = [];
  const taxableList: bigint[] = [];
  for (const t of input.openInvoices) {
    const owner = customerIndex.get(t.customerId);
    if (owner === undefined) continue;
    ids.push(t.id);
    numbers.push(t.number);
    dueDates.push(t.dueDate);
    owners.push(owner);
    let currency = currencyIndex.get(t.currency);
    if (currency === undefined) {
      currency = currencies.push(t.currency) - 1;
      currencyIndex.set(t.currency, currency);
    }
    currencyOf.push(currency);
    openList.push(t.open);
    taxableList.push(t.taxable);
  }
  const count = ids.length;
  const open = BigInt64Array.from(openList);
  const taxable = BigInt64Array.from(taxableList);
  openList.length = 0;
  taxableList.length = 0;

  // Each customer's invoices, oldest due first, as one slice of `byCustomer`.
  const start = new Int32Array(customers.length + 1);
  for (let i = 0; i < count; i++) start[owners[i]! + 1]!++;
  for (let c = 0; c < customers.length; c++) start[c + 1]! += start[c]!;
  const byCustomer = new Int32Array(count);
  const fill = start.slice(0, customers.length);
  for (let i = 0; i < count; i++) byCustomer[fill[owners[i]!]!++] = i;
  for (let c = 0; c < customers.length; c++) {
    if (start[c + 1]! - start[c]! > 1) byCustomer.subarray(start[c]!, start[c + 1]!).sort((a, b) => (dueDates[a]! < dueDates[b]! ? -1 : dueDates[a]! > dueDates[b]! ? 1 : a - b));
  }

  let byId: HashIndex | null = null;
  const found: number[] = [];
  const row = (id: string) => {
    if (!byId) {
      byId = new HashIndex(count);
      for (let i = 0; i < count; i++) byId.add(ids[i]!, i);
    }
    found.length = 0;
    byId.find(id, found);
    return found.find((i) => ids[i] === id);
  };
  const invoice = (i: number): MatchInvoice => ({
    id: ids[i]!,
    number: numbers[i]!,
    customerId: customers[owners[i]!]!.id,
    currency: currencies[currencyOf[i]!]!,
    open: open[i]!,
    taxable: taxable[i]!,
    dueDate: dueDates[i]!,
  });

  // Open amounts to invoices, built on the first line that has nothing else to go on. Keyed by
  // number, which hashes faster than a bigint; above 2^53 two amounts may share a key, and every
  // hit is compared with the amount exactly.
  let byAmount: Map<number, number | number[]> | null = null;
  const amountIndex = () => {
    if (!byAmount) {
      byAmount = new Map();
      for (let i = 0; i < count; i++) addTo(byAmount, Number(open[i]!), i);
    }
    return byAmount;
  };

  return {
    customer: (id) => {
      const ci = customerIndex.get(id);
      return ci === undefined ? undefined : customers[ci];
    },
    invoice: (id) => {
      const i = row(id);
      return i === undefined ? undefined : invoice(i);
    },
    openInvoicesOf: (id) => {
      const ci = customerIndex.get(id);
      if (ci === undefined) return [];
      const out: MatchInvoice[] = [];
      for (let k = start[ci]!; k < start[ci + 1]!; k++) if (open[byCustomer[k]!]! > 0n) out.push(invoice(byCustomer[k]!));
      return out;
    },
    openForAmount: (amount, currency) => {
      const owner = new Set<number>();
      const found: MatchInvoice[] = [];
      const want = currencyIndex.get(currency);
      for (const i of listOf(amountIndex().get(Number(amount)))) {
        if (open[i] !== amount || currencyOf[i] !== want) continue;
        owner.add(owners[i]!);
        // A second customer is enough to know nobody can be told from the amount alone.
        if (owner.size > 1) return { invoices: [], customers: 2 };
        found.push(invoice(i));
      }
      return { invoices: found, customers: owner.size };
    },
    invoiceNumber: (invoiceId) => {
      const i = row(invoiceId);
      return i === undefined ? undefined : numbers[i];
    },
    settle: (lines: AllocationLine[]) => {
      for (const l of lines) {
        const i = row(l.invoiceId);
        if (i !== undefined) open[i]! -= l.amount + l.tds + l.bankCharges + l.discount + l.writeOff;
      }
    },
  };
}
