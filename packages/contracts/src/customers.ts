import { z } from 'zod';
import { Amount, Currency, OptionalText, PageQuery, SignedAmount, Text, Timestamp, Uuid } from './common.ts';

export const CustomerKind = z.enum(['b2b', 'b2c']);
export const RiskClass = z.enum(['low', 'medium', 'high', 'critical']);
export const Channel = z.enum(['email', 'phone', 'sms', 'whatsapp', 'visit', 'letter']);
export const Language = z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'must be a language code such as en, hi, gu, te');
export const Phone = z.string().trim().regex(/^\+?[0-9][0-9 ()-]{5,19}$/, 'must be a phone number such as +91 98250 12345');
export const CustomerCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/, 'letters, digits and . _ / - (at most 40)');
export const StateCode = z.string().regex(/^\d{2}$/, 'must be a 2-digit GST state code');

export const ContactInput = z.object({
  name: Text(200),
  role: OptionalText(100),
  email: z.string().trim().email('must be an email address').max(320).nullish(),
  phone: Phone.nullish(),
  whatsapp: Phone.nullish(),
  preferred_channel: Channel.default('email'),
  language: Language.nullish(),
  consent_email: z.boolean().default(true),
  consent_sms: z.boolean().default(false),
  consent_whatsapp: z.boolean().default(false),
  do_not_contact: z.boolean().default(false),
  is_primary: z.boolean().default(false),
});
export type ContactInput = z.infer<typeof ContactInput>;
export const ContactPatch = ContactInput.partial();

export const ContactOut = ContactInput.extend({
  id: Uuid,
  customer_id: Uuid,
  role: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  whatsapp: z.string().nullable(),
  language: z.string().nullable(),
});

const customerFields = {
  code: CustomerCode,
  name: Text(200),
  kind: CustomerKind,
  gstin: z.string().trim().toUpperCase().nullish().describe('15-character GSTIN; checked, including its check digit'),
  pan: z.string().trim().toUpperCase().nullish(),
  state_code: StateCode.nullish().describe('GST state code: the place of supply'),
  city: OptionalText(100),
  address: OptionalText(500),
  region: OptionalText(100),
  country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 country code such as IN').nullish(),
  currency: Currency.optional().describe("Defaults to the company's base currency"),
  payment_terms_id: Uuid.nullish(),
  credit_limit: Amount.nullish(),
  risk_class: RiskClass.default('medium'),
  collector_id: Uuid.nullish(),
  language: Language.default('en'),
  time_zone: z.string().max(64).optional().describe("IANA time zone; defaults to the company's"),
  tags: z.array(Text(40)).max(20).default([]),
  notes: OptionalText(2000),
};

export const CustomerInput = z.object({ ...customerFields, contacts: z.array(ContactInput).max(50).default([]) });
export type CustomerInput = z.infer<typeof CustomerInput>;

export const CustomerPatch = z
  .object({
    ...customerFields,
    risk_class: RiskClass,
    language: Language,
    tags: z.array(Text(40)).max(20),
  })
  .partial();
export type CustomerPatch = z.infer<typeof CustomerPatch>;

export const CustomerOut = z.object({
  id: Uuid,
  code: z.string(),
  name: z.string(),
  kind: CustomerKind,
  gstin: z.string().nullable(),
  pan: z.string().nullable(),
  state_code: z.string().nullable(),
  city: z.string().nullable(),
  address: z.string().nullable(),
  region: z.string().nullable(),
  country: z.string().nullable(),
  currency: z.string(),
  payment_terms_id: Uuid.nullable(),
  payment_terms_code: z.string().nullable(),
  credit_limit: Amount.nullable(),
  risk_class: RiskClass,
  collector_id: Uuid.nullable(),
  collector_name: z.string().nullable(),
  language: z.string(),
  time_zone: z.string(),
  tags: z.array(z.string()),
  notes: z.string().nullable(),
  balance: SignedAmount.describe('Σ open amounts: invoices and debit notes less unused credit notes and unapplied cash'),
  overdue: Amount.describe('Open amount of invoices past their due date today'),
  unapplied: Amount.describe('Unapplied receipts and unused credit notes'),
  open_invoices: z.number().int(),
  oldest_due_date: z.string().nullable(),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type CustomerOut = z.infer<typeof CustomerOut>;

export const CustomerDetail = CustomerOut.extend({ contacts: z.array(ContactOut) });

export const CustomerListQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional().describe('Search in code, name, GSTIN, city'),
  collector_id: z.union([Uuid, z.literal('none')]).optional(),
  risk_class: RiskClass.optional(),
  kind: CustomerKind.optional(),
  overdue: z.enum(['true', 'false']).optional().describe('Only customers with (true) or without (false) overdue invoices'),
  tag: z.string().max(40).optional(),
});
export type CustomerListQuery = z.infer<typeof CustomerListQuery>;

export const PaymentTermsInput = z.object({
  code: z.string().trim().regex(/^[A-Za-z0-9_-]{1,20}$/, 'letters, digits, _ and - (at most 20)'),
  name: Text(100),
  net_days: z.number().int().min(0).max(3650),
  instalments: z
    .array(z.object({ percent: z.string().regex(/^\d{1,3}(\.\d{1,2})?$/), days: z.number().int().min(0).max(3650) }))
    .max(24)
    .nullish(),
  discount_percent: z.string().regex(/^\d{1,3}(\.\d{1,2})?$/).nullish(),
  discount_days: z.number().int().min(0).max(3650).nullish(),
});
export type PaymentTermsInput = z.infer<typeof PaymentTermsInput>;
export const PaymentTermsOut = PaymentTermsInput.extend({
  id: Uuid,
  instalments: z.array(z.object({ percent: z.string(), days: z.number() })).nullable(),
  discount_percent: z.string().nullable(),
  discount_days: z.number().nullable(),
});

export const BankAccountInput = z.object({
  name: Text(100),
  bank_name: OptionalText(100),
  account_number: z.string().trim().regex(/^[A-Za-z0-9]{4,34}$/, '4–34 letters or digits').nullish(),
  ifsc: z.string().trim().toUpperCase().regex(/^[A-Z]{4}0[A-Z0-9]{6}$/, 'must be an IFSC such as HDFC0001234').nullish(),
  bic: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{8}([A-Z0-9]{3})?$/, 'must be a BIC of 8 or 11 characters').nullish(),
  currency: Currency.optional().describe("Defaults to the company's base currency"),
});
export const BankAccountOut = z.object({
  id: Uuid,
  name: z.string(),
  bank_name: z.string().nullable(),
  account_number: z.string().nullable(),
  ifsc: z.string().nullable(),
  bic: z.string().nullable(),
  currency: z.string(),
});
