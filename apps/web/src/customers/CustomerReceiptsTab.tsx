import { useNavigate } from 'react-router';
import { ErrorBanner } from '../lib/forms.tsx';
import { usePagedList } from '../lib/hooks.ts';
import type { CustomerFull, Receipt } from '../lib/types.ts';
import { Empty, LoadMore } from '../lib/ui.tsx';
import { ReceiptTable } from '../receipts/ReceiptTable.tsx';

export function CustomerReceiptsTab({ customer }: { customer: CustomerFull }) {
  const list = usePagedList<Receipt>('receipts', '/receipts', { customer_id: customer.id, limit: 50 });
  const navigate = useNavigate();
  if (list.isPending) return <p role="status">Loading receipts…</p>;
  if (list.error) return <ErrorBanner error={list.error} />;
  if (list.rows.length === 0) return <Empty>No receipts from this customer yet.</Empty>;
  return (
    <>
      <ReceiptTable rows={list.rows} showCustomer={false} onOpen={(r) => navigate(`/receipts/${r.id}`)} />
      <LoadMore
        hasMore={Boolean(list.hasNextPage)}
        loading={list.isFetchingNextPage}
        onClick={() => list.fetchNextPage()}
        shown={list.rows.length}
      />
    </>
  );
}
