/**
 * The management reports, one click from the dashboard: each is a plain download of the export
 * endpoint, so the browser names and saves the file and nothing is built in the page.
 */
const FORMATS = ['pdf', 'xlsx', 'csv'] as const;

export function reportHref(report: 'daily' | 'weekly' | 'monthly', asOf: string, format: (typeof FORMATS)[number]) {
  const params = new URLSearchParams({ format });
  if (report === 'monthly') params.set('month', asOf.slice(0, 7));
  else params.set('date', asOf);
  return `/api/v1/reports/${report}/export?${params}`;
}

const REPORTS = [
  { id: 'daily', label: 'Daily collection report', hint: 'receipts by collector and method, bounces, overdue movements' },
  { id: 'weekly', label: 'Weekly pack', hint: 'aging, DSO/CEI trend, targets, top debtors, disputes' },
  { id: 'monthly', label: 'Monthly pack', hint: 'the weekly pack plus provisions and Schedule III' },
] as const;

export function ReportDownloads({ asOf }: { asOf: string }) {
  return (
    <div className="panel" data-testid="report-downloads">
      <h2>Reports</h2>
      <ul className="report-list">
        {REPORTS.map((r) => (
          <li key={r.id}>
            <span>
              <strong>{r.label}</strong> <span className="muted small">{r.hint}</span>
            </span>
            <span className="actions">
              {FORMATS.map((format) => (
                <a key={format} className="button" href={reportHref(r.id, asOf, format)} download data-testid={`report-${r.id}-${format}`}>
                  {format.toUpperCase()}
                </a>
              ))}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
