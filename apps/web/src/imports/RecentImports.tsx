import { ErrorBanner } from '../lib/forms.tsx';
import { fmtInstant } from '../lib/dates.ts';
import { usePagedList } from '../lib/hooks.ts';
import { Badge, LoadMore } from '../lib/ui.tsx';
import type { ImportJob } from './types.ts';

export function RecentImports() {
  const list = usePagedList<ImportJob>('imports', '/imports', { limit: 20 });
  if (list.rows.length === 0 && !list.error) return null;
  return (
    <section className="panel" aria-labelledby="recent-title">
      <h2 id="recent-title">Recent imports</h2>
      <ErrorBanner error={list.error} />
      <table className="grid compact">
        <thead>
          <tr>
            <th scope="col">Started</th>
            <th scope="col">Kind</th>
            <th scope="col">File</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Inserted
            </th>
            <th scope="col" className="num">
              Duplicates
            </th>
            <th scope="col" className="num">
              Errors
            </th>
          </tr>
        </thead>
        <tbody>
          {list.rows.map((job) => (
            <tr key={job.id}>
              <td>{fmtInstant(job.created_at)}</td>
              <td>
                {job.kind}
                {job.dry_run ? ' (dry run)' : ''}
              </td>
              <td>{job.file_name ?? ''}</td>
              <td>
                <Badge value={job.status} />
              </td>
              <td className="num">{job.inserted}</td>
              <td className="num">{job.duplicates}</td>
              <td className="num">{job.error_count}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <LoadMore
        hasMore={Boolean(list.hasNextPage)}
        loading={list.isFetchingNextPage}
        onClick={() => list.fetchNextPage()}
        shown={list.rows.length}
      />
    </section>
  );
}
