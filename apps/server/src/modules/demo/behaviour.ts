import { addDays, daysBetween } from '@duely/domain';
import type { Random } from './random.ts';

/**
 * How a customer pays. Aging only looks real if the ledger holds all of them: prompt payers and
 * discount takers keep "current" and "paid" full, the 15–45-days-late majority fills 1–30 and
 * 31–60, chronic late payers reach 61–90, and a couple who stopped paying sit in 90+.
 */
export type Profile = 'prompt' | 'discount' | 'regular' | 'slow' | 'chronic' | 'stopped';

export interface ProfileRule {
  /** Days after the due date the customer intends to pay: [min, max]. */
  delay: readonly [number, number];
  /** Chance a payment run pays a round sum rather than everything that is ripe. */
  partial: number;
  risk: 'low' | 'medium' | 'high' | 'critical';
}

export const PROFILES: Readonly<Record<Profile, ProfileRule>> = {
  prompt: { delay: [-6, 3], partial: 0, risk: 'low' },
  discount: { delay: [-4, 6], partial: 0, risk: 'low' },
  regular: { delay: [15, 45], partial: 0.05, risk: 'medium' },
  slow: { delay: [30, 70], partial: 0.15, risk: 'high' },
  chronic: { delay: [55, 140], partial: 0.35, risk: 'high' },
  stopped: { delay: [20, 50], partial: 0.25, risk: 'critical' },
};

/** When a B2B customer releases payments: weekly on Fridays, twice a month, monthly, or invoice by invoice. */
export type Cadence = 'weekly' | 'fortnightly' | 'monthly' | 'adhoc';

function weekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export function isSunday(date: string): boolean {
  return weekday(date) === 0;
}

/** Whether the customer's accounts department releases payments on this day. */
export function isRunDay(date: string, cadence: Cadence): boolean {
  if (isSunday(date)) return false;
  const day = Number(date.slice(8, 10));
  // A run day falling on a Sunday moves to the Monday.
  const moved = (wanted: number) => day === wanted || (day === wanted + 1 && isSunday(addDays(date, -1)));
  switch (cadence) {
    case 'adhoc':
      return true;
    case 'weekly':
      return weekday(date) === 5;
    case 'fortnightly':
      return moved(5) || moved(20);
    case 'monthly':
      return moved(10);
  }
}

/** Diwali (Lakshmi Puja) dates: orders peak in the weeks before it. */
const DIWALI: Readonly<Record<number, string>> = {
  2023: '2023-11-12',
  2024: '2024-11-01',
  2025: '2025-10-20',
  2026: '2026-11-08',
  2027: '2027-10-29',
  2028: '2028-10-17',
  2029: '2029-11-05',
  2030: '2030-10-26',
};

function diwaliOf(year: number): string {
  return DIWALI[year] ?? `${year}-10-30`;
}

/** Relative order volume on a day: the Diwali rush, the March year-end push, summer for cooling, a monsoon lull. */
export function seasonalWeight(date: string): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  let w = [0, 1.0, 1.05, 1.45, 0.95, 1.0, 0.85, 0.8, 0.9, 1.05, 1.1, 1.0, 0.95][month]!;
  const toDiwali = daysBetween(date, diwaliOf(year));
  if (toDiwali >= 0 && toDiwali <= 28) w *= 1.45;
  else if (toDiwali < 0 && toDiwali >= -6) w *= 0.35; // shops shut for the festival week
  if (month === 3 && day >= 15) w *= 1.3;
  return w;
}

/** Extra weight for air conditioners and fans in the hot months. */
export function summerFactor(date: string): number {
  const month = Number(date.slice(5, 7));
  return month >= 3 && month <= 6 ? 1.8 : month === 10 || month === 11 ? 0.9 : 0.6;
}

/**
 * Indian buyers clear dues before 31 March (books close; s.43B(h) disallows MSME dues unpaid past
 * 45 days). A payment meant for April or early May often arrives in the last days of March.
 */
export function yearEndPull(random: Random, issue: string, intended: string): string {
  const year = Number(intended.slice(0, 4));
  const marchEnd = `${year}-03-31`;
  if (intended > marchEnd && intended <= `${year}-05-15` && issue <= `${year}-03-10` && random.chance(0.5)) {
    return addDays(marchEnd, -random.int(0, 9));
  }
  return intended;
}
