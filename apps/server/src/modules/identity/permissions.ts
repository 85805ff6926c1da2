/**
 * Permission strings, and the roles that bundle them. Routes declare the permission they need;
 * one preHandler checks it (http/auth.ts).
 */
export const PERMISSIONS = [
  'customers.read',
  'customers.write',
  'invoices.read',
  'invoices.write',
  'invoices.void',
  'receipts.read',
  'receipts.write',
  'receipts.reverse',
  'ledger.read',
  'imports.run',
  'audit.read',
  'users.read',
  'users.manage',
  'tokens.manage',
  'settings.manage',
  'reports.read',
  'rates.manage',
  'targets.manage',
  'provisions.manage',
  'bank.read',
  'bank.write',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = ['admin', 'ar_manager', 'collector', 'finance', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

const READ: Permission[] = ['customers.read', 'invoices.read', 'receipts.read', 'ledger.read', 'reports.read', 'bank.read'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  ar_manager: [...READ, 'customers.write', 'invoices.write', 'invoices.void', 'receipts.write', 'receipts.reverse', 'imports.run', 'audit.read', 'users.read', 'tokens.manage', 'rates.manage', 'targets.manage', 'provisions.manage', 'bank.write'],
  finance: [...READ, 'customers.write', 'invoices.write', 'invoices.void', 'receipts.write', 'receipts.reverse', 'imports.run', 'users.read', 'tokens.manage', 'rates.manage', 'provisions.manage', 'bank.write'],
  // Collection executives apply the cash they chased: the workbench is part of their day.
  collector: [...READ, 'customers.write', 'receipts.write', 'users.read', 'bank.write'],
  viewer: READ,
};

export function permissionsOf(roles: readonly string[]): Set<Permission> {
  const granted = new Set<Permission>();
  for (const role of roles) for (const p of ROLE_PERMISSIONS[role as Role] ?? []) granted.add(p);
  return granted;
}
