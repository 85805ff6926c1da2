import type { ProvisionHistory, ProvisionHistoryQuery, ProvisionOverrideIn, ProvisionQuery, ProvisionReport, SpecificProvisionIn } from '@duely/contracts/provisions';
import {
  type LossRate,
  addDays,
  addMonths,
  applyOverrides,
  bucketsFromBounds,
  formatAmount,
  proposedProvisionEntry,
  provisionMatrix,
  provisionMovement,
  rateToPercent,
  rollRateLossRates,
  todayIn,
} from '@duely/domain';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { type Executor, inTransaction } from '../../platform/db.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import type { Tenant } from '../../platform/schema.ts';
import { type BaseConverter, converterOn, segmentLabel, thresholdsFor } from '../aging/aging.service.ts';
import { requireTenant } from '../customers/customers.service.ts';
import * as repo from './provisions.repo.ts';

/**
 * History window: invoices issued between 37 and 13 months before the date and due at least a
 * year before it, so that each has had a year past due to be paid or lost; what is still open a
 * year past due counts as lost (the domain's default is 90 days past due, recovery after that is
 * rare but real, so a year).
 */
const HISTORY_FROM_MONTHS = 37;
const HISTORY_TO_MONTHS = 13;
const LOSS_HORIZON_DAYS = 365;

interface SegmentCalc {
  key: string | null;
  reached: bigint[];
  lost: bigint[];
  balances: bigint[];
  rates: LossRate[];
  overrides: ({ percent: string; reason: string; effective_from: string } | null)[];
  perBucket: bigint[];
  total: bigint;
}

interface Calculation {
  asOf: string;
  history: { from: string; to: string };
  segments: SegmentCalc[];
  specific: { customer_id: string; code: string; name: string; percent: string; reason: string; effective_from: string; balance: bigint; provision: bigint }[];
  matrix: bigint;
  specificTotal: bigint;
  balance: bigint;
  fx: BaseConverter;
}

/** Overrides set before they were dated are in force from this day (migration 0013): no date to show. */
const UNDATED = '1900-01-01';

const ZERO_RATE: LossRate = { numerator: 0n, denominator: 1n };
const rateOf = (percent: string) => applyOverrides([ZERO_RATE], [{ bucket: 0, percent, reason: 'x' }])[0]!;

/** The provision on one date: matrix over the segments' balances plus specific provisions. */
async function calculate(db: Executor, tenant: Tenant, asOf: string, segmentBy: repo.ProvisionSegmentBy): Promise<Calculation> {
  const bounds = tenant.aging_bounds;
  const bucketCount = bucketsFromBounds(bounds).length;
  // Day past due on which an item enters each bucket; the first is reached by the whole amount.
  const entryDays = [-36_500, 1, ...bounds.map((b) => b + 1)];
  const history = { from: addMonths(asOf, -HISTORY_FROM_MONTHS), to: addMonths(asOf, -HISTORY_TO_MONTHS) };
  const [fx, rolls, balances, specifics, manual] = await Promise.all([
    converterOn(db, tenant.id, tenant.base_currency, asOf),
    repo.rollRates(db, tenant.id, { ...history, asOf, entryDays, horizonDays: LOSS_HORIZON_DAYS, segment: segmentBy }),
    repo.balancesAsOf(db, tenant.id, { asOf, thresholds: thresholdsFor(bounds), segment: segmentBy }),
    repo.specificProvisionsAsOf(db, tenant.id, asOf),
    repo.overridesInForce(db, tenant.id, asOf),
  ]);
  const segments = new Map<string, SegmentCalc>();
  const segmentOf = (key: string | null) => {
    const k = key ?? '';
    let s = segments.get(k);
    if (!s) {
      const zeros = () => Array.from({ length: bucketCount }, () => 0n);
      s = { key, reached: zeros(), lost: zeros(), balances: zeros(), rates: [], overrides: [], perBucket: [], total: 0n };
      segments.set(k, s);
    }
    return s;
  };
  if (segmentBy === 'none') segmentOf(null);
  for (const r of rolls) {
    const s = segmentOf(r.segment);
    s.reached[r.bucket]! += fx.toBase(r.reached, r.currency) ?? 0n;
    s.lost[r.bucket]! += fx.toBase(r.lost, r.currency) ?? 0n;
  }
  const specificBalance = new Map<string, bigint>();
  for (const b of balances) {
    const amount = fx.toBase(b.amount, b.currency);
    if (amount === null) continue;
    if (b.specific_customer) specificBalance.set(b.specific_customer, (specificBalance.get(b.specific_customer) ?? 0n) + amount);
    else segmentOf(b.segment).balances[b.bucket]! += amount;
  }
  let matrix = 0n;
  let balance = 0n;
  for (const s of segments.values()) {
    const computed = rollRateLossRates(s.reached, s.lost);
    // An override for this segment wins over one for every segment ('').
    s.overrides = computed.map((_, bucket) => {
      const own = manual.find((o) => o.bucket === bucket && o.segment === (s.key ?? ''));
      const all = manual.find((o) => o.bucket === bucket && o.segment === '');
      const o = own ?? all;
      return o ? { percent: o.percent, reason: o.reason, effective_from: o.effective_from } : null;
    });
    s.rates = computed.map((rate, bucket) => (s.overrides[bucket] ? rateOf(s.overrides[bucket]!.percent) : rate));
    const m = provisionMatrix(s.balances, s.rates);
    s.perBucket = m.perBucket;
    s.total = m.total;
    matrix += m.total;
    balance += s.balances.reduce((a, b) => a + b, 0n);
  }
  let specificTotal = 0n;
  const specific = specifics.map((sp) => {
    const bal = specificBalance.get(sp.customer_id) ?? 0n;
    const provision = provisionMatrix([bal], [rateOf(sp.percent)]).total;
    specificTotal += provision;
    balance += bal;
    return { ...sp, balance: bal, provision };
  });
  return { asOf, history, segments: [...segments.values()], specific, matrix, specificTotal, balance, fx };
}

/** The day before the first of as_of's month: last month's closing, the movement's start. */
const previousMonthEnd = (asOf: string) => addDays(`${asOf.slice(0, 7)}-01`, -1);

export async function provisionReport(db: Executor, ctx: Ctx, query: z.output<typeof ProvisionQuery>): Promise<z.output<typeof ProvisionReport>> {
  const tenant = await requireTenant(db, ctx.tenantId);
  const asOf = query.as_of ?? todayIn(tenant.time_zone);
  const base = tenant.base_currency;
  const fmt = (v: bigint) => formatAmount(v, base);
  const now = await calculate(db, tenant, asOf, query.segment);
  const previousAsOf = previousMonthEnd(asOf);
  // Split as the figures now are: a matrix per segment and one for all give different totals.
  const before = await calculate(db, tenant, previousAsOf, query.segment);
  const total = now.matrix + now.specificTotal;
  const previous = before.matrix + before.specificTotal;
  const movement = provisionMovement(previous, total);
  return {
    as_of: asOf,
    currency: base,
    method: 'roll_rate',
    history: { ...now.history, loss_horizon_days: LOSS_HORIZON_DAYS },
    buckets: bucketsFromBounds(tenant.aging_bounds).map(({ key, label }) => ({ key, label })),
    segments: now.segments.map((s) => ({
      key: s.key,
      label: query.segment === 'none' ? 'All customers' : segmentLabel(s.key),
      rates: s.rates.map((rate, bucket) => ({
        bucket,
        reached: fmt(s.reached[bucket]!),
        lost: fmt(s.lost[bucket]!),
        computed_percent: rateToPercent(rollRateLossRates([s.reached[bucket]!], [s.lost[bucket]!])[0]!),
        override_percent: s.overrides[bucket]?.percent.replace(/\.?0+$/, '') ?? null,
        override_reason: s.overrides[bucket]?.reason ?? null,
        override_from: s.overrides[bucket] && s.overrides[bucket]!.effective_from !== UNDATED ? s.overrides[bucket]!.effective_from : null,
        applied_percent: rateToPercent(rate),
      })),
      balances: s.balances.map(fmt),
      provisions: s.perBucket.map(fmt),
      total_balance: fmt(s.balances.reduce((a, b) => a + b, 0n)),
      total_provision: fmt(s.total),
    })),
    specific: now.specific.map((sp) => ({ ...sp, percent: sp.percent.replace(/\.?0+$/, ''), balance: fmt(sp.balance), provision: fmt(sp.provision) })),
    matrix_provision: fmt(now.matrix),
    specific_provision: fmt(now.specificTotal),
    total_balance: fmt(now.balance),
    total_provision: fmt(total),
    movement: { previous_as_of: previousAsOf, previous_provision: fmt(previous), charge: fmt(movement.charge), release: fmt(movement.release) },
    proposed_entry: proposedProvisionEntry(movement, base).map((l) => ({ account: l.account, debit: fmt(l.debit), credit: fmt(l.credit), memo: l.memo })),
    missing_rates: [...new Set([...now.fx.missing, ...before.fx.missing])].sort(),
  };
}

/** Provision at each of the last `months` month ends (the last one is as_of), with the movement. */
export async function provisionHistory(db: Executor, ctx: Ctx, query: z.output<typeof ProvisionHistoryQuery>): Promise<z.output<typeof ProvisionHistory>> {
  const tenant = await requireTenant(db, ctx.tenantId);
  const asOf = query.as_of ?? todayIn(tenant.time_zone);
  const dates = Array.from({ length: query.months + 1 }, (_, i) => {
    const monthsBack = query.months - i;
    return monthsBack === 0 ? asOf : addDays(addMonths(`${asOf.slice(0, 7)}-01`, 1 - monthsBack), -1);
  });
  const totals: { asOf: string; balance: bigint; provision: bigint }[] = [];
  for (const date of dates) {
    const c = await calculate(db, tenant, date, 'none');
    totals.push({ asOf: date, balance: c.balance, provision: c.matrix + c.specificTotal });
  }
  const fmt = (v: bigint) => formatAmount(v, tenant.base_currency);
  return {
    currency: tenant.base_currency,
    months: totals.slice(1).map((t, i) => {
      const m = provisionMovement(totals[i]!.provision, t.provision);
      return { month: t.asOf.slice(0, 7), as_of: t.asOf, balance: fmt(t.balance), provision: fmt(t.provision), charge: fmt(m.charge), release: fmt(m.release) };
    }),
  };
}

/**
 * Sets a bucket's loss rate by hand from `effective_from` (today unless given) on, with the
 * reason. Dates before it keep the rate they had, so last month's provision, and the movement
 * from it, stand as reported.
 */
export async function setProvisionOverride(db: Executor, ctx: Ctx, body: z.output<typeof ProvisionOverrideIn>) {
  return inTransaction(db, async (trx) => {
    const tenant = await requireTenant(trx, ctx.tenantId);
    const buckets = bucketsFromBounds(tenant.aging_bounds).length;
    if (body.bucket >= buckets) throw new ValidationError('bucket', `the company has ${buckets} buckets (0–${buckets - 1})`);
    rateOf(body.percent); // rejects a percent over 100
    const effectiveFrom = body.effective_from ?? todayIn(tenant.time_zone);
    await upsertOverrideVersion(trx, ctx, { bucket: body.bucket, segment: body.segment, effective_from: effectiveFrom, percent: body.percent, reason: body.reason });
    await recordAudit(trx, ctx, { action: 'provision_override.set', entityType: 'provision_override', entityId: ctx.tenantId, after: { ...body, effective_from: effectiveFrom } });
    return { ok: true as const };
  });
}

/**
 * Ends a bucket's override from `effectiveFrom` (today unless given): from that date the computed
 * rate applies again; before it the override stands. Not found when none is in force that day.
 */
export async function removeProvisionOverride(db: Executor, ctx: Ctx, bucket: number, segment: string, effectiveFrom?: string) {
  return inTransaction(db, async (trx) => {
    const tenant = await requireTenant(trx, ctx.tenantId);
    const from = effectiveFrom ?? todayIn(tenant.time_zone);
    const before = (await repo.overridesInForce(trx, ctx.tenantId, from)).find((o) => o.bucket === bucket && o.segment === segment);
    if (!before) throw new NotFoundError('provision_override', `${bucket}/${segment} on ${from}`);
    await upsertOverrideVersion(trx, ctx, { bucket, segment, effective_from: from, percent: null, reason: null });
    await recordAudit(trx, ctx, { action: 'provision_override.remove', entityType: 'provision_override', entityId: ctx.tenantId, before, after: { bucket, segment, effective_from: from } });
    return { ok: true as const };
  });
}

async function upsertOverrideVersion(
  trx: Executor,
  ctx: Ctx,
  v: { bucket: number; segment: string; effective_from: string; percent: string | null; reason: string | null },
) {
  await trx
    .insertInto('provision_overrides')
    .values({ tenant_id: ctx.tenantId, ...v, set_by: ctx.actor.userId })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'bucket', 'segment', 'effective_from']).doUpdateSet({ percent: v.percent, reason: v.reason, set_by: ctx.actor.userId, set_at: new Date() }),
    )
    .execute();
}

export async function setSpecificProvision(db: Executor, ctx: Ctx, body: z.output<typeof SpecificProvisionIn>) {
  return inTransaction(db, async (trx) => {
    const customer = await trx.selectFrom('customers').select('id').where('tenant_id', '=', ctx.tenantId).where('id', '=', body.customer_id).executeTakeFirst();
    if (!customer) throw new NotFoundError('customer', body.customer_id);
    rateOf(body.percent);
    await trx
      .insertInto('specific_provisions')
      .values({ tenant_id: ctx.tenantId, customer_id: body.customer_id, percent: body.percent, reason: body.reason, effective_from: body.effective_from, set_by: ctx.actor.userId })
      .onConflict((oc) => oc.columns(['tenant_id', 'customer_id', 'effective_from']).doUpdateSet({ percent: body.percent, reason: body.reason, set_by: ctx.actor.userId, set_at: new Date() }))
      .execute();
    await recordAudit(trx, ctx, { action: 'specific_provision.set', entityType: 'customer', entityId: body.customer_id, after: body });
    return { ok: true as const };
  });
}
