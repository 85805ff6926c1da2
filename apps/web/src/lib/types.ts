import type {
  AgingItem,
  AgingReport,
  ExchangeRateIn,
  ExchangeRateList,
  ScheduleIIIReport,
} from '@duely/contracts/aging';
import type {
  BankAccountOut,
  ContactInput,
  ContactOut,
  CustomerDetail,
  CustomerOut,
  PaymentTermsOut,
} from '@duely/contracts/customers';
import type { Me, UserOut } from '@duely/contracts/identity';
import type {
  AllocationOut,
  InvoiceDetail,
  InvoiceInput,
  InvoiceOut,
  LineInput,
} from '@duely/contracts/invoices';
import type {
  CollectorPerformance,
  Dashboard,
  KpiMonth,
  PaymentBehaviour,
  TargetsIn,
} from '@duely/contracts/kpis';
import type {
  ProvisionHistory,
  ProvisionOverrideIn,
  ProvisionReport,
  SpecificProvisionIn,
} from '@duely/contracts/provisions';
import type {
  ReceiptDetail,
  ReceiptInput,
  ReceiptMethod,
  ReceiptOut,
  Statement,
  StatementLine,
} from '@duely/contracts/receipts';
import type { TenantSettings, TenantSettingsPatch } from '@duely/contracts/settings';
import type { z } from 'zod';

// Response types come from the server's zod schemas, so a contract change breaks the web build.
export type MeT = z.output<typeof Me>;
export type User = z.output<typeof UserOut>;
export type Customer = z.output<typeof CustomerOut>;
export type CustomerFull = z.output<typeof CustomerDetail>;
export type Contact = z.output<typeof ContactOut>;
export type ContactBody = z.input<typeof ContactInput>;
export type PaymentTerms = z.output<typeof PaymentTermsOut>;
export type BankAccount = z.output<typeof BankAccountOut>;
export type Invoice = z.output<typeof InvoiceOut>;
export type InvoiceFull = z.output<typeof InvoiceDetail>;
export type InvoiceBody = z.input<typeof InvoiceInput>;
export type LineBody = z.input<typeof LineInput>;
export type Allocation = z.output<typeof AllocationOut>;
export type Receipt = z.output<typeof ReceiptOut>;
export type ReceiptFull = z.output<typeof ReceiptDetail>;
export type ReceiptBody = z.input<typeof ReceiptInput>;
export type Method = z.output<typeof ReceiptMethod>;
export type StatementT = z.output<typeof Statement>;
export type StatementLineT = z.output<typeof StatementLine>;
export type AgingReportT = z.output<typeof AgingReport>;
export type AgingRowT = AgingReportT['rows'][number];
export type AgingItemT = z.output<typeof AgingItem>;
export type ScheduleIIIT = z.output<typeof ScheduleIIIReport>;
export type DashboardT = z.output<typeof Dashboard>;
export type KpiMonthT = z.output<typeof KpiMonth>;
export type CollectorPerformanceT = z.output<typeof CollectorPerformance>;
export type CollectorRowT = CollectorPerformanceT['collectors'][number];
export type PaymentBehaviourT = z.output<typeof PaymentBehaviour>;
export type TargetsBody = z.input<typeof TargetsIn>;
export type ExchangeRateListT = z.output<typeof ExchangeRateList>;
export type ExchangeRateT = ExchangeRateListT['data'][number];
export type ExchangeRateBody = z.input<typeof ExchangeRateIn>;
export type ProvisionReportT = z.output<typeof ProvisionReport>;
export type ProvisionSegmentT = ProvisionReportT['segments'][number];
export type ProvisionRateT = ProvisionSegmentT['rates'][number];
export type ProvisionHistoryT = z.output<typeof ProvisionHistory>;
export type ProvisionOverrideBody = z.input<typeof ProvisionOverrideIn>;
export type SpecificProvisionBody = z.input<typeof SpecificProvisionIn>;
export type SettingsT = z.output<typeof TenantSettings>;
export type SettingsPatch = z.input<typeof TenantSettingsPatch>;
