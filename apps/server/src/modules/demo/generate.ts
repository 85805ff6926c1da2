import { addDays, addMonths, isIsoDate } from '@duely/domain';
import { makeCustomers } from './customers.ts';
import { type DemoPlan, EVENT_ORDER, type PlanEvent } from './plan.ts';
import { Random } from './random.ts';
import { BANKS, TERMS, USERS } from './setup.ts';
import { simulateCustomer } from './simulate.ts';

export interface GenerateOptions {
  seed: number;
  /** The last day of the demo, YYYY-MM-DD: eighteen months of history end here. */
  today: string;
  /** The company's GST state: decides CGST+SGST against IGST for each customer. */
  supplierState: string | null;
}

/** The whole demo as a plan, without touching a database: same options, same plan. */
export function generateDemoPlan(options: GenerateOptions): DemoPlan {
  if (!isIsoDate(options.today)) throw new Error(`today must be a YYYY-MM-DD date, not "${options.today}"`);
  const random = new Random(options.seed);
  const start = addDays(addMonths(options.today, -18), 1);
  // Order volume is random; a seed that falls short of the promised minimum is lived again,
  // busier, from the same seed, so the result stays a function of seed and today.
  for (let volume = 1; ; volume *= 1.1) {
    const lived = live(random, start, options, volume);
    if (lived.invoices >= MIN_INVOICES || volume > 2)
      return { seed: options.seed, today: options.today, start, ...lived.plan };
  }
}

export const MIN_INVOICES = 3000;

function live(random: Random, start: string, options: GenerateOptions, volume: number) {
  const customers = makeCustomers(
    random.fork('customers'),
    start,
    options.today,
    options.supplierState,
    volume,
  );
  const events: (PlanEvent & { ci: number; seq: number })[] = [];
  let seq = 0;
  const totals = { invoiced: 0n, received: 0n, outstanding: 0n };
  for (const customer of customers) {
    const result = simulateCustomer(
      random.fork(`life:${customer.plan.key}`),
      customer,
      options.today,
      options.seed,
      (event) => events.push({ ...event, ci: customer.index, seq: seq++ }),
    );
    totals.invoiced += result.invoiced;
    totals.received += result.received;
    totals.outstanding += result.outstanding;
  }
  // One timeline across customers, so document numbers rise with their dates as in any ledger.
  events.sort(
    (a, b) =>
      a.date.localeCompare(b.date) ||
      EVENT_ORDER[a.type] - EVENT_ORDER[b.type] ||
      a.ci - b.ci ||
      a.seq - b.seq,
  );
  const plan = {
    users: USERS.map((u) => ({ ...u })),
    terms: TERMS.map(({ key, input }) => ({ key, input })),
    banks: BANKS.map((b) => ({ ...b })),
    customers: customers.map((c) => c.plan),
    events: events.map(({ ci: _ci, seq: _seq, ...event }) => event as PlanEvent),
    totals,
  };
  return { plan, invoices: events.filter((e) => e.type === 'invoice').length };
}
