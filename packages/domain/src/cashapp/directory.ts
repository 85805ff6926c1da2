import type { AllocationLine } from '../allocation.ts';
import { type PayerIdentifier, createClueIndex } from './clue-index.ts';
import { HashIndex, addTo, listOf } from './hash-index.ts';
import { type InvoiceColumns, invoiceColumns } from './invoice-columns.ts';
import type { MatchCustomer, MatchDirectory, MatchInvoice, OpenItems } from './match.ts';

/**
 * The matcher's look-ups over one snapshot of the tenant's customers, payer identifiers and open
 * invoices, held in memory for a cash-application run: a statement of thousands of lines is then
 * matched without a query per line. Two halves over the same invoice columns: the clue index
 * (identifiers, invoice numbers, names), which nothing in a run changes, and the open items,
 * which the run lowers as it applies lines.
 */
export function createDirectory(input: { customers: MatchCustomer[]; identifiers: PayerIdentifier[]; openInvoices: readonly MatchInvoice[] }): MatchDirectory {
  const invoices = invoiceColumns(input.customers, input.openInvoices);
  return Object.assign(createClueIndex({ identifiers: input.identifiers, invoices }), createOpenItems(invoices));
}

/**
 * The open invoices of a run, by customer and by amount, over the invoice columns. `settle`
 * lowers open amounts as a run applies lines, so later lines never pay an invoice twice.
 */
export function createOpenItems(columns: InvoiceColumns): OpenItems {
  const { customers, customerIndex, count, ids, numbers, dueDates, owners, currencyOf, currencies, currencyIndex, open, taxable } = columns;

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
    openInvoicesOf: (id, currency) => {
      const ci = customerIndex.get(id);
      const want = currencyIndex.get(currency);
      if (ci === undefined || want === undefined) return [];
      const out: MatchInvoice[] = [];
      for (let k = start[ci]!; k < start[ci + 1]!; k++) {
        const i = byCustomer[k]!;
        if (open[i]! > 0n && currencyOf[i] === want) out.push(invoice(i));
      }
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
