import { z } from 'zod';
import { Currency, IsoDate, SignedAmount, Uuid } from './common.ts';

export const KpiQuery = z.object({
  from: IsoDate.describe('First month of the series is the month of this date'),
  to: IsoDate.describe('Last month of the series is the month of this date'),
  by: z.enum(['tenant', 'collector', 'segment']).default('tenant'),
  segment: z.enum(['kind', 'risk', 'region']).default('kind'),
});

export const KpiMonth = z.object({
  month: z.string().regex(/^\d{4}-\d{2}$/),
  start: IsoDate,
  end: IsoDate,
  days: z.number().int(),
  opening_ar: SignedAmount,
  credit_sales: SignedAmount.describe('Invoices and debit notes less credit notes issued in the month'),
  collections: SignedAmount.describe('Receipts dated in the month less receipts reversed in it'),
  closing_ar: SignedAmount.describe('What customers owed at month end: open items less credits and unapplied cash'),
  closing_current_ar: SignedAmount.describe('Open invoices and debit notes not yet due at month end'),
  dso_simple: z.number().nullable(),
  dso_countback: z.number().nullable(),
  bpdso: z.number().nullable().describe('Best possible DSO (countback on not-yet-due AR)'),
  add: z.number().nullable().describe('Average days delinquent = DSO countback − BPDSO'),
  cei: z.number().nullable().describe('Collection effectiveness index, percent'),
});

export const KpiSeries = z.object({
  key: z.string().nullable(),
  label: z.string(),
  months: z.array(KpiMonth),
  cei_average: z.number().nullable(),
});

export const KpiReport = z.object({
  from: IsoDate,
  to: IsoDate,
  currency: Currency,
  by: z.enum(['tenant', 'collector', 'segment']),
  series: z.array(KpiSeries),
  missing_rates: z.array(Currency),
});

export const CollectorPerformanceQuery = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM') });
export const CollectorPerformance = z.object({
  month: z.string(),
  currency: Currency,
  collectors: z.array(
    z.object({
      collector_id: Uuid.nullable(),
      name: z.string(),
      target: SignedAmount.nullable(),
      collected: SignedAmount,
      rate: z.number().nullable().describe('collected ÷ target, percent'),
      open_ar: SignedAmount,
      overdue_ar: SignedAmount,
      at_risk_ar: SignedAmount.describe('More than 90 days past due'),
      at_risk_rate: z.number().nullable().describe('at_risk_ar ÷ open_ar, percent'),
      customers: z.number().int(),
    }),
  ),
});

export const TargetIn = z.object({
  collector_id: Uuid,
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM'),
  amount: z.string().regex(/^\d{1,16}(\.\d{1,4})?$/, 'must be a non-negative decimal string like "1234.50"'),
});
export const TargetsIn = z.object({ targets: z.array(TargetIn).min(1).max(5000) });

export const PaymentBehaviour = z.object({
  customer_id: Uuid,
  as_of: IsoDate,
  currency: Currency,
  average_delay_days: z.number().nullable().describe('Amount-weighted days paid after due date; open overdue items count to as_of'),
  rating: z.enum(['A', 'B', 'C', 'D']).nullable(),
  months: z.array(
    z.object({
      month: z.string(),
      invoiced: SignedAmount,
      paid: SignedAmount,
      average_delay_days: z.number().nullable().describe('Of what was paid that month'),
    }),
  ),
});

export const Dashboard = z.object({
  as_of: IsoDate,
  currency: Currency,
  open_ar: SignedAmount,
  overdue_ar: SignedAmount,
  unapplied_cash: SignedAmount,
  disputed_ar: SignedAmount,
  aging: z.array(z.object({ key: z.string(), label: z.string(), amount: SignedAmount })),
  top_overdue: z.array(z.object({ customer_id: Uuid, code: z.string(), name: z.string(), overdue: SignedAmount, oldest_days: z.number().int() })),
  kpis: z.array(KpiMonth).describe('Last 12 months, whole company'),
  collectors: CollectorPerformance.shape.collectors,
  missing_rates: z.array(Currency),
});
