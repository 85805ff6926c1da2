import { formatAmount, formatMoney, parseAmount, parseLooseAmount } from '@duely/domain/money';

/** Decimal string from the API to minor units; empty or missing counts as zero. */
export function toMinor(value: string | null | undefined, currency: string): bigint {
  if (value === null || value === undefined || value.trim() === '') return 0n;
  return parseAmount(value, currency);
}

export function fmtMoney(value: string | bigint | null | undefined, currency: string): string {
  if (value === null || value === undefined) return '—';
  const minor = typeof value === 'bigint' ? value : toMinor(value, currency);
  return formatMoney(minor, currency);
}

export const toDecimal = formatAmount;

/**
 * What a person typed ("1,00,000", "₹ 2,500.50", "") to minor units. null when it is not a
 * non-negative amount in this currency, so the form can say so before the server does.
 */
export function parseInput(text: string, currency: string): bigint | null {
  if (text.trim() === '') return 0n;
  try {
    const minor = parseLooseAmount(text, currency);
    return minor < 0n ? null : minor;
  } catch {
    return null;
  }
}

export function Money({
  value,
  currency,
  className,
}: {
  value: string | bigint | null | undefined;
  currency: string;
  className?: string;
}) {
  const minor =
    value === null || value === undefined
      ? null
      : typeof value === 'bigint'
        ? value
        : toMinor(value, currency);
  const negative = minor !== null && minor < 0n;
  return (
    <span className={['money', negative ? 'neg' : '', className ?? ''].filter(Boolean).join(' ')}>
      {minor === null ? '—' : formatMoney(minor, currency)}
    </span>
  );
}
