import { z } from 'zod';
import { Amount, Text } from './common.ts';
import { StateCode } from './customers.ts';

export const TenantSettings = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  base_currency: z.string(),
  time_zone: z.string(),
  fiscal_year_start_month: z.number().int(),
  gst_state_code: z.string().nullable(),
  gstin: z.string().nullable(),
  write_off_tolerance: Amount.describe('Largest small balance a receipt may write off per invoice'),
  bank_charge_tolerance: Amount.describe('Largest bank charge accepted on one allocation'),
  max_tds_percent: z.string().describe('TDS may not exceed this share of the taxable value'),
  default_bounce_charge: Amount,
  aging_bounds: z.array(z.number().int()).describe('Upper bounds in days past due of every aging bucket but the last: [30, 60, 90] gives Current, 1–30, 31–60, 61–90, 90+'),
  cashapp_auto_threshold: z.number().int().describe('Cash application applies a bank line without a person at or above this confidence (50–100); below it, it suggests'),
});

export const TenantSettingsPatch = z
  .object({
    name: Text(200),
    gstin: z.string().trim().toUpperCase().nullable(),
    gst_state_code: StateCode.nullable(),
    write_off_tolerance: Amount,
    bank_charge_tolerance: Amount,
    max_tds_percent: z.string().regex(/^\d{1,3}(\.\d{1,2})?$/, 'must be a percentage'),
    default_bounce_charge: Amount,
    aging_bounds: z.array(z.number().int().min(1).max(3650)).min(1).max(12),
    cashapp_auto_threshold: z.number().int().min(50).max(100),
  })
  .partial();
export type TenantSettingsPatch = z.infer<typeof TenantSettingsPatch>;
