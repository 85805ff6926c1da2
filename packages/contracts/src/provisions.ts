import { z } from 'zod';
import { Currency, IsoDate, SignedAmount, Uuid } from './common.ts';

export const ProvisionQuery = z.object({
  as_of: IsoDate.optional().describe("Defaults to today in the tenant's time zone"),
  segment: z.enum(['none', 'kind', 'risk']).default('none').describe('Split the matrix by B2B/B2C or by risk class'),
});

const Percent = z.string().regex(/^\d{1,3}(\.\d{1,4})?$/, 'must be a percentage like "12.5"');

export const ProvisionRate = z.object({
  bucket: z.number().int(),
  reached: SignedAmount.describe('Amount of the history window that reached this bucket'),
  lost: SignedAmount.describe('Of that, what was never recovered'),
  computed_percent: z.number(),
  override_percent: z.string().nullable(),
  override_reason: z.string().nullable(),
  override_from: IsoDate.nullable().describe('The date the override in force took effect; null without an override, or for one set before overrides were dated'),
  applied_percent: z.number(),
});

export const ProvisionSegment = z.object({
  key: z.string().nullable(),
  label: z.string(),
  rates: z.array(ProvisionRate),
  balances: z.array(SignedAmount).describe('Open invoices and debit notes per bucket on as_of, customers with a specific provision excluded'),
  provisions: z.array(SignedAmount),
  total_balance: SignedAmount,
  total_provision: SignedAmount,
});

export const ProvisionReport = z.object({
  as_of: IsoDate,
  currency: Currency,
  method: z.literal('roll_rate'),
  history: z.object({ from: IsoDate, to: IsoDate, loss_horizon_days: z.number().int() }).describe('Invoices issued in this window; amounts still open this many days past due count as lost'),
  buckets: z.array(z.object({ key: z.string(), label: z.string() })),
  segments: z.array(ProvisionSegment),
  specific: z.array(
    z.object({ customer_id: Uuid, code: z.string(), name: z.string(), percent: z.string(), reason: z.string(), effective_from: IsoDate, balance: SignedAmount, provision: SignedAmount }),
  ),
  matrix_provision: SignedAmount,
  specific_provision: SignedAmount,
  total_balance: SignedAmount,
  total_provision: SignedAmount,
  movement: z.object({ previous_as_of: IsoDate, previous_provision: SignedAmount, charge: SignedAmount, release: SignedAmount }),
  proposed_entry: z.array(z.object({ account: z.string(), debit: SignedAmount, credit: SignedAmount, memo: z.string() })),
  missing_rates: z.array(Currency),
});

export const ProvisionOverrideIn = z.object({
  bucket: z.number().int().min(0).max(12),
  segment: z.string().max(40).default(''),
  percent: Percent,
  reason: z.string().trim().min(1, 'must not be empty').max(500),
  effective_from: IsoDate.optional().describe("In force from this date on; dates before it keep their rate. Defaults to today in the tenant's time zone"),
});
export const ProvisionOverrideDelete = z.object({
  bucket: z.coerce.number().int().min(0).max(12),
  segment: z.string().max(40).default(''),
  effective_from: IsoDate.optional().describe("The computed rate applies again from this date on. Defaults to today in the tenant's time zone"),
});

export const SpecificProvisionIn = z.object({
  customer_id: Uuid,
  percent: Percent,
  reason: z.string().trim().min(1, 'must not be empty').max(500),
  effective_from: IsoDate,
});

export const ProvisionHistoryQuery = z.object({ months: z.coerce.number().int().min(1).max(24).default(12), as_of: IsoDate.optional() });
export const ProvisionHistory = z.object({
  currency: Currency,
  months: z.array(z.object({ month: z.string(), as_of: IsoDate, balance: SignedAmount, provision: SignedAmount, charge: SignedAmount, release: SignedAmount })),
});
