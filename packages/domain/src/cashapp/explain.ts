// Made once: a NumberFormat costs more to build than thousands of uses.
const INDIAN = new Intl.NumberFormat('en-IN');
const WESTERN = new Intl.NumberFormat('en-US');

/** Amounts as a collector reads them in one line: Indian grouping for INR, no ".00". */
export function shortAmount(minor: bigint, currency: string): string {
  const negative = minor < 0n;
  const abs = negative ? -minor : minor;
  const whole = abs / 100n;
  const cents = abs % 100n;
  const grouped = (currency === 'INR' ? INDIAN : WESTERN).format(whole);
  return `${negative ? '−' : ''}${grouped}${cents ? `.${cents.toString().padStart(2, '0')}` : ''}`;
}

export const percent = (bp: number) => `${bp % 100 === 0 ? bp / 100 : (bp / 100).toFixed(1)} %`;
