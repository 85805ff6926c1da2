import { InvalidValue } from './errors.ts';
import { currencyExponent, roundHalfUp } from './money.ts';

/**
 * An exchange rate as an exact decimal: units of the target currency per one unit of the source.
 * Rates arrive as decimal strings ("83.1245") and stay rational, so converting ₹ totals never
 * picks up a floating-point paisa.
 */
export interface Rate {
  numerator: bigint;
  denominator: bigint;
}

const DECIMAL = /^\d{1,14}(\.\d{1,10})?$/;

export function parseRate(value: string, field = 'rate'): Rate {
  const text = value.trim();
  if (!DECIMAL.test(text)) throw new InvalidValue(field, `"${value}" is not a positive decimal rate`);
  const [whole, fraction = ''] = text.split('.');
  const numerator = BigInt(whole + fraction);
  if (numerator === 0n) throw new InvalidValue(field, 'a rate must be greater than zero');
  return { numerator, denominator: 10n ** BigInt(fraction.length) };
}

/** Converts minor units of `from` into minor units of `to`, rounding half away from zero. */
export function convertAmount(minor: bigint, from: string, to: string, rate: Rate): bigint {
  if (from === to) return minor;
  const shift = currencyExponent(to) - currencyExponent(from);
  const numerator = minor * rate.numerator * (shift > 0 ? 10n ** BigInt(shift) : 1n);
  const denominator = rate.denominator * (shift < 0 ? 10n ** BigInt(-shift) : 1n);
  return roundHalfUp(numerator, denominator);
}
