import { type FormEvent, useState } from 'react';
import { CustomerPicker, type Picked } from '../customers/CustomerPicker.tsx';
import { ErrorBanner, Field } from '../lib/forms.tsx';
import { Money } from '../lib/money.tsx';
import { Dialog } from '../lib/ui.tsx';
import type { BankLine } from './types.ts';

/** Park: the money is the customer's but pays no invoice yet; it waits on account as unapplied cash. */
export function ParkDialog({
  line,
  onPark,
  onClose,
  pending,
  error,
}: {
  line: BankLine;
  onPark: (customerId: string) => void;
  onClose: () => void;
  pending: boolean;
  error: unknown;
}) {
  const [customer, setCustomer] = useState<Picked | null>(null);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (customer && !pending) onPark(customer.id);
  };
  return (
    <Dialog title="Park on account" onClose={onClose}>
      <form onSubmit={onSubmit} className="stack" data-testid="park-dialog">
        <p>
          <Money value={line.amount} currency={line.currency} /> from{' '}
          {line.counterparty_name ?? 'an unnamed payer'} becomes a receipt left unapplied on the customer's
          account.
        </p>
        <CustomerPicker value={customer} onChange={setCustomer} autoFocus label="Customer who paid" />
        <ErrorBanner error={error} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={!customer || pending}>
            Park on account
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

const COMMON_REASONS = [
  'Transfer between own accounts',
  'Interest credited by the bank',
  'Refund from a supplier',
  'Bank charges',
  'Not customer money',
];

/** Ignore: not a customer's payment at all, so it leaves the worklist with the reason on record. */
export function IgnoreDialog({
  line,
  onIgnore,
  onClose,
  pending,
  error,
}: {
  line: BankLine;
  onIgnore: (reason: string) => void;
  onClose: () => void;
  pending: boolean;
  error: unknown;
}) {
  const [reason, setReason] = useState('');
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim() && !pending) onIgnore(reason.trim());
  };
  return (
    <Dialog title="Ignore line" onClose={onClose}>
      <form onSubmit={onSubmit} className="stack" data-testid="ignore-dialog">
        <p>
          <Money value={line.amount} currency={line.currency} /> · {line.remittance}
        </p>
        <Field label="Reason">
          <input
            required
            maxLength={500}
            list="ignore-reasons"
            autoFocus
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </Field>
        <datalist id="ignore-reasons">
          {COMMON_REASONS.map((r) => (
            <option key={r} value={r} />
          ))}
        </datalist>
        <ErrorBanner error={error} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={!reason.trim() || pending}>
            Ignore line
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
