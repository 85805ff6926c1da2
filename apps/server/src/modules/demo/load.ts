import { createBankAccount } from '../bank/bank.service.ts';
import { randomInt } from 'node:crypto';
import type { AllocationInput } from '@duely/contracts/receipts';
import { formatAmount, todayIn } from '@duely/domain';
import { type Ctx, systemCtx } from '../../platform/context.ts';
import { type Executor, inTransaction, refreshStatistics } from '../../platform/db.ts';
import { ConflictError, ValidationError } from '../../platform/errors.ts';
import {
  createCustomer,
  createPaymentTerms,
  listCustomers,
  requireTenant,
} from '../customers/customers.service.ts';
import { listUsers } from '../identity/identity.repo.ts';
import { createUser } from '../identity/identity.service.ts';
import { createCreditNote, createDebitNote, createInvoice } from '../invoices/invoices.service.ts';
import { allocateReceipt, createReceipt, getReceipt, reverseReceipt } from '../payments/payments.service.ts';
import { generateDemoPlan } from './generate.ts';
import type { DemoPlan, PlanAllocation, PlanEvent } from './plan.ts';
import { USERS } from './setup.ts';

export interface LoadDemoOptions {
  tenantId: string;
  /** Last day of the demo history, YYYY-MM-DD; defaults to today in the company's time zone. */
  today?: string;
  /** Same seed and same today give the same customers, documents and amounts. */
  seed?: number;
  /** One password for every demo user (tests, screenshots); a fresh random one by default. */
  password?: string;
  onProgress?: (done: number, total: number, label: string) => void;
}

export interface DemoSummary {
  tenantId: string;
  seed: number;
  /** First and last day of the history. */
  from: string;
  today: string;
  users: { email: string; name: string; password: string; roles: string[] }[];
  adminEmail: string;
  adminPassword: string;
  customers: number;
  b2b: number;
  b2c: number;
  invoices: number;
  creditNotes: number;
  debitNotes: number;
  receipts: number;
  allocations: number;
  reversals: number;
  /** Decimal rupee strings. */
  invoiced: string;
  received: string;
  outstanding: string;
  durationMs: number;
}

export const DEFAULT_DEMO_SEED = 1;

/** Readable but not guessable: 3 groups of 4 from an alphabet without look-alikes (0/O, 1/l/I). */
function randomPassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const group = () => Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join('');
  return `${group()}-${group()}-${group()}`;
}

const fmt = (paise: bigint) => formatAmount(paise, 'INR');
const MONTH = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function count(plan: DemoPlan, type: PlanEvent['type']): number {
  return plan.events.filter((e) => e.type === type).length;
}

/** Tables whose rows the foreign-key checks of every new line and allocation look up. */
const GROWING_TABLES = ['invoices', 'receipts', 'allocations'];
const LOADED_TABLES = [
  'customers',
  'contacts',
  'invoices',
  'invoice_lines',
  'invoice_instalments',
  'receipts',
  'allocations',
  'journal_lines',
  'audit_log',
];


/**
 * Fills an empty company with eighteen months of an Indian electrical-goods distributor's
 * receivables, through the same services the API uses, in one transaction: a failed load leaves
 * nothing behind. The company must be empty (no customers) and keep its books in INR.
 */
export async function loadDemo(db: Executor, options: LoadDemoOptions): Promise<DemoSummary> {
  const started = performance.now();
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const password = options.password ?? randomPassword();
  return inTransaction(db, async (trx) => {
    const tenant = await requireTenant(trx, options.tenantId);
    if (tenant.base_currency !== 'INR') {
      throw new ValidationError(
        'tenant',
        `the demo is an Indian company's books (INR, GST); this company keeps ${tenant.base_currency}`,
      );
    }
    const system = systemCtx(tenant.id, 'system', null);
    if ((await listCustomers(trx, system, { limit: 1 })).data.length > 0) {
      throw new ConflictError(
        'conflict',
        'this company already has customers; load the demo into an empty company',
      );
    }
    const taken = new Set((await listUsers(trx, tenant.id)).map((u) => u.email));
    const clash = USERS.find((u) => taken.has(u.email));
    if (clash)
      throw new ConflictError(
        'conflict',
        `a demo user (${clash.email}) already exists; load the demo into an empty company`,
      );
    const today = options.today ?? todayIn(tenant.time_zone);
    const plan = generateDemoPlan({ seed, today, supplierState: tenant.gst_state_code });

    const setupSteps = plan.users.length + plan.terms.length + plan.banks.length + plan.customers.length;
    const total = setupSteps + plan.events.length;
    let done = 0;
    const progress = (label: string, force = false) => {
      done++;
      if (options.onProgress && (force || done % 25 === 0 || done === total))
        options.onProgress(done, total, label);
    };
    options.onProgress?.(0, total, 'Users');

    const ids = new Map<string, string>();
    const id = (key: string) => {
      const found = ids.get(key);
      if (!found) throw new Error(`demo loader: nothing was created for ${key}`);
      return found;
    };
    let ctx: Ctx = system;
    for (const user of plan.users) {
      const created = await createUser(trx, ctx, {
        email: user.email,
        name: user.name,
        password,
        roles: user.roles,
      });
      ids.set(`user:${user.key}`, created.id);
      // Everything after the admin exists is done in the admin's name, as if they had keyed it in.
      if (user.key === 'admin') ctx = systemCtx(tenant.id, 'system', created.id);
      progress('Users');
    }
    for (const terms of plan.terms) {
      ids.set(`terms:${terms.key}`, (await createPaymentTerms(trx, ctx, terms.input)).id);
      progress('Payment terms');
    }
    for (const bank of plan.banks) {
      ids.set(`bank:${bank.key}`, (await createBankAccount(trx, ctx, bank.input)).id);
      progress('Bank accounts');
    }
    for (const customer of plan.customers) {
      const created = await createCustomer(trx, ctx, {
        ...customer.input,
        collector_id: id(`user:${customer.collector}`),
        payment_terms_id: id(`terms:${customer.terms}`),
      });
      ids.set(`customer:${customer.key}`, created);
      progress('Customers');
    }

    const numbers = new Map<string, string>();
    const allocations = (lines: PlanAllocation[]): AllocationInput[] =>
      lines.map((a) => ({
        invoice_id: id(a.doc),
        amount: fmt(a.amount),
        tds: fmt(a.tds),
        bank_charges: fmt(a.bankCharges),
        discount: fmt(a.discount),
        write_off: fmt(a.writeOff),
      }));
    // A remittance advice lists the bills paid, by the numbers the services gave them.
    const remittance = (notes: string | null | undefined, lines: PlanAllocation[]) => {
      if (!notes?.includes('{docs}')) return notes ?? null;
      const paid = lines.map((l) => numbers.get(l.doc) ?? '');
      const listed =
        paid.length > 12 ? `${paid.slice(0, 12).join(', ')} and ${paid.length - 12} more` : paid.join(', ');
      return notes.replace('{docs}', listed);
    };

    let allocationCount = 0;
    const refreshAt = new Set([Math.floor(plan.events.length * 0.1), Math.floor(plan.events.length * 0.4)]);
    for (const [step, event] of plan.events.entries()) {
      if (refreshAt.has(step)) await refreshStatistics(trx, GROWING_TABLES);
      const customerId = id(`customer:${event.customer}`);
      switch (event.type) {
        case 'invoice': {
          const created = await createInvoice(trx, ctx, { ...event.input, customer_id: customerId });
          ids.set(event.key, created.id);
          numbers.set(event.key, created.number);
          break;
        }
        case 'debit_note': {
          const created = await createDebitNote(trx, ctx, {
            ...event.input,
            customer_id: customerId,
            against_invoice_id: id(event.against),
            reference: `Supplementary to ${numbers.get(event.against)}`,
          });
          ids.set(event.key, created.id);
          numbers.set(event.key, created.number);
          break;
        }
        case 'credit_note': {
          const created = await createCreditNote(trx, ctx, {
            ...event.input,
            customer_id: customerId,
            against_invoice_id: id(event.against),
          });
          ids.set(event.key, created.id);
          break;
        }
        case 'receipt': {
          const created = await createReceipt(trx, ctx, {
            ...event.input,
            customer_id: customerId,
            amount: fmt(event.amount),
            bank_account_id: id(`bank:${event.bank}`),
            notes: remittance(event.input.notes, event.allocations),
            ...(event.allocations.length ? { allocations: allocations(event.allocations) } : {}),
          });
          ids.set(event.key, created.id);
          allocationCount += event.allocations.length;
          break;
        }
        case 'allocate':
          await allocateReceipt(trx, ctx, id(event.receipt), {
            allocation_date: event.date,
            allocations: allocations(event.allocations),
          });
          allocationCount += event.allocations.length;
          break;
        case 'reversal': {
          const receiptId = id(event.receipt);
          await reverseReceipt(trx, ctx, receiptId, {
            reversed_on: event.date,
            reason: event.reason,
            bounce_charge: fmt(event.bounceCharge),
          });
          const reversed = await getReceipt(trx, ctx, receiptId);
          if (reversed.bounce_charge_id) ids.set(event.chargeKey, reversed.bounce_charge_id);
          break;
        }
      }
      progress(`${MONTH[Number(event.date.slice(5, 7)) - 1]} ${event.date.slice(0, 4)}`);
    }
    await refreshStatistics(trx, LOADED_TABLES);
    options.onProgress?.(total, total, 'Done');

    const customers = plan.customers.length;
    const b2b = plan.customers.filter((c) => c.input.kind === 'b2b').length;
    return {
      tenantId: tenant.id,
      seed,
      from: plan.start,
      today,
      users: plan.users.map((u) => ({ email: u.email, name: u.name, password, roles: [...u.roles] })),
      adminEmail: plan.users.find((u) => u.key === 'admin')!.email,
      adminPassword: password,
      customers,
      b2b,
      b2c: customers - b2b,
      invoices: count(plan, 'invoice'),
      creditNotes: count(plan, 'credit_note'),
      debitNotes: count(plan, 'debit_note'),
      receipts: count(plan, 'receipt'),
      allocations: allocationCount,
      reversals: count(plan, 'reversal'),
      invoiced: fmt(plan.totals.invoiced),
      received: fmt(plan.totals.received),
      outstanding: fmt(plan.totals.outstanding),
      durationMs: Math.round(performance.now() - started),
    };
  });
}
