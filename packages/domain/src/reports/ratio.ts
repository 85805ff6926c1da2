import { roundHalfUp } from '../money.ts';

/**
 * numerator ÷ denominator as a JS number rounded half-up to 2 decimals, computed in bigint so a
 * figure users check by hand (76.71, 55.93) never carries a float artefact. null when the
 * denominator is not positive: the ratio is undefined there, not zero.
 */
export function hundredths(numerator: bigint, denominator: bigint): number | null {
  if (denominator <= 0n) return null;
  return Number(roundHalfUp(numerator * 100n, denominator)) / 100;
}

/** A number already at 2 decimals (a KPI) back to exact hundredths. */
export function toHundredths(value: number): bigint {
  return BigInt(Math.round(value * 100));
}
