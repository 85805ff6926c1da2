import { z } from 'zod';
import { Text, Timestamp, Uuid } from './common.ts';

export const RoleName = z.enum(['admin', 'ar_manager', 'collector', 'finance', 'viewer']);

export const LoginBody = z.object({
  email: z.string().trim().min(3).max(320),
  password: z.string().min(1).max(1000),
  tenant: z.string().max(63).optional().describe('Company slug, needed only if the email belongs to several'),
});

export const Me = z.object({
  id: Uuid,
  name: z.string(),
  email: z.string(),
  roles: z.array(z.string()),
  permissions: z.array(z.string()),
  tenant: z.object({
    id: Uuid,
    slug: z.string(),
    name: z.string(),
    base_currency: z.string(),
    time_zone: z.string(),
    gst_state_code: z.string().nullable(),
    fiscal_year_start_month: z.number().int(),
  }),
  csrf_token: z.string().nullable(),
});

export const UserOut = z.object({
  id: Uuid,
  email: z.string(),
  name: z.string(),
  roles: z.array(z.string()),
  active: z.boolean(),
  created_at: Timestamp,
});

export const CreateUserBody = z.object({
  email: z.string().trim().email('must be an email address').max(320),
  name: Text(200),
  password: z.string().min(10, 'at least 10 characters').max(1000),
  roles: z.array(RoleName).min(1),
});

export const CreateTokenBody = z.object({ name: Text(100) });
export const TokenOut = z.object({ id: Uuid, name: z.string(), token: z.string() });
