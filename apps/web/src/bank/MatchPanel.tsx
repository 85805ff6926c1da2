import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSession } from '../auth/session.tsx';
import { api } from '../lib/api.ts';
import { ErrorBanner } from '../lib/forms.tsx';
import { Money, toMinor } from '../lib/money.tsx';
import { invalidateAfterMatch } from './queries.ts';
import type { CashAppRun } from './types.ts';

/** Runs the matcher over pending lines: sure matches are applied, the rest wait on the worklist. */
export function MatchPanel({ bankAccountId }: { bankAccountId: string }) {
  const { can } = useSession();
  const client = useQueryClient();
  const [rematch, setRematch] = useState(false);
  const run = useMutation({
    mutationFn: () =>
      api.post<CashAppRun>('/cashapp/runs', { bank_account_id: bankAccountId || undefined, rematch }),
    onSuccess: () => invalidateAfterMatch(client),
  });
  if (!can('bank.write')) return null;
  return (
    <div className="match-panel">
      <div className="actions">
        <button type="button" className="primary" onClick={() => run.mutate()} disabled={run.isPending}>
          {run.isPending ? 'Matching…' : 'Match now'}
        </button>
        <label className="check">
          <input type="checkbox" checked={rematch} onChange={(e) => setRematch(e.target.checked)} /> Also
          re-match lines already suggested or not matched
        </label>
      </div>
      <ErrorBanner error={run.error} />
      {run.data && <MatchSummary run={run.data} />}
    </div>
  );
}

function MatchSummary({ run }: { run: CashAppRun }) {
  const total = run.auto + run.suggested + run.none;
  const applied = run.lines.filter((l) => l.decision === 'auto' && toMinor(l.amount, l.currency) > 0n);
  const currency = run.lines[0]?.currency;
  let appliedSum = 0n;
  for (const l of applied) appliedSum += toMinor(l.amount, l.currency);
  if (total === 0)
    return (
      <p className="muted" role="status" data-testid="match-summary">
        Nothing to match: every line has been matched before. Tick “re-match” to try the open ones again.
      </p>
    );
  return (
    <section className="match-summary" aria-label="Match result" data-testid="match-summary">
      <p role="status">
        <strong data-testid="count-applied">{run.auto} applied</strong>,{' '}
        <strong data-testid="count-suggested">{run.suggested} suggested</strong>,{' '}
        <strong data-testid="count-none">{run.none} not matched</strong> of {total} lines
        {applied.length > 0 && currency && (
          <>
            {' '}
            · <Money value={appliedSum} currency={currency} /> applied without a person
          </>
        )}
      </p>
      <SegmentBar
        segments={[
          { label: 'Applied', value: run.auto, tone: 'ok' },
          { label: 'Suggested', value: run.suggested, tone: 'warn' },
          { label: 'Not matched', value: run.none, tone: 'none' },
        ]}
      />
    </section>
  );
}

/** One bar split by share: at a glance how much of the day's money still needs a person. */
function SegmentBar({ segments }: { segments: { label: string; value: number; tone: string }[] }) {
  const total = segments.reduce((n, s) => n + s.value, 0);
  const text = segments.map((s) => `${s.label} ${s.value}`).join(', ');
  return (
    <div className="segment-bar" role="img" aria-label={text}>
      {segments
        .filter((s) => s.value > 0)
        .map((s) => (
          <span
            key={s.label}
            className={`segment segment-${s.tone}`}
            style={{ flexGrow: s.value, flexBasis: `${(100 * s.value) / total}%` }}
            title={`${s.label}: ${s.value}`}
          >
            {s.label} {s.value}
          </span>
        ))}
    </div>
  );
}
