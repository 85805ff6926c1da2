import type { PaymentTermsRule } from '@duely/domain';
import type { CollectorBase } from './names.ts';
import type { BankKey, PlanBank, PlanTerms, PlanUser, TermsKey } from './plan.ts';

/** The company's people: one per role, and a collector in each of the four regional offices. */
export const USERS: readonly PlanUser[] = [
  { key: 'admin', email: 'admin@duely.local', name: 'Nikhil Desai', roles: ['admin'] },
  { key: 'ar_manager', email: 'kavita.mehta@duely.local', name: 'Kavita Mehta', roles: ['ar_manager'] },
  { key: 'finance', email: 'rakesh.shah@duely.local', name: 'Rakesh Shah', roles: ['finance'] },
  { key: 'viewer', email: 'anil.trivedi@duely.local', name: 'Anil Trivedi', roles: ['viewer'] },
  {
    key: 'collector:ahmedabad',
    email: 'hardik.patel@duely.local',
    name: 'Hardik Patel',
    roles: ['collector'],
  },
  {
    key: 'collector:jaipur',
    email: 'pooja.shekhawat@duely.local',
    name: 'Pooja Shekhawat',
    roles: ['collector'],
  },
  {
    key: 'collector:vizag',
    email: 'srinivas.kondapalli@duely.local',
    name: 'Srinivas Kondapalli',
    roles: ['collector'],
  },
  {
    key: 'collector:mumbai',
    email: 'sneha.kulkarni@duely.local',
    name: 'Sneha Kulkarni',
    roles: ['collector'],
  },
];

export function collectorKey(base: CollectorBase): string {
  return `collector:${base}`;
}

export const TERMS: readonly (PlanTerms & { rule: PaymentTermsRule })[] = [
  { key: 'NET15', input: { code: 'NET15', name: 'Net 15 days', net_days: 15 }, rule: { netDays: 15 } },
  { key: 'NET30', input: { code: 'NET30', name: 'Net 30 days', net_days: 30 }, rule: { netDays: 30 } },
  { key: 'NET45', input: { code: 'NET45', name: 'Net 45 days', net_days: 45 }, rule: { netDays: 45 } },
  { key: 'NET60', input: { code: 'NET60', name: 'Net 60 days', net_days: 60 }, rule: { netDays: 60 } },
  {
    key: '2-10-NET30',
    input: {
      code: '2-10-NET30',
      name: '2% 10 days, net 30',
      net_days: 30,
      discount_percent: '2',
      discount_days: 10,
    },
    rule: { netDays: 30, discountBp: 200, discountDays: 10 },
  },
  {
    key: 'INST-30-30-40',
    input: {
      code: 'INST-30-30-40',
      name: 'Instalments 30/30/40 over 90 days',
      net_days: 90,
      instalments: [
        { percent: '30', days: 30 },
        { percent: '30', days: 60 },
        { percent: '40', days: 90 },
      ],
    },
    rule: {
      netDays: 90,
      instalments: [
        { percentBp: 3000, days: 30 },
        { percentBp: 3000, days: 60 },
        { percentBp: 4000, days: 90 },
      ],
    },
  },
  {
    key: 'ON-RECEIPT',
    input: { code: 'ON-RECEIPT', name: 'Due on receipt', net_days: 0 },
    rule: { netDays: 0 },
  },
];

export const TERMS_RULE = Object.fromEntries(TERMS.map((t) => [t.key, t.rule])) as Record<
  TermsKey,
  PaymentTermsRule
>;

/** Where the money lands: the operating current account, and the cash-credit account most cheques go to. */
export const BANKS: readonly PlanBank[] = [
  {
    key: 'hdfc',
    input: {
      name: 'HDFC Bank current account',
      bank_name: 'HDFC Bank',
      account_number: '50200046721385',
      ifsc: 'HDFC0001746',
    },
  },
  {
    key: 'sbi',
    input: {
      name: 'SBI cash credit account',
      bank_name: 'State Bank of India',
      account_number: '39874512036',
      ifsc: 'SBIN0003452',
    },
  },
];

export type { BankKey };
