import type { ImportJob } from './types.ts';

export function ImportReport({ job, title }: { job: ImportJob; title: string }) {
  const total = job.progress.total ?? 0;
  const processed = job.progress.processed;
  const errors = job.errors;
  const running = job.status === 'running';
  return (
    <section
      className="panel report"
      aria-label={`${title} report`}
      data-testid={job.dry_run ? 'dry-run-report' : 'import-report'}
    >
      <h3>
        {title}{' '}
        {running
          ? '— running'
          : job.status === 'done'
            ? '— finished'
            : job.error_count
              ? '— rows need fixing'
              : '— failed'}
      </h3>
      <div className="progress-row">
        {/* The server reports the share of the file read; the row total is known only at the end. */}
        <progress max={1} value={running ? job.progress.fraction : 1} aria-label={`${title} progress`} />
        <span className="muted" role="status">
          {processed.toLocaleString('en-IN')}
          {total ? ` of ${total.toLocaleString('en-IN')}` : ''} rows
          {running && job.message ? ` · ${job.message}` : ''}
        </span>
      </div>
      {job.message && !running && (
        <p className={`banner ${job.status === 'done' ? 'ok' : 'error'}`}>{job.message}</p>
      )}
      {!running && (
        <dl className="counts">
          <div>
            <dt>{job.dry_run ? 'Would insert' : 'Inserted'}</dt>
            <dd data-testid="count-inserted">{job.inserted}</dd>
          </div>
          <div>
            <dt>Duplicates skipped</dt>
            <dd data-testid="count-duplicates">{job.duplicates}</dd>
          </div>
          <div>
            <dt>Errors</dt>
            <dd data-testid="count-errors" className={job.error_count ? 'overdue' : ''}>
              {job.error_count}
            </dd>
          </div>
          {Boolean(job.customers_created) && (
            <div>
              <dt>New customers</dt>
              <dd>{job.customers_created}</dd>
            </div>
          )}
          {Boolean(job.receipts_created) && (
            <div>
              <dt>Receipts for settled invoices</dt>
              <dd>{job.receipts_created}</dd>
            </div>
          )}
        </dl>
      )}
      {errors.length > 0 && (
        <div className="grid-scroll short">
          <table className="grid compact" data-testid="error-report">
            <caption>
              Rows with problems
              {job.error_count > errors.length ? ` (first ${errors.length} of ${job.error_count})` : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  Line
                </th>
                <th scope="col">Column</th>
                <th scope="col">Problem</th>
                <th scope="col">Value</th>
              </tr>
            </thead>
            <tbody>
              {errors.map((e, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: one line may have several errors
                <tr key={`${e.line}-${i}`}>
                  <td className="num">{e.line}</td>
                  <td>{e.column ?? ''}</td>
                  <td>{e.reason}</td>
                  <td className="mono">{e.value ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
