import { fmtDate } from '../lib/dates.ts';
import { Money } from '../lib/money.tsx';
import { Empty, Tabs } from '../lib/ui.tsx';
import { type BankLine, STATUS_LABEL, TABS, type TabId } from './types.ts';

export function LineStatus({ line }: { line: BankLine }) {
  return (
    <span className={`badge badge-line-${line.status}`} data-testid="line-status">
      {STATUS_LABEL[line.status]}
      {line.status === 'applied' && line.decision === 'auto' ? ' · auto' : ''}
    </span>
  );
}

export function Worklist({
  tab,
  onTab,
  counts,
  rows,
  loading,
  selectedId,
  onSelect,
}: {
  tab: TabId;
  onTab: (t: TabId) => void;
  counts: Partial<Record<TabId, number>>;
  rows: BankLine[];
  loading: boolean;
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  const tabs = TABS.map((t) => ({
    id: t.id,
    label: counts[t.id] === undefined ? t.label : `${t.label} (${counts[t.id]})`,
  }));
  return (
    <div className="worklist">
      <Tabs tabs={tabs} active={tab} onChange={onTab} label="Bank lines" />
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {loading && <p role="status">Loading bank lines…</p>}
        {!loading && rows.length === 0 && <Empty>{EMPTY[tab]}</Empty>}
        {rows.length > 0 && (
          <div className="grid-scroll worklist-scroll">
            <table className="grid compact bank-lines" data-testid="bank-lines">
              <caption className="sr-only">
                Bank lines; j and k move, a accepts the suggestion, p parks, i ignores
              </caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col" className="num">
                    Amount
                  </th>
                  <th scope="col">Payer</th>
                  <th scope="col">Narration</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Conf.
                  </th>
                  <th scope="col">Why</th>
                  <th scope="col">Customer</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((l) => {
                  const selected = l.id === selectedId;
                  return (
                    <tr
                      key={l.id}
                      data-row
                      data-line={l.id}
                      tabIndex={selected ? 0 : -1}
                      aria-current={selected ? 'true' : undefined}
                      className={`clickable ${selected ? 'selected' : ''}`}
                      onClick={() => onSelect(l.id)}
                      onFocus={() => onSelect(l.id)}
                    >
                      <td className="nowrap">{fmtDate(l.booking_date)}</td>
                      <td className="num nowrap">
                        <Money value={l.amount} currency={l.currency} />
                      </td>
                      <td className="payer" title={l.counterparty_account ?? undefined}>
                        {l.counterparty_name ?? <span className="muted">—</span>}
                      </td>
                      <td className="narration" title={l.remittance}>
                        {l.remittance}
                      </td>
                      <td>
                        <LineStatus line={l} />
                      </td>
                      <td className="num">{l.confidence === null ? '—' : `${l.confidence} %`}</td>
                      <td className="reason" title={l.reason ?? undefined}>
                        {l.reason ?? ''}
                      </td>
                      <td>
                        {l.customer ? (
                          <>
                            <span className="mono muted">{l.customer.code}</span> {l.customer.name}
                          </>
                        ) : (
                          <span className="muted">—</span>
                        )}
                        {l.receipt_number && <div className="mono small">{l.receipt_number}</div>}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </div>
  );
}

const EMPTY: Record<TabId, string> = {
  suggested: 'No suggestions waiting. Upload a statement and press Match now.',
  unmatched: 'Nothing left unmatched.',
  applied: 'No line applied yet.',
  parked: 'No money parked on account.',
  all: 'No bank lines yet: upload a statement above.',
};
