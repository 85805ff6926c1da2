import { isCurrency, isIsoDate } from '@duely/domain';
import { z } from 'zod';

/** Money travels as a decimal string ("1234.50"): exact, and readable in any language. */
export const Amount = z
  .string()
  .regex(/^\d{1,16}(\.\d{1,4})?$/, 'must be a non-negative decimal string like "1234.50"')
  .describe('Decimal amount in the currency, as a string');

export const SignedAmount = z
  .string()
  .regex(/^-?\d{1,16}(\.\d{1,4})?$/, 'must be a decimal string like "-1234.50"')
  .describe('Signed decimal amount, as a string');

export const IsoDate = z
  .string()
  .refine(isIsoDate, 'must be a real date as YYYY-MM-DD')
  .describe('Calendar date, YYYY-MM-DD');

export const Currency = z
  .string()
  .refine(isCurrency, 'must be an ISO 4217 currency code such as INR')
  .describe('ISO 4217 currency code');

export const Uuid = z.string().uuid('must be a UUID');

export const Id = z.object({ id: Uuid });

export const Timestamp = z.string().describe('ISO 8601 instant');

/** Free text fields: bounded, trimmed, and never control characters (which break exports). */
export const Text = (max = 200) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `at most ${max} characters`)
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(s), 'must not contain control characters');

export const OptionalText = (max = 200) => Text(max).nullish();

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});

export const page = <T extends z.ZodTypeAny>(item: T) =>
  z.object({
    data: z.array(item),
    next_cursor: z.string().nullable().describe('Pass as ?cursor= to get the next page; null on the last page'),
  });

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()),
  }),
});

export const Ok = z.object({ ok: z.literal(true) });
