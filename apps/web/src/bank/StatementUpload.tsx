import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { DropZone } from '../imports/DropZone.tsx';
import { ApiError, api } from '../lib/api.ts';
import { ErrorBanner } from '../lib/forms.tsx';
import type { StatementImport, StatementResult } from './types.ts';

/** What banks and their portals send; the server decides the format by content, not by name. */
const ACCEPT = '.sta,.txt,.940,.xml,.csv,.xlsx,.bai,.bai2';

export function StatementUpload({
  bankAccountId,
  onImported,
  onAccountProblem,
}: {
  bankAccountId: string;
  onImported: (result: StatementImport) => void;
  /** The server could not tell (or would not accept) the account: the page points at the chooser. */
  onAccountProblem: (message: string | null) => void;
}) {
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({
    mutationFn: (args: { file: File; bankAccountId: string }) => {
      const form = new FormData();
      // Fields before the file: the server reads the multipart stream in order.
      if (args.bankAccountId) form.set('bank_account_id', args.bankAccountId);
      form.set('file', args.file, args.file.name);
      return api.upload<StatementImport>('/bank-statements', form);
    },
    onMutate: () => onAccountProblem(null),
    onSuccess: (result) => {
      client.invalidateQueries({ queryKey: ['bank-lines'] });
      onImported(result);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.field === 'bank_account_id') onAccountProblem(error.message);
    },
  });
  const choose = (next: File | null) => {
    setFile(next);
    upload.reset();
    if (next) upload.mutate({ file: next, bankAccountId });
  };
  const accountError = upload.error instanceof ApiError && upload.error.field === 'bank_account_id';
  return (
    <div>
      <DropZone
        onFile={choose}
        disabled={upload.isPending}
        accept={ACCEPT}
        prompt="Drop a bank statement here (MT940/MT942, camt.053/054 XML, BAI2, or the bank's CSV/Excel export)"
        inputLabel="Statement file"
        testId="statement-dropzone"
        // The same file chosen twice must upload twice (to see it is already imported).
        reselect
      />
      {upload.isPending && <p role="status">Reading the statement…</p>}
      <ErrorBanner error={upload.error} />
      {accountError && file && (
        <p className="muted">
          Choose the bank account above, then{' '}
          <button
            type="button"
            className="link"
            onClick={() => upload.mutate({ file, bankAccountId })}
            disabled={!bankAccountId}
          >
            upload again
          </button>
          .
        </p>
      )}
      {upload.data && <ImportResult result={upload.data} />}
    </div>
  );
}

function ImportResult({ result }: { result: StatementImport }) {
  return (
    <section className="report" aria-label="Statement import" data-testid="statement-result">
      <p className={`banner ${result.new_lines > 0 ? 'ok' : 'warn'}`} role="status">
        {result.file_name}: {result.message}
      </p>
      <dl className="counts">
        <div>
          <dt>New lines</dt>
          <dd data-testid="new-lines">{result.new_lines}</dd>
        </div>
        <div>
          <dt>Already imported</dt>
          <dd data-testid="duplicate-lines">{result.duplicate_lines}</dd>
        </div>
      </dl>
      {result.statements.map((s, i) => (
        <StatementRow key={s.statement_id ?? i} s={s} />
      ))}
    </section>
  );
}

function StatementRow({ s }: { s: StatementResult }) {
  return (
    <div className="statement-row" data-testid="statement-row">
      <p className="muted small">
        {s.format.toUpperCase()}
        {s.statement_ref ? ` · statement ${s.statement_ref}` : ''}
        {s.account ? ` · account ${s.account}` : ''} · {s.entries} entries, {s.new_lines} new,{' '}
        {s.duplicate_lines} already imported
        {s.balance_status === 'ok' && <span className="balance-ok"> · balances agree</span>}
      </p>
      {s.balance_status === 'mismatch' && (
        <p className="banner warn" role="alert" data-testid="balance-mismatch">
          The balances do not agree: {s.balance_message}. A line may be missing from the file; check it
          against the bank before trusting matches made from it.
        </p>
      )}
      {s.balance_status === 'unchecked' && s.balance_message && (
        <p className="muted small">Balance not checked: {s.balance_message}.</p>
      )}
      {s.continuity_warning && (
        <p className="banner warn" role="alert" data-testid="continuity-warning">
          {s.continuity_warning}
        </p>
      )}
    </div>
  );
}
