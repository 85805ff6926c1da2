import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestTenant, useHarness } from '../testing/harness.ts';
import { insertRows, unnestRows } from './bulk.ts';
import { newId } from './ids.ts';

const h = useHarness();

test('rows sent as column arrays arrive as written: nulls, quotes, backslashes, braces, JSON, dates, big amounts', async () => {
  const t = await createTestTenant(h.database);
  const db = h.database.db;
  const tricky = ['He said "paid", \\ done {1,2}', 'NULL', '', 'ज़रूर ₹12,34,567.89'];
  const rows = tricky.map((memo, i) => ({
    tenant_id: t.id,
    entry_id: newId(),
    line_no: i + 1,
    entry_date: `2024-06-0${i + 1}`,
    source_type: 'test',
    source_id: newId(),
    doc_number: i === 0 ? null : `DOC/${i}`,
    account: 'BANK',
    customer_id: null,
    currency: 'INR',
    debit: 9_007_199_254_740_993n + BigInt(i),
    credit: 0n,
    memo,
  }));
  await insertRows(db, 'journal_lines', { tenant_id: 'uuid', entry_id: 'uuid', line_no: 'int2', entry_date: 'date', source_type: 'text', source_id: 'uuid', doc_number: 'text', account: 'text', customer_id: 'uuid', currency: 'bpchar', debit: 'int8', credit: 'int8', memo: 'text' }, rows);
  const back = await db.selectFrom('journal_lines').select(['line_no', 'entry_date', 'doc_number', 'debit', 'memo']).where('tenant_id', '=', t.id).where('source_type', '=', 'test').orderBy('line_no').execute();
  assert.deepEqual(
    back,
    rows.map((r) => ({ line_no: r.line_no, entry_date: r.entry_date, doc_number: r.doc_number, debit: r.debit, memo: r.memo })),
  );
  // A literal 'NULL' stays text, an empty string stays empty: neither becomes SQL NULL.
  assert.equal(back[1]!.memo, 'NULL');
  assert.equal(back[2]!.memo, '');
});

test('an array column goes as text and is cast row by row: tags with a comma and a quote stay whole', async () => {
  const t = await createTestTenant(h.database);
  const db = h.database.db;
  const tags = ['north, zone', 'say "hi"', ''];
  const literal = `{${tags.map((tag) => `"${tag.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
  const id = newId();
  await insertRows(
    db,
    'customers',
    { tenant_id: 'uuid', id: 'uuid', code: 'text', name: 'text', kind: 'text', currency: 'text', time_zone: 'text', tags: 'text::text[]' },
    [{ tenant_id: t.id, id, code: 'TAGS1', name: 'Tagged Traders', kind: 'b2b', currency: 'INR', time_zone: 'Asia/Kolkata', tags: literal as never }],
  );
  const back = await db.selectFrom('customers').select('tags').where('tenant_id', '=', t.id).where('id', '=', id).executeTakeFirstOrThrow();
  assert.deepEqual(back.tags, tags);
});

test('a row field with no column type is refused rather than dropped', () => {
  assert.throws(() => unnestRows<'journal_lines'>({ tenant_id: 'uuid' }, [{ tenant_id: 'x', memo: 'lost' } as never]), /no column type for memo/);
});
