import { InvalidValue } from '../errors.ts';
import { currencyExponent, formatAmount, roundHalfUp, sum } from '../money.ts';
import { hundredths } from './ratio.ts';

/*
 * Lifetime expected credit loss by provision matrix (IFRS 9 / Ind AS 109 simplified approach).
 * Rates stay exact rationals from history to posting: 2,000 ÷ 23,000 is not 8.7 %, and the
 * difference is money once multiplied by a lakh of balances.
 */

/** A loss rate numerator ÷ denominator, 0 ≤ rate ≤ 1, denominator > 0, kept in lowest terms. */
export interface LossRate {
  numerator: bigint;
  denominator: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function lowest(numerator: bigint, denominator: bigint): LossRate {
  const d = gcd(numerator, denominator) || 1n;
  return { numerator: numerator / d, denominator: denominator / d };
}

function assertRate(rate: LossRate, field: string): void {
  if (rate.denominator <= 0n || rate.numerator < 0n || rate.numerator > rate.denominator) {
    throw new InvalidValue(field, 'a loss rate must be between 0 and 1 with a positive denominator');
  }
}

/** For display only: 2 decimals of a percent (2,000 ÷ 23,000 → 8.7). */
export function rateToPercent(rate: LossRate): number {
  assertRate(rate, 'rate');
  return hundredths(rate.numerator * 100n, rate.denominator)!;
}

/**
 * Roll-rate loss rates: for bucket i, of the amount that ever reached bucket i, the share that was
 * never recovered. Nothing reached → 0 (no evidence of loss); more lost than reached (history
 * data out of step) is capped at 100 %.
 */
export function rollRateLossRates(reached: bigint[], lost: bigint[]): LossRate[] {
  if (reached.length !== lost.length) throw new InvalidValue('lost', 'give one lost amount per bucket reached');
  return reached.map((r, i) => {
    const l = lost[i]!;
    if (r < 0n) throw new InvalidValue(`reached[${i}]`, 'must not be negative');
    if (l < 0n) throw new InvalidValue(`lost[${i}]`, 'must not be negative');
    if (r === 0n) return { numerator: 0n, denominator: 1n };
    if (l >= r) return { numerator: 1n, denominator: 1n };
    return lowest(l, r);
  });
}

/**
 * ECL per bucket = balance × rate, rounded half-up to the minor unit; the total is the sum of the
 * rounded figures so the report's column adds up to the figure posted. A bucket whose net balance
 * is a credit (unapplied cash) is owed to customers, not by them, so it carries no loss rather
 * than a negative one that would net off other buckets.
 */
export function provisionMatrix(balances: bigint[], rates: LossRate[]): { perBucket: bigint[]; total: bigint } {
  if (balances.length !== rates.length) throw new InvalidValue('rates', 'give one loss rate per aging bucket');
  const perBucket = balances.map((balance, i) => {
    const rate = rates[i]!;
    assertRate(rate, `rates[${i}]`);
    return balance <= 0n ? 0n : roundHalfUp(balance * rate.numerator, rate.denominator);
  });
  return { perBucket, total: sum(perBucket) };
}

export interface LossRateOverride {
  bucket: number;
  /** A decimal percent as typed, "12.5"; parsed exactly, never through a float. */
  percent: string;
  /** Why history is not the best estimate (the forward-looking adjustment); kept for audit. */
  reason: string;
}

const PERCENT = /^(\d{1,3})(?:\.(\d{1,10}))?$/;

function parsePercent(text: string, field: string): LossRate {
  const match = PERCENT.exec(text.trim());
  if (!match) throw new InvalidValue(field, `"${text.slice(0, 20)}" is not a percentage like 12.5`);
  const [, whole, fraction = ''] = match;
  const numerator = BigInt(whole! + fraction);
  const denominator = 100n * 10n ** BigInt(fraction.length);
  if (numerator > denominator) throw new InvalidValue(field, 'must be between 0 and 100');
  return lowest(numerator, denominator);
}

/** Replaces history-based rates with a manager's judgement, bucket by bucket. */
export function applyOverrides(rates: LossRate[], overrides: LossRateOverride[]): LossRate[] {
  const result = [...rates];
  const seen = new Set<number>();
  overrides.forEach((override, i) => {
    const { bucket } = override;
    if (!Number.isInteger(bucket) || bucket < 0 || bucket >= rates.length) {
      throw new InvalidValue(`overrides[${i}].bucket`, `must be a bucket number from 0 to ${rates.length - 1}`);
    }
    if (seen.has(bucket)) throw new InvalidValue(`overrides[${i}].bucket`, `bucket ${bucket} is overridden twice`);
    seen.add(bucket);
    const rate = parsePercent(override.percent, `overrides[${i}].percent`);
    if (override.reason.trim() === '') throw new InvalidValue(`overrides[${i}].reason`, 'say why the rate is overridden');
    result[bucket] = rate;
  });
  return result;
}

export interface ProvisionMovement {
  charge: bigint;
  release: bigint;
}

/** Change in the allowance between two provision runs: an increase is a charge, a fall a release. */
export function provisionMovement(opening: bigint, closing: bigint): ProvisionMovement {
  if (opening < 0n) throw new InvalidValue('opening', 'an allowance is never negative');
  if (closing < 0n) throw new InvalidValue('closing', 'an allowance is never negative');
  const change = closing - opening;
  return change >= 0n ? { charge: change, release: 0n } : { charge: 0n, release: -change };
}

export type ProvisionAccount = 'BAD_DEBT_EXPENSE' | 'ECL_ALLOWANCE';

export interface ProvisionLine {
  account: ProvisionAccount;
  debit: bigint;
  credit: bigint;
  memo: string;
}

/**
 * The journal a finance user is asked to approve: a charge debits bad-debt expense and credits the
 * allowance; a release reverses that. Nothing to post gives no lines. Both can be non-zero when a
 * caller presents charges and releases gross; each gets its own balanced pair.
 */
export function proposedProvisionEntry(movement: ProvisionMovement, currency: string): ProvisionLine[] {
  currencyExponent(currency);
  const { charge, release } = movement;
  if (charge < 0n) throw new InvalidValue('charge', 'must not be negative');
  if (release < 0n) throw new InvalidValue('release', 'must not be negative');
  const lines: ProvisionLine[] = [];
  if (charge > 0n) {
    const memo = `Expected credit loss allowance increased by ${formatAmount(charge, currency)} ${currency}`;
    lines.push({ account: 'BAD_DEBT_EXPENSE', debit: charge, credit: 0n, memo });
    lines.push({ account: 'ECL_ALLOWANCE', debit: 0n, credit: charge, memo });
  }
  if (release > 0n) {
    const memo = `Expected credit loss allowance released by ${formatAmount(release, currency)} ${currency}`;
    lines.push({ account: 'ECL_ALLOWANCE', debit: release, credit: 0n, memo });
    lines.push({ account: 'BAD_DEBT_EXPENSE', debit: 0n, credit: release, memo });
  }
  return lines;
}
