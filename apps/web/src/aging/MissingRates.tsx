import { fmtDate } from '../lib/dates.ts';

/** Amounts in a currency with no exchange rate are left out of base-currency totals; say which. */
export function MissingRates({ currencies, asOf }: { currencies: string[]; asOf: string }) {
  if (currencies.length === 0) return null;
  return (
    <p className="banner warn" role="alert" data-testid="missing-rates">
      No exchange rate on or before {fmtDate(asOf)} for {currencies.join(', ')}: amounts in{' '}
      {currencies.length === 1 ? 'that currency are' : 'those currencies are'} left out of the totals. Add the
      rate to include them.
    </p>
  );
}
