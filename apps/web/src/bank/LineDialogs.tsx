import { type FormEvent, type ReactNode, useState } from 'react';
import { CustomerPicker, type Picked } from '../customers/CustomerPicker.tsx';
import { ErrorBanner, Field } from '../lib/forms.tsx';
import { Money } from '../lib/money.tsx';
import { Dialog } from '../lib/ui.tsx';
import type { BankLine } from './types.ts';

/** What every line dialog is given by the page. */
type LineDialogProps = {
  line: BankLine;
  onClose: () => void;
  pending: boolean;
  error: unknown;
};

/** The frame both dialogs share: a form with the error and the submit / cancel buttons under it. */
function LineDialog({
  title,
  testId,
  submitLabel,
  canSubmit,
  onSubmit,
  onClose,
  error,
  children,
}: {
  title: string;
  testId: string;
  submitLabel: string;
  canSubmit: boolean;
  onSubmit: () => void;
  onClose: () => void;
  error: unknown;
  children: ReactNode;
}) {
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (canSubmit) onSubmit();
  };
  return (
    <Dialog title={title} onClose={onClose}>
      <form onSubmit={submit} className="stack" data-testid={testId}>
        {children}
        <ErrorBanner error={error} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={!canSubmit}>
            {submitLabel}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Park: the money is the customer's but pays no invoice yet; it waits on account as unapplied cash. */
export function ParkDialog({
  line,
  onPark,
  onClose,
  pending,
  error,
}: LineDialogProps & { onPark: (customerId: string) => void }) {
  const [customer, setCustomer] = useState<Picked | null>(null);
  return (
    <LineDialog
      title="Park on account"
      testId="park-dialog"
      submitLabel="Park on account"
      canSubmit={customer !== null && !pending}
      onSubmit={() => customer && onPark(customer.id)}
      onClose={onClose}
      error={error}
    >
      <p>
        <Money value={line.amount} currency={line.currency} /> from{' '}
        {line.counterparty_name ?? 'an unnamed payer'} becomes a receipt left unapplied on the customer's
        account.
      </p>
      <CustomerPicker value={customer} onChange={setCustomer} autoFocus label="Customer who paid" />
    </LineDialog>
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
}: LineDialogProps & { onIgnore: (reason: string) => void }) {
  const [reason, setReason] = useState('');
  return (
    <LineDialog
      title="Ignore line"
      testId="ignore-dialog"
      submitLabel="Ignore line"
      canSubmit={reason.trim() !== '' && !pending}
      onSubmit={() => onIgnore(reason.trim())}
      onClose={onClose}
      error={error}
    >
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
    </LineDialog>
  );
}
