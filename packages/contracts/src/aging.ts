import { z } from 'zod';
import { Currency, IsoDate, PageQuery, SignedAmount, Uuid, page } from './common.ts';

export const AgingBasis = z.enum(['due', 'document']).describe('due: days past due date; document: days since the document date');
export const AgingGroup = z.enum(['customer', 'collector', 'segment', 'currency', 'tenant']);
export const AgingSegment = z.enum(['kind', 'risk', 'region']).describe('kind: B2B/B2C; risk: risk class; region: region or GST state');

export const AgingQuery = z.object({
  as_of: IsoDate.optional().describe("Defaults to today in the tenant's time zone"),
  basis: AgingBasis.default('due'),
  by: AgingGroup.default('customer'),
  segment: AgingSegment.default('kind'),
  limit: z.coerce.number().int().min(1).max(100_000).default(1000).describe('Rows to return, largest net balance first; totals always cover every row'),
});

export const AgingBucketOut = z.object({ key: z.string(), label: z.string() });

const AgingRow = z.object({
  key: z.string().nullable().describe('customer id, collector id, segment value or currency; null for unassigned'),
  label: z.string(),
  code: z.string().nullable(),
  currency: Currency.describe('Currency of the amounts in this row'),
  buckets: z.array(SignedAmount).describe('Open invoices and debit notes per bucket'),
  total: SignedAmount,
  credits: SignedAmount.describe('Unused credit notes (reduce what is owed)'),
  unapplied: SignedAmount.describe('Receipts not yet applied (reduce what is owed)'),
  net: SignedAmount.describe('total − credits − unapplied'),
  items: z.number().int(),
});

export const AgingReport = z.object({
  as_of: IsoDate,
  basis: AgingBasis,
  by: AgingGroup,
  segment: AgingSegment.nullable(),
  base_currency: Currency,
  buckets: z.array(AgingBucketOut),
  rows: z.array(AgingRow),
  rows_total: z.number().int().describe('Rows before the limit'),
  totals: AgingRow.omit({ key: true, label: true, code: true }).describe('All rows in the base currency'),
  credit_aging: z.object({
    credits: z.array(SignedAmount).describe('Unused credit notes by age since their date'),
    unapplied: z.array(SignedAmount).describe('Unapplied receipts by age since their date'),
  }),
  missing_rates: z.array(Currency).describe('Currencies with no exchange rate on or before as_of; left out of the base-currency totals'),
});

export const AgingItemsQuery = AgingQuery.omit({ limit: true }).extend({
  key: z.string().max(100).optional().describe('Row key from the aging report; omit for all'),
  bucket: z.coerce.number().int().min(0).max(12).optional(),
  type: z.enum(['debit', 'credit', 'unapplied']).default('debit'),
}).merge(PageQuery);

export const AgingItem = z.object({
  type: z.enum(['invoice', 'debit_note', 'credit_note', 'unapplied']),
  id: Uuid,
  number: z.string(),
  customer_id: Uuid,
  customer_code: z.string(),
  customer_name: z.string(),
  doc_date: IsoDate,
  due_date: IsoDate,
  days: z.number().int(),
  bucket: z.number().int(),
  currency: Currency,
  open: SignedAmount,
  disputed: z.boolean(),
});
export const AgingItemPage = page(AgingItem);

export const ScheduleIIIQuery = z.object({ as_of: IsoDate.optional() });
const ScheduleIIIRow = z.object({ key: z.string(), label: z.string(), amounts: z.array(SignedAmount), total: SignedAmount });
export const ScheduleIIIReport = z.object({
  as_of: IsoDate,
  currency: Currency,
  columns: z.array(AgingBucketOut),
  rows: z.array(ScheduleIIIRow).describe('undisputed/disputed × considered good/doubtful'),
  totals: z.array(SignedAmount),
  total: SignedAmount,
  missing_rates: z.array(Currency),
});

export const ExchangeRateIn = z.object({
  currency: Currency,
  rate_date: IsoDate,
  rate: z.string().regex(/^\d{1,14}(\.\d{1,10})?$/, 'must be a positive decimal like "83.1245"'),
  source: z.string().max(100).nullish(),
});
export const ExchangeRateOut = ExchangeRateIn.extend({ source: z.string().nullable() });
export const ExchangeRateList = z.object({ data: z.array(ExchangeRateOut) });
