import type {
  ContactInput,
  CustomerInput,
  CustomerListQuery,
  CustomerOut,
  CustomerPatch,
  PaymentTermsInput,
} from '@duely/contracts/customers';
import {
  GST_STATES,
  formatAmount,
  gstinProblem,
  isValidTimeZone,
  panOfGstin,
  panProblem,
  parseAmount,
  percentToBp,
  bpToPercent,
  todayIn,
  validateTerms,
} from '@duely/domain';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { type Executor, type Trx, inTransaction } from '../../platform/db.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { toPage } from '../../platform/pagination.ts';
import { findTenant } from '../identity/identity.repo.ts';
import * as repo from './customers.repo.ts';

export async function requireTenant(db: Executor, tenantId: string) {
  const tenant = await findTenant(db, tenantId);
  if (!tenant) throw new NotFoundError('tenant', tenantId);
  return tenant;
}

type Row = NonNullable<Awaited<ReturnType<typeof repo.findCustomer>>>;

export function toCustomerOut(row: Row, balance: repo.CustomerBalance | undefined): CustomerOut {
  const b = balance ?? { balance: 0n, overdue: 0n, unapplied: 0n, open_invoices: 0, oldest_due_date: null };
  return {
    ...row,
    risk_class: row.risk_class as CustomerOut['risk_class'],
    credit_limit: row.credit_limit === null ? null : formatAmount(row.credit_limit, row.currency),
    balance: formatAmount(b.balance, row.currency),
    overdue: formatAmount(b.overdue, row.currency),
    unapplied: formatAmount(b.unapplied, row.currency),
    open_invoices: b.open_invoices,
    oldest_due_date: b.oldest_due_date,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

interface TaxIds {
  gstin: string | null;
  pan: string | null;
  state_code: string | null;
}

/** GSTIN carries the PAN and the state: check them against each other rather than trust both. */
export function checkTaxIds(input: { gstin?: string | null; pan?: string | null; state_code?: string | null }): TaxIds {
  const gstin = input.gstin || null;
  let pan = input.pan || null;
  let state = input.state_code || null;
  if (gstin) {
    const problem = gstinProblem(gstin);
    if (problem) throw new ValidationError('gstin', problem);
    if (pan && pan !== panOfGstin(gstin)) throw new ValidationError('pan', 'does not match the PAN inside the GSTIN');
    pan = panOfGstin(gstin);
    state ??= gstin.slice(0, 2);
  }
  if (pan) {
    const problem = panProblem(pan);
    if (problem) throw new ValidationError('pan', problem);
  }
  if (state && !GST_STATES[state]) throw new ValidationError('state_code', `unknown GST state code ${state}`);
  return { gstin, pan, state_code: state };
}

async function checkReferences(trx: Executor, tenantId: string, input: { collector_id?: string | null; payment_terms_id?: string | null }) {
  if (input.collector_id && !(await repo.userExists(trx, tenantId, input.collector_id))) {
    throw new ValidationError('collector_id', 'no such user');
  }
  if (input.payment_terms_id && !(await repo.findPaymentTerms(trx, tenantId, input.payment_terms_id))) {
    throw new ValidationError('payment_terms_id', 'no such payment terms');
  }
}

async function insertContacts(trx: Trx, tenantId: string, customerId: string, contacts: ContactInput[]) {
  if (contacts.length === 0) return [];
  const rows = contacts.map((c) => ({ tenant_id: tenantId, id: newId(), customer_id: customerId, ...nullify(c) }));
  await trx.insertInto('contacts').values(rows).execute();
  return rows;
}

function nullify<T extends Record<string, unknown>>(input: T) {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) out[k] = v === undefined ? null : v;
  return out as { [K in keyof T]: Exclude<T[K], undefined> };
}

export async function createCustomer(db: Executor, ctx: Ctx, input: CustomerInput) {
  return inTransaction(db, async (trx) => {
    const tenant = await requireTenant(trx, ctx.tenantId);
    const currency = input.currency ?? tenant.base_currency;
    const timeZone = input.time_zone ?? tenant.time_zone;
    if (!isValidTimeZone(timeZone)) throw new ValidationError('time_zone', `unknown time zone "${timeZone}"`);
    const taxIds = checkTaxIds(input);
    await checkReferences(trx, ctx.tenantId, input);
    const id = newId();
    const { contacts, ...fields } = input;
    const row = {
      ...nullify(fields),
      ...taxIds,
      tenant_id: ctx.tenantId,
      id,
      currency,
      time_zone: timeZone,
      credit_limit: input.credit_limit == null ? null : parseAmount(input.credit_limit, currency, 'credit_limit'),
    };
    const inserted = await trx
      .insertInto('customers')
      .values(row)
      .onConflict((oc) => oc.columns(['tenant_id', 'code']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) throw new ConflictError('duplicate', `customer code ${input.code} is already used`, { field: 'code' });
    const contactRows = await insertContacts(trx, ctx.tenantId, id, contacts);
    await recordAudit(trx, ctx, { action: 'customer.create', entityType: 'customer', entityId: id, after: { ...row, contacts: contactRows } });
    return id;
  });
}

export async function updateCustomer(db: Executor, ctx: Ctx, id: string, patch: CustomerPatch) {
  return inTransaction(db, async (trx) => {
    const before = await repo.lockCustomer(trx, ctx.tenantId, id);
    if (!before) throw new NotFoundError('customer', id);
    if (patch.currency && patch.currency !== before.currency) {
      const used = await trx.selectFrom('invoices').select('id').where('tenant_id', '=', ctx.tenantId).where('customer_id', '=', id).limit(1).executeTakeFirst();
      if (used) throw new ValidationError('currency', 'cannot change once the customer has documents');
    }
    if (patch.time_zone && !isValidTimeZone(patch.time_zone)) throw new ValidationError('time_zone', `unknown time zone "${patch.time_zone}"`);
    const taxIds = checkTaxIds({ ...before, ...patch });
    await checkReferences(trx, ctx.tenantId, patch);
    const currency = patch.currency ?? before.currency;
    const changes: Record<string, unknown> = { ...patch, ...taxIds, updated_at: new Date() };
    if (patch.credit_limit !== undefined) {
      changes.credit_limit = patch.credit_limit === null ? null : parseAmount(patch.credit_limit, currency, 'credit_limit');
    }
    if (patch.code && patch.code !== before.code && (await repo.findCustomerByCode(trx, ctx.tenantId, patch.code))) {
      throw new ConflictError('duplicate', `customer code ${patch.code} is already used`, { field: 'code' });
    }
    const after = await trx
      .updateTable('customers')
      .set(changes)
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'customer.update', entityType: 'customer', entityId: id, before, after });
  });
}

export async function getCustomer(db: Executor, ctx: Ctx, id: string) {
  const row = await repo.findCustomer(db, ctx.tenantId, id);
  if (!row) throw new NotFoundError('customer', id);
  const tenant = await requireTenant(db, ctx.tenantId);
  const balances = await repo.customerBalances(db, ctx.tenantId, [id], todayIn(tenant.time_zone));
  const contacts = await repo.listContacts(db, ctx.tenantId, id);
  return { ...toCustomerOut(row, balances.get(id)), contacts: contacts.map(toContactOut) };
}

export async function listCustomers(db: Executor, ctx: Ctx, query: CustomerListQuery) {
  const tenant = await requireTenant(db, ctx.tenantId);
  const today = todayIn(tenant.time_zone);
  const rows = await repo.listCustomers(db, ctx.tenantId, {
    q: query.q,
    collectorId: query.collector_id,
    riskClass: query.risk_class,
    kind: query.kind,
    overdue: query.overdue === undefined ? undefined : query.overdue === 'true',
    tag: query.tag,
    today,
    limit: query.limit,
    cursor: query.cursor,
  });
  const balances = await repo.customerBalances(db, ctx.tenantId, rows.slice(0, query.limit).map((r) => r.id), today);
  return toPage(rows, query.limit, (r) => [r.name.toLowerCase(), r.id], (r) => toCustomerOut(r, balances.get(r.id)));
}

type ContactRow = NonNullable<Awaited<ReturnType<typeof repo.findContact>>>;
export function toContactOut(row: ContactRow) {
  const { tenant_id: _t, created_at: _c, updated_at: _u, ...rest } = row;
  return { ...rest, preferred_channel: rest.preferred_channel as ContactInput['preferred_channel'] };
}

export async function addContact(db: Executor, ctx: Ctx, customerId: string, input: ContactInput) {
  return inTransaction(db, async (trx) => {
    if (!(await repo.lockCustomer(trx, ctx.tenantId, customerId))) throw new NotFoundError('customer', customerId);
    const [row] = await insertContacts(trx, ctx.tenantId, customerId, [input]);
    await recordAudit(trx, ctx, { action: 'contact.create', entityType: 'contact', entityId: row!.id, after: row });
    return toContactOut((await repo.findContact(trx, ctx.tenantId, row!.id))!);
  });
}

export async function updateContact(db: Executor, ctx: Ctx, contactId: string, patch: Partial<ContactInput>) {
  return inTransaction(db, async (trx) => {
    const before = await repo.findContact(trx, ctx.tenantId, contactId);
    if (!before) throw new NotFoundError('contact', contactId);
    const after = await trx
      .updateTable('contacts')
      .set({ ...patch, updated_at: new Date() })
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', contactId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx, { action: 'contact.update', entityType: 'contact', entityId: contactId, before, after });
    return toContactOut(after);
  });
}

export async function deleteContact(db: Executor, ctx: Ctx, contactId: string) {
  return inTransaction(db, async (trx) => {
    const before = await repo.findContact(trx, ctx.tenantId, contactId);
    if (!before) throw new NotFoundError('contact', contactId);
    await trx.deleteFrom('contacts').where('tenant_id', '=', ctx.tenantId).where('id', '=', contactId).execute();
    await recordAudit(trx, ctx, { action: 'contact.delete', entityType: 'contact', entityId: contactId, before });
  });
}

type TermsRow = NonNullable<Awaited<ReturnType<typeof repo.findPaymentTerms>>>;
export function toPaymentTermsOut(row: TermsRow) {
  const instalments = row.instalments as { percent_bp: number; days: number }[] | null;
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    net_days: row.net_days,
    instalments: instalments?.map((i) => ({ percent: bpToPercent(i.percent_bp), days: i.days })) ?? null,
    discount_percent: row.discount_bp ? bpToPercent(row.discount_bp) : null,
    discount_days: row.discount_days,
  };
}

/** Terms as the domain's rules read them. */
export function termsRule(row: TermsRow) {
  const instalments = row.instalments as { percent_bp: number; days: number }[] | null;
  return {
    netDays: row.net_days,
    instalments: instalments?.map((i) => ({ percentBp: i.percent_bp, days: i.days })) ?? null,
    discountBp: row.discount_bp,
    discountDays: row.discount_days,
  };
}

export async function createPaymentTerms(db: Executor, ctx: Ctx, input: PaymentTermsInput) {
  const instalments = input.instalments?.length
    ? input.instalments.map((i, n) => ({ percent_bp: percentToBp(i.percent, `instalments[${n}].percent`), days: i.days }))
    : null;
  const discountBp = input.discount_percent ? percentToBp(input.discount_percent, 'discount_percent') : null;
  validateTerms({
    netDays: input.net_days,
    instalments: instalments?.map((i) => ({ percentBp: i.percent_bp, days: i.days })) ?? null,
    discountBp,
    discountDays: input.discount_days ?? null,
  });
  return inTransaction(db, async (trx) => {
    const row = {
      tenant_id: ctx.tenantId,
      id: newId(),
      code: input.code,
      name: input.name,
      net_days: instalments ? instalments.at(-1)!.days : input.net_days,
      instalments: instalments ? JSON.stringify(instalments) : null,
      discount_bp: discountBp,
      discount_days: input.discount_days ?? null,
    };
    const inserted = await trx
      .insertInto('payment_terms')
      .values(row)
      .onConflict((oc) => oc.columns(['tenant_id', 'code']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!inserted) throw new ConflictError('duplicate', `payment terms ${input.code} already exist`, { field: 'code' });
    await recordAudit(trx, ctx, { action: 'payment_terms.create', entityType: 'payment_terms', entityId: row.id, after: inserted });
    return toPaymentTermsOut(inserted);
  });
}

