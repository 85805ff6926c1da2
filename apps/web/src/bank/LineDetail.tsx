import { Link } from 'react-router';
import { fmtDate } from '../lib/dates.ts';
import { Money, toMinor } from '../lib/money.tsx';
import { SplitEditor } from './SplitEditor.tsx';
import { type AcceptBody, type BankLine, PENDING } from './types.ts';
import { LineStatus } from './Worklist.tsx';

/** What banks write where there is no reference (MT940's NONREF, camt's NOTPROVIDED). */
const NO_REFERENCE = /^(NONREF|NOTPROVIDED|NONE|N\/A|-)$/i;

export function LineDetail({
  line,
  canWrite,
  busy,
  acceptError,
  onAcceptProposal,
  onAccept,
  onPark,
  onIgnore,
}: {
  line: BankLine;
  canWrite: boolean;
  busy: boolean;
  acceptError: unknown;
  onAcceptProposal: () => void;
  onAccept: (body: AcceptBody) => void;
  onPark: () => void;
  onIgnore: () => void;
}) {
  const pending = PENDING.includes(line.status);
  const credit = toMinor(line.amount, line.currency) > 0n;
  const proposal = line.proposal && line.proposal.allocations.length > 0 ? line.proposal : null;
  const refs = [line.reference, line.bank_reference, line.end_to_end_id].filter(
    (r, i, all): r is string => Boolean(r) && !NO_REFERENCE.test(r ?? '') && all.indexOf(r) === i,
  );
  return (
    <section className="panel line-detail" aria-labelledby="line-title" data-testid="line-detail">
      <div className="panel-head">
        <h2 id="line-title">
          <Money value={line.amount} currency={line.currency} /> on {fmtDate(line.booking_date)}
        </h2>
        <LineStatus line={line} />
      </div>
      <dl className="profile">
        <dt>Payer</dt>
        <dd>
          {line.counterparty_name ?? '—'}
          {line.counterparty_account && <span className="mono muted"> · {line.counterparty_account}</span>}
        </dd>
        <dt>Narration</dt>
        <dd className="mono narration-full" data-testid="narration">
          {line.remittance}
        </dd>
        {refs.length > 0 && (
          <>
            <dt>References</dt>
            <dd className="mono">{refs.join(' · ')}</dd>
          </>
        )}
        {line.value_date && line.value_date !== line.booking_date && (
          <>
            <dt>Value date</dt>
            <dd>{fmtDate(line.value_date)}</dd>
          </>
        )}
        {line.reason && (
          <>
            <dt>Matcher</dt>
            <dd data-testid="line-reason">
              {line.confidence !== null && <strong>{line.confidence} % · </strong>}
              {line.reason}
            </dd>
          </>
        )}
        {line.customer && (
          <>
            <dt>Customer</dt>
            <dd>
              <Link to={`/customers/${line.customer.id}`}>
                <span className="mono">{line.customer.code}</span> {line.customer.name}
              </Link>
            </dd>
          </>
        )}
        {line.receipt_number && (
          <>
            <dt>Receipt</dt>
            <dd>
              <Link className="mono" to={`/receipts?q=${encodeURIComponent(line.receipt_number)}`}>
                {line.receipt_number}
              </Link>
            </dd>
          </>
        )}
      </dl>

      {pending && proposal && credit && (
        <div className="proposal" data-testid="proposal">
          <h3>Proposed{line.customer ? ` for ${line.customer.name}` : ''}</h3>
          <table className="grid compact">
            <thead>
              <tr>
                <th scope="col">Invoice</th>
                <th scope="col" className="num">
                  Amount
                </th>
                <th scope="col" className="num">
                  TDS
                </th>
                <th scope="col" className="num">
                  Bank charges
                </th>
              </tr>
            </thead>
            <tbody>
              {proposal.allocations.map((a) => (
                <tr key={a.invoice_id}>
                  <th scope="row" className="mono">
                    {a.invoice_number}
                  </th>
                  <td className="num">
                    <Money value={a.amount} currency={line.currency} />
                  </td>
                  <td className="num">
                    <Money value={a.tds} currency={line.currency} />
                  </td>
                  <td className="num">
                    <Money value={a.bank_charges} currency={line.currency} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {toMinor(proposal.unapplied, line.currency) > 0n && (
            <p className="muted small">
              <Money value={proposal.unapplied} currency={line.currency} /> would stay unapplied on account.
            </p>
          )}
          {canWrite && (
            <button type="button" className="primary" onClick={onAcceptProposal} disabled={busy}>
              Accept as proposed <kbd>a</kbd>
            </button>
          )}
        </div>
      )}

      {pending && canWrite && credit && (
        <SplitEditor key={line.id} line={line} onAccept={onAccept} pending={busy} error={acceptError} />
      )}
      {pending && !credit && (
        <p className="muted">
          Money paid out: nothing to apply. Ignore it (<kbd>i</kbd>) with the reason, e.g. bank charges.
        </p>
      )}
      {pending && canWrite && (
        <div className="form-actions">
          {credit && (
            <button type="button" onClick={onPark} disabled={busy}>
              Park on account <kbd>p</kbd>
            </button>
          )}
          <button type="button" onClick={onIgnore} disabled={busy}>
            Ignore <kbd>i</kbd>
          </button>
        </div>
      )}
    </section>
  );
}
