/** Current in green, then yellow through to deep red as the money gets older, however many buckets the company uses. */
export function bucketColours(count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    if (i === 0) return '#3d8b5a';
    const t = count <= 2 ? 1 : (i - 1) / (count - 2);
    return `hsl(${Math.round(46 - 44 * t)} ${Math.round(80 - 10 * t)}% ${Math.round(52 - 20 * t)}%)`;
  });
}

/** Short axis figures: ₹12.3L, ₹4.5Cr for INR; k/M elsewhere. Tooltips show the exact amount. */
export function compactMoney(value: number, currency: string): string {
  const abs = Math.abs(value);
  const sign = value < 0 ? '-' : '';
  const symbol = currency === 'INR' ? '₹' : '';
  const suffix = currency === 'INR' ? '' : ` ${currency}`;
  const fixed = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1).replace(/\.0$/, ''));
  if (currency === 'INR') {
    if (abs >= 1e7) return `${sign}${symbol}${fixed(abs / 1e7)}Cr`;
    if (abs >= 1e5) return `${sign}${symbol}${fixed(abs / 1e5)}L`;
    if (abs >= 1e3) return `${sign}${symbol}${fixed(abs / 1e3)}k`;
    return `${sign}${symbol}${Math.round(abs)}`;
  }
  if (abs >= 1e9) return `${sign}${fixed(abs / 1e9)}B${suffix}`;
  if (abs >= 1e6) return `${sign}${fixed(abs / 1e6)}M${suffix}`;
  if (abs >= 1e3) return `${sign}${fixed(abs / 1e3)}k${suffix}`;
  return `${sign}${Math.round(abs)}${suffix}`;
}
