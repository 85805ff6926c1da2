import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../lib/api.ts';
import { ErrorBanner, Field } from '../lib/forms.tsx';
import { DropZone } from './DropZone.tsx';
import { ImportReport } from './ImportReport.tsx';
import { MappingTable } from './MappingTable.tsx';
import { RecentImports } from './RecentImports.tsx';
import { type ImportJob, type ImportKind, type ImportPreview, unmappedRequired } from './types.ts';

const KINDS: { id: ImportKind; label: string }[] = [
  { id: 'invoices', label: 'Invoices' },
  { id: 'customers', label: 'Customers' },
  { id: 'receipts', label: 'Receipts' },
];

/** Poll a running import twice a second: big files report progress as they go. */
export function useImportJob(id: string | null) {
  return useQuery({
    queryKey: ['import', id],
    queryFn: () => api.get<ImportJob>(`/imports/${id}`),
    enabled: Boolean(id),
    refetchInterval: (query) => (query.state.data?.status === 'running' || !query.state.data ? 500 : false),
  });
}

export function ImportsPage() {
  const client = useQueryClient();
  const [kind, setKind] = useState<ImportKind>('invoices');
  const [file, setFile] = useState<File | null>(null);
  const [preset, setPreset] = useState('');
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [savePreset, setSavePreset] = useState('');
  const [createCustomers, setCreateCustomers] = useState(false);
  const [dryRunId, setDryRunId] = useState<string | null>(null);
  const [runId, setRunId] = useState<string | null>(null);

  const reset = () => {
    setDryRunId(null);
    setRunId(null);
  };

  const preview = useMutation({
    mutationFn: (args: { file: File; kind: ImportKind }) => {
      const form = new FormData();
      form.set('kind', args.kind);
      form.set('file', args.file, args.file.name);
      return api.upload<ImportPreview>('/imports/preview', form);
    },
    onSuccess: (p) => {
      setMapping({ ...p.suggested_mapping });
      // A built-in preset that recognises the file (IBM, Tally) needs no mapping at all.
      setPreset(p.detected_preset ?? '');
    },
  });

  const choose = (next: File | null, nextKind = kind) => {
    setFile(next);
    reset();
    preview.reset();
    if (next) preview.mutate({ file: next, kind: nextKind });
  };

  const start = useMutation({
    mutationFn: (dryRun: boolean) => {
      if (!file) throw new Error('Choose a file first.');
      const form = new FormData();
      // Fields before the file: the server reads the multipart stream in order.
      form.set('kind', kind);
      form.set('dry_run', String(dryRun));
      if (preset) form.set('preset', preset);
      else form.set('mapping', JSON.stringify(mapping));
      if (!dryRun && !preset && savePreset.trim()) form.set('save_preset', savePreset.trim());
      if (kind !== 'customers' && createCustomers) form.set('create_customers', 'true');
      form.set('file', file, file.name);
      return api.upload<ImportJob>('/imports', form);
    },
    onSuccess: (job, dryRun) => {
      const id = job.id;
      client.setQueryData(['import', id], job);
      if (dryRun) setDryRunId(id);
      else {
        setRunId(id);
        client.invalidateQueries({ queryKey: ['imports'] });
      }
    },
  });

  const dry = useImportJob(dryRunId);
  const run = useImportJob(runId);
  const p = preview.data;
  const missing = p && !preset ? unmappedRequired(p.fields, mapping) : [];
  const busy = start.isPending || dry.data?.status === 'running' || run.data?.status === 'running';

  const runDone = run.data?.status === 'done';
  useEffect(() => {
    // Imported rows change every balance in the app.
    if (runDone)
      for (const key of ['customers', 'customer', 'invoices', 'receipts', 'statement', 'imports'])
        client.invalidateQueries({ queryKey: [key] });
  }, [runDone, client]);

  return (
    <section>
      <div className="page-head">
        <h1>Imports</h1>
      </div>
      <ol className="steps">
        <li>
          <h2>1. What and which file</h2>
          <div className="filters">
            <Field label="Import">
              <select
                value={kind}
                onChange={(e) => {
                  const next = e.target.value as ImportKind;
                  setKind(next);
                  choose(file, next);
                }}
              >
                {KINDS.map((k) => (
                  <option key={k.id} value={k.id}>
                    {k.label}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <DropZone file={file} onFile={(f) => choose(f)} />
          {preview.isPending && <p role="status">Reading the file…</p>}
          <ErrorBanner error={preview.error} />
        </li>

        {p && (
          <li>
            <h2>2. Match the columns</h2>
            <p className="muted">
              {p.headers.length} columns found. Sample of the first {p.sample_rows.length} rows:
            </p>
            {p.warnings.map((w) => (
              <p key={w} className="banner warn">
                {w}
              </p>
            ))}
            <div className="grid-scroll">
              <table className="grid compact sample" data-testid="sample-rows">
                <thead>
                  <tr>
                    {p.headers.map((h) => (
                      <th key={h} scope="col">
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {p.sample_rows.map((row, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: sample rows have no identity but their position
                    <tr key={i}>
                      {p.headers.map((h, j) => (
                        <td key={h}>{row[j] ?? ''}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="filters">
              <Field label="Preset">
                <select
                  value={preset}
                  onChange={(e) => {
                    setPreset(e.target.value);
                    reset();
                  }}
                >
                  <option value="">None: map columns below</option>
                  {p.presets
                    .filter((x) => x.kind === kind)
                    .map((x) => (
                      <option key={x.name} value={x.name}>
                        {x.builtin ? x.label : `${x.name} (saved)`}
                      </option>
                    ))}
                </select>
              </Field>
            </div>
            {!preset && (
              <>
                <MappingTable
                  fields={p.fields}
                  headers={p.headers}
                  mapping={mapping}
                  onChange={(m) => {
                    setMapping(m);
                    reset();
                  }}
                />
                {kind !== 'customers' && (
                  <label className="check">
                    <input
                      type="checkbox"
                      checked={createCustomers}
                      onChange={(e) => {
                        setCreateCustomers(e.target.checked);
                        reset();
                      }}
                    />{' '}
                    Create customers that are not in Duely yet (from the customer code and name columns)
                  </label>
                )}
                <Field
                  label="Save this mapping as a preset named"
                  className="inline"
                  hint="Saved when you import."
                >
                  <input
                    value={savePreset}
                    onChange={(e) => setSavePreset(e.target.value)}
                    placeholder="e.g. tally-branch-ahd"
                  />
                </Field>
              </>
            )}
          </li>
        )}

        {p && (
          <li>
            <h2>3. Check, then import</h2>
            {missing && missing.length > 0 && (
              <p className="banner warn" role="status">
                Required fields not matched: {missing.map((f) => f.label).join(', ')}
              </p>
            )}
            <div className="form-actions">
              <button
                type="button"
                onClick={() => start.mutate(true)}
                disabled={busy || (missing?.length ?? 0) > 0}
              >
                Dry run
              </button>
              <button
                type="button"
                className="primary"
                onClick={() => start.mutate(false)}
                disabled={busy || Boolean(runId) || (missing?.length ?? 0) > 0}
              >
                Import
              </button>
            </div>
            <ErrorBanner error={start.error} />
            {dry.data && <ImportReport job={dry.data} title="Dry run" />}
            <ErrorBanner error={dry.error} />
            {run.data && <ImportReport job={run.data} title="Import" />}
            <ErrorBanner error={run.error} />
          </li>
        )}
      </ol>
      <RecentImports />
    </section>
  );
}
