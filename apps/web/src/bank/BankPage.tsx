import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { useSession } from '../auth/session.tsx';
import { api } from '../lib/api.ts';
import { ErrorBanner } from '../lib/forms.tsx';
import { useUrlFilters } from '../lib/hooks.ts';
import { Money, toMinor } from '../lib/money.tsx';
import { LoadMore } from '../lib/ui.tsx';
import { AccountBar } from './AccountBar.tsx';
import { LineDetail } from './LineDetail.tsx';
import { IgnoreDialog, ParkDialog } from './LineDialogs.tsx';
import { MatchPanel } from './MatchPanel.tsx';
import { invalidateAfterMatch, useBankLines } from './queries.ts';
import { StatementUpload } from './StatementUpload.tsx';
import { type AcceptBody, type Applied, type BankLine, PENDING, TABS, type TabId } from './types.ts';
import { useWorklistKeys } from './useWorklistKeys.ts';
import { Worklist } from './Worklist.tsx';

type Action =
  | { kind: 'proposal' | 'split'; line: BankLine; body: AcceptBody }
  | { kind: 'park'; line: BankLine; customerId: string }
  | { kind: 'ignore'; line: BankLine; reason: string };

interface Outcome {
  action: Action;
  applied: Applied | null;
}

function perform(action: Action): Promise<Applied | null> {
  const id = action.line.id;
  if (action.kind === 'park')
    return api.post<Applied>(`/bank-lines/${id}/park`, { customer_id: action.customerId });
  if (action.kind === 'ignore')
    return api.post(`/bank-lines/${id}/ignore`, { reason: action.reason }).then(() => null);
  return api.post<Applied>(`/bank-lines/${id}/accept`, action.body);
}

/** The suggestion exactly as the matcher made it, or null when there is nothing to accept in one key. */
function proposalBody(line: BankLine): AcceptBody | null {
  const p = line.proposal;
  if (!PENDING.includes(line.status) || !p?.customer_id || p.allocations.length === 0) return null;
  return {
    customer_id: p.customer_id,
    allocations: p.allocations.map((a) => ({
      invoice_id: a.invoice_id,
      amount: a.amount,
      tds: a.tds,
      bank_charges: a.bank_charges,
    })),
  };
}

export function BankPage() {
  const { can } = useSession();
  const canWrite = can('bank.write');
  const client = useQueryClient();
  const [filters, setFilter] = useUrlFilters(['tab', 'account'] as const);
  const tab: TabId = TABS.some((t) => t.id === filters.tab) ? (filters.tab as TabId) : 'suggested';
  const account = filters.account;
  const [accountProblem, setAccountProblem] = useState<string | null>(null);

  const lines = useBankLines(tab, account);
  const suggested = useBankLines('suggested', account);
  const unmatched = useBankLines('unmatched', account);
  // Lines acted on here leave the pending tabs at once, before the refetch: a second key press
  // must not send the same line again.
  const [done, setDone] = useState<ReadonlySet<string>>(new Set());
  const visible = (rows: BankLine[] | undefined) =>
    (rows ?? []).filter((l) => !(done.has(l.id) && PENDING.includes(l.status)));
  const rows = visible(lines.rows);
  // A tab's count from the server, less the lines acted on here since it was read.
  const waiting = (list: typeof suggested) => (list.total === undefined ? undefined : list.total - (list.rows ?? []).filter((l) => done.has(l.id)).length);

  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [lastIndex, setLastIndex] = useState(0);
  const found = rows.findIndex((l) => l.id === selectedId);
  const index = found >= 0 ? found : Math.min(lastIndex, rows.length - 1);
  const selected = index >= 0 ? (rows[index] ?? null) : null;
  const select = (id: string) => {
    setSelectedId(id);
    setLastIndex(
      Math.max(
        0,
        rows.findIndex((l) => l.id === id),
      ),
    );
  };

  const [dialog, setDialog] = useState<'park' | 'ignore' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const act = useMutation({
    mutationFn: perform,
    onMutate: () => setNotice(null),
    onSuccess: (applied, action) => {
      setDone((d) => new Set(d).add(action.line.id));
      setOutcome({ action, applied });
      setDialog(null);
      invalidateAfterMatch(client);
    },
  });
  const run = (action: Action) => {
    if (!act.isPending) act.mutate(action);
  };

  const acceptProposal = () => {
    if (!selected || !canWrite) return;
    const body = proposalBody(selected);
    if (body) run({ kind: 'proposal', line: selected, body });
    else if (PENDING.includes(selected.status))
      setNotice('This line has no proposal to accept: pick the customer and split it by hand below.');
  };
  const park = () => {
    if (!selected || !canWrite || !PENDING.includes(selected.status)) return;
    if (toMinor(selected.amount, selected.currency) <= 0n) {
      setNotice('Money paid out cannot be parked on a customer account; ignore it instead.');
      return;
    }
    act.reset();
    if (selected.customer) run({ kind: 'park', line: selected, customerId: selected.customer.id });
    else setDialog('park');
  };
  const ignore = () => {
    if (!selected || !canWrite || !PENDING.includes(selected.status)) return;
    act.reset();
    setDialog('ignore');
  };
  useWorklistKeys({
    move: (delta) => {
      const next = rows[Math.max(0, Math.min(rows.length - 1, index + delta))];
      if (!next) return;
      select(next.id);
      document.querySelector<HTMLElement>(`tr[data-line="${next.id}"]`)?.focus();
    },
    accept: acceptProposal,
    park,
    ignore,
  });

  const lastKind = act.variables?.kind;
  return (
    <section className="bank-page">
      <div className="page-head">
        <h1>Bank &amp; cash</h1>
      </div>

      <section className="panel" aria-labelledby="statement-title">
        <h2 id="statement-title">Statement</h2>
        <AccountBar
          value={account}
          onChange={(id) => {
            setFilter('account', id);
            setAccountProblem(null);
          }}
          error={accountProblem ?? undefined}
        />
        {canWrite && (
          <StatementUpload
            bankAccountId={account}
            onImported={() => setFilter('tab', 'suggested')}
            onAccountProblem={setAccountProblem}
          />
        )}
        <MatchPanel bankAccountId={account} />
      </section>

      <p className="shortcut-legend muted small" data-testid="shortcut-legend">
        <kbd>j</kbd>/<kbd>k</kbd> or <kbd>↑</kbd>/<kbd>↓</kbd> move · <kbd>Enter</kbd> or <kbd>a</kbd> accept
        as proposed · <kbd>p</kbd> park on account · <kbd>i</kbd> ignore · <kbd>/</kbd> search open items
      </p>
      {outcome && <OutcomeBanner outcome={outcome} />}
      {notice && (
        <p className="banner warn" role="status">
          {notice}
        </p>
      )}
      {lastKind !== 'split' && !dialog && <ErrorBanner error={act.error} />}
      <ErrorBanner error={lines.error} />

      <Worklist
        tab={tab}
        onTab={(t) => {
          setFilter('tab', t === 'suggested' ? '' : t);
          setLastIndex(0);
        }}
        counts={{
          suggested: waiting(suggested),
          unmatched: waiting(unmatched),
        }}
        rows={rows}
        loading={lines.isPending}
        selectedId={selected?.id ?? null}
        onSelect={select}
      />
      {rows.length > 0 && (
        <LoadMore hasMore={Boolean(lines.hasNextPage)} loading={lines.isFetchingNextPage} onClick={() => lines.fetchNextPage()} shown={rows.length} />
      )}

      {selected && (
        <LineDetail
          line={selected}
          canWrite={canWrite}
          busy={act.isPending}
          acceptError={lastKind === 'split' ? act.error : null}
          onAcceptProposal={acceptProposal}
          onAccept={(body) => run({ kind: 'split', line: selected, body })}
          onPark={park}
          onIgnore={ignore}
        />
      )}
      {dialog === 'park' && selected && (
        <ParkDialog
          line={selected}
          onPark={(customerId) => run({ kind: 'park', line: selected, customerId })}
          onClose={() => setDialog(null)}
          pending={act.isPending}
          error={act.error}
        />
      )}
      {dialog === 'ignore' && selected && (
        <IgnoreDialog
          line={selected}
          onIgnore={(reason) => run({ kind: 'ignore', line: selected, reason })}
          onClose={() => setDialog(null)}
          pending={act.isPending}
          error={act.error}
        />
      )}
    </section>
  );
}

function OutcomeBanner({ outcome }: { outcome: Outcome }) {
  const { action, applied } = outcome;
  const line = action.line;
  const amount = <Money value={line.amount} currency={line.currency} />;
  if (action.kind === 'ignore')
    return (
      <p className="banner ok" role="status" data-testid="action-result">
        Ignored {amount} from {line.counterparty_name ?? 'an unnamed payer'}: {action.reason}
      </p>
    );
  return (
    <p className="banner ok" role="status" data-testid="action-result">
      {amount} {action.kind === 'park' ? 'parked on account as' : 'applied as'} receipt{' '}
      <Link className="mono" to={`/receipts?q=${encodeURIComponent(applied?.receipt_number ?? '')}`}>
        <strong data-testid="receipt-number">{applied?.receipt_number}</strong>
      </Link>
      {applied && applied.learned.length > 0 && (
        <span data-testid="learned"> · learned: {applied.learned.join(', ')}</span>
      )}
    </p>
  );
}
