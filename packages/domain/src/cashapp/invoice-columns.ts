import type { MatchCustomer, MatchInvoice } from './match.ts';

/**
 * A run's open invoices as columns, built in one pass and read by both halves of the directory
 * (the clue index finds invoices by number, the open items lower what is open of them). A run
 * may hold a million: typed arrays for amounts, owners and currencies and one string array each
 * for ids, numbers and due dates keep the heap the garbage collector walks small, and an invoice
 * becomes an object only when a line looks at it. An invoice of a customer not in the run is
 * left out.
 */
export interface InvoiceColumns {
  customers: readonly MatchCustomer[];
  /** A customer's id to its row in `customers`. */
  customerIndex: Map<string, number>;
  count: number;
  ids: string[];
  numbers: string[];
  dueDates: string[];
  /** Row in `customers` of each invoice's customer. */
  owners: Int32Array;
  /** Row in `currencies` of each invoice's currency. */
  currencyOf: Int32Array;
  currencies: string[];
  currencyIndex: Map<string, number>;
  open: BigInt64Array;
  taxable: BigInt64Array;
}

export function invoiceColumns(customers: readonly MatchCustomer[], invoices: readonly MatchInvoice[]): InvoiceColumns {
  const customerIndex = new Map<string, number>();
  for (const [i, c] of customers.entries()) customerIndex.set(c.id, i);
  const ids: string[] = [];
  const numbers: string[] = [];
  const dueDates: string[] = [];
  const owners = new Int32Array(invoices.length);
  const currencyOf = new Int32Array(invoices.length);
  const currencies: string[] = [];
  const currencyIndex = new Map<string, number>();
  const open = new BigInt64Array(invoices.length);
  const taxable = new BigInt64Array(invoices.length);
  for (const t of invoices) {
    const owner = customerIndex.get(t.customerId);
    if (owner === undefined) continue;
    const at = ids.length;
    ids.push(t.id);
    numbers.push(t.number);
    dueDates.push(t.dueDate);
    owners[at] = owner;
    let currency = currencyIndex.get(t.currency);
    if (currency === undefined) {
      currency = currencies.push(t.currency) - 1;
      currencyIndex.set(t.currency, currency);
    }
    currencyOf[at] = currency;
    open[at] = t.open;
    taxable[at] = t.taxable;
  }
  const count = ids.length;
  return {
    customers,
    customerIndex,
    count,
    ids,
    numbers,
    dueDates,
    owners: owners.subarray(0, count),
    currencyOf: currencyOf.subarray(0, count),
    currencies,
    currencyIndex,
    open: open.subarray(0, count),
    taxable: taxable.subarray(0, count),
  };
}
