import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseAmount } from '../money.ts';
import { type CamtStatementDetail, parseCamt, parseCamtDetailed } from './camt.ts';
import { type ParsedStatement, StatementParseError } from './types.ts';

const FIXTURES = new URL('./fixtures/', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, FIXTURES), 'utf8');

interface ExpectedBalance {
  type: string;
  amount: string;
  currency: string;
  indicator: string;
  date: string;
}
interface ExpectedEntry {
  amount: string;
  currency: string;
  indicator: string;
  status: string;
  booking_date: string;
  value_date: string | null;
  account_servicer_reference: string | null;
  references: Record<string, string>;
  remittance: string[];
}
interface Expected {
  message: string;
  statements: { id: string; account: string; balances: ExpectedBalance[]; entries: ExpectedEntry[] }[];
}

const ITEM: Record<string, string> = {
  BkToCstmrStmt: 'Stmt',
  BkToCstmrAcctRpt: 'Rpt',
  BkToCstmrDbtCdtNtfctn: 'Ntfctn',
};
const FORMAT: Record<string, string> = {
  BkToCstmrStmt: 'camt.053',
  BkToCstmrAcctRpt: 'camt.052',
  BkToCstmrDbtCdtNtfctn: 'camt.054',
};
const signed = (amount: string, currency: string, indicator: string) => {
  const minor = parseAmount(amount, currency);
  return indicator === 'DBIT' ? -minor : minor;
};

const fixtures = ['camt', 'camt-extra'].flatMap((dir) =>
  readdirSync(new URL(`${dir}/`, FIXTURES))
    .filter((f) => f.endsWith('.xml'))
    .map((f) => `${dir}/${f}`),
);

test('every camt fixture has an expected result', () => {
  assert.ok(fixtures.length >= 12, `found ${fixtures.length}`);
});

for (const fixture of fixtures) {
  test(`${fixture} reads as its expected JSON says`, () => {
    const expected = JSON.parse(read(fixture.replace(/\.xml$/, '.expected.json'))) as Expected;
    const doc = parseCamtDetailed(read(fixture));
    assert.equal(doc.message, expected.message);
    assert.deepEqual(
      parseCamt(read(fixture)),
      doc.statements.map((s) => s.statement),
    );
    assert.equal(doc.statements.length, expected.statements.length);
    expected.statements.forEach((want, s) => {
      const got = doc.statements[s]!;
      const where = `${fixture} statement ${s + 1}`;
      assert.equal(got.id, want.id, where);
      assert.equal(
        got.statement.statementId,
        got.electronicSequenceNumber ? `${want.id}/${got.electronicSequenceNumber}` : want.id,
        where,
      );
      assert.equal(got.statement.account, want.account, where);
      assert.equal(got.statement.format, FORMAT[expected.message], where);
      assert.deepEqual(
        got.balances,
        want.balances.map((b) => ({
          type: b.type,
          amount: signed(b.amount, b.currency, b.indicator),
          currency: b.currency,
          date: b.date,
        })),
        where,
      );
      checkOpeningClosing(got);

      assert.equal(got.entries.length, want.entries.length, where);
      want.entries.forEach((w, e) => {
        const { entry, ...detail } = got.entries[e]!;
        const at = `${where} entry ${e + 1}`;
        assert.equal(entry.amount, signed(w.amount, w.currency, w.indicator), at);
        assert.equal(entry.currency, w.currency, at);
        assert.equal(detail.indicator, w.indicator, at);
        assert.equal(detail.status, w.status, at);
        assert.equal(entry.bookingDate, w.booking_date, at);
        assert.equal(entry.valueDate, w.value_date, at);
        assert.equal(entry.bankReference, w.account_servicer_reference, at);
        const unknown = Object.keys(w.references).filter(
          (k) => !['EndToEndId', 'InstrId', 'DebtorName'].includes(k),
        );
        assert.deepEqual(unknown, [], `${at}: the test does not compare these references yet`);
        assert.equal(entry.endToEndId, w.references.EndToEndId ?? null, at);
        assert.equal(detail.instructionId, w.references.InstrId ?? null, at);
        assert.equal(detail.debtorName, w.references.DebtorName ?? null, at);
        assert.deepEqual(detail.remittanceLines, w.remittance, at);
        if (w.remittance.length) assert.equal(entry.remittance, w.remittance.join('\n'), at);
        assert.equal(
          entry.source,
          `Document/${expected.message}/${ITEM[expected.message]}[${s + 1}]/Ntry[${e + 1}]`,
        );
      });
      const booked = got.entries.filter((e) => e.status === 'BOOK').map((e) => e.entry);
      assert.deepEqual(got.statement.entries, booked, where);
    });
  });
}

function checkOpeningClosing({ balances, statement }: CamtStatementDetail) {
  const first = (type: string) => balances.find((b) => b.type === type);
  const plain = (b: { amount: bigint; currency: string; date: string } | undefined) =>
    b ? { amount: b.amount, currency: b.currency, date: b.date } : null;
  assert.deepEqual(statement.opening, plain(first('OPBD') ?? first('PRCD')));
  const interim =
    statement.format === 'camt.052' ? balances.filter((b) => b.type === 'ITBD').at(-1) : undefined;
  assert.deepEqual(statement.closing, plain(first('CLBD') ?? interim));
}

function balances(statement: ParsedStatement) {
  const total = statement.entries.reduce((sum, e) => sum + e.amount, 0n);
  return { opening: statement.opening?.amount, total, closing: statement.closing?.amount };
}

test('camt.053.001.08: Pty/Nm names, BICFI, NtryRef, NOTPROVIDED, invoice numbers, AddtlNtryInf', () => {
  const [statement] = parseCamt(read('camt-extra/camt053.v8.xml'));
  assert.equal(statement!.statementId, '0532013000-2024-03-05/45');
  assert.equal(statement!.currency, 'EUR');
  assert.deepEqual(statement!.opening, { amount: 1_000_000n, currency: 'EUR', date: '2024-03-04' });
  const { opening, total, closing } = balances(statement!);
  assert.equal(opening! + total, closing);
  const [credit, debit, invoices, charge] = statement!.entries;
  assert.deepEqual(credit!.counterparty, {
    name: 'Müller Maschinenbau GmbH',
    account: 'DE02120300000000202051',
    bankCode: 'BYLADEM1001',
  });
  assert.equal(credit!.transactionCode, 'PMNT/RCDT/ESCT');
  assert.equal(credit!.reference, null);
  assert.equal(credit!.remittance, 'RE-2024-0117 Kd-Nr 4711', 'RmtInf wins over AddtlNtryInf');
  assert.equal(debit!.amount, -25_000n);
  assert.equal(debit!.reference, 'OUT-4471');
  assert.equal(debit!.endToEndId, null);
  assert.deepEqual(debit!.counterparty, {
    name: 'Stadtwerke Köln GmbH',
    account: 'DE02500105170137075030',
    bankCode: 'INGDDEFFXXX',
  });
  assert.equal(invoices!.remittance, 'INV-1001\nINV-1002');
  assert.equal(invoices!.counterparty?.name, 'Schmidt & Partner KG', 'the debtor before the ultimate debtor');
  assert.equal(charge!.counterparty, null);
  assert.equal(charge!.remittance, 'Kontofuehrung 02/2024');
  assert.equal(charge!.transactionCode, 'ACMT/MDOP/CHRG');
  assert.equal(charge!.reversal, false);
});

test('camt.053.001.13: DtTm booking day, routing number as bank code, a reversal keeps the original parties', () => {
  const doc = parseCamtDetailed(read('camt-extra/camt053.v13.xml'));
  assert.equal(doc.version, 13);
  const statement = doc.statements[0]!.statement;
  assert.equal(statement.statementId, 'NL91ABNA0417164300-20241129/334');
  assert.deepEqual(statement.opening, { amount: -25_000n, currency: 'EUR', date: '2024-11-28' });
  const { opening, total, closing } = balances(statement);
  assert.equal(opening! + total, closing);
  const [wire, reversal, fee] = statement.entries;
  assert.equal(wire!.bookingDate, '2024-11-29');
  assert.equal(wire!.reference, '0001');
  assert.deepEqual(wire!.counterparty, { name: 'ACME Corp', account: '000123456789', bankCode: '026009593' });
  assert.equal(reversal!.reversal, true);
  assert.equal(reversal!.amount, 8_995n);
  assert.equal(reversal!.transactionCode, 'PMNT/IDDT/UPDD');
  assert.deepEqual(reversal!.counterparty, {
    name: 'KPN B.V.',
    account: 'NL20INGB0001234567',
    bankCode: 'INGBNL2A',
  });
  assert.equal(fee!.transactionCode, 'KOSTEN');
  assert.equal(fee!.remittance, 'Kosten betalingsverkeer november');
});

test("camt.054.001.08: a batch entry stays one line, with every payment's reference", () => {
  const [statement] = parseCamt(read('camt-extra/camt054.v8.xml'));
  assert.equal(statement!.format, 'camt.054');
  assert.equal(statement!.currency, 'CHF');
  assert.equal(statement!.opening, null);
  assert.equal(statement!.closing, null);
  assert.equal(statement!.entries.length, 2);
  const [batch, single] = statement!.entries;
  assert.equal(batch!.amount, 325_000n);
  assert.equal(batch!.bankReference, '20240612000123456');
  assert.equal(batch!.endToEndId, null);
  assert.equal(batch!.counterparty, null, 'three payers are not one counterparty');
  assert.equal(
    batch!.remittance,
    '000000000000002024000110019\n000000000000002024000110027\n000000000000002024000110051',
  );
  assert.equal(batch!.transactionCode, 'PMNT/RCDT/VCOM');
  assert.deepEqual(single!.counterparty, {
    name: 'Fischer Consulting',
    account: 'DE75512108001245126199',
    bankCode: 'SOGEDEFFXXX',
  });
});

test('a batch whose transactions agree keeps their shared facts', () => {
  const [entry] = parseCamtDetailed(read('camt/camt054.v2.xml')).statements[0]!.entries;
  assert.equal(entry!.entry.endToEndId, 'MUELL/FINP/RA12345');
  assert.equal(entry!.debtorName, 'MUELLER');
  assert.equal(entry!.entry.counterparty, null, 'a debit names the creditor side, which the file leaves out');
});

test('camt.052: pending entries are left out of the statement, ITBD closes an intraday report', () => {
  const doc = parseCamtDetailed(read('camt/camt052.v6.Amt-zero.xml'));
  const [detail] = doc.statements;
  assert.equal(detail!.entries.length, 1);
  assert.equal(detail!.entries[0]!.status, 'PDNG');
  assert.deepEqual(detail!.statement.entries, []);
  assert.deepEqual(detail!.statement.closing, { amount: 1_002_215n, currency: 'CHF', date: '2020-04-04' });
  const [report] = parseCamt(read('camt/camt052.v2.xml'));
  assert.equal(report!.entries[0]!.remittance, 'Credit', 'AddtlNtryInf when there is no RmtInf');
  assert.deepEqual(report!.entries[0]!.counterparty, {
    name: 'Company Name',
    account: 'NL56AGDH9619008421',
    bankCode: 'BANKCHZHXXX',
  });
  assert.equal(report!.entries[0]!.transactionCode, 'PAYM/0001/0003');
});

test('namespace prefixes and every version from .001.02 to .001.13 are read', () => {
  const v8 = read('camt-extra/camt053.v8.xml');
  const prefixed = v8.replace(/<(\/?)([A-Za-z]\w*)/g, '<$1ns2:$2').replace('xmlns="', 'xmlns:ns2="');
  assert.deepEqual(parseCamt(prefixed), parseCamt(v8));
  for (let n = 2; n <= 13; n++) {
    const nn = String(n).padStart(2, '0');
    for (const [type, from] of [
      ['053', v8],
      ['054', read('camt-extra/camt054.v8.xml')],
      ['052', read('camt/camt052.v6.Amt-zero.xml')],
    ] as const) {
      const text = from.replace(/xsd:camt\.05\d\.001\.\d\d/, `xsd:camt.${type}.001.${nn}`);
      assert.equal(parseCamtDetailed(text).version, n, `camt.${type}.001.${nn}`);
    }
  }
});

const minimal = read('camt/camt053.v2.multi.statement.xml');

function rejects(text: string, location: string | RegExp, message: RegExp) {
  assert.throws(
    () => parseCamt(text),
    (error: unknown) => {
      assert.ok(error instanceof StatementParseError, String(error));
      if (typeof location === 'string') assert.equal(error.location, location);
      else assert.match(error.location, location);
      assert.match(error.message, message);
      return true;
    },
  );
}

test('a missing or invalid amount names its element', () => {
  const second = 'Document/BkToCstmrStmt/Stmt[2]/Ntry[1]/Amt';
  rejects(minimal.replace('<Amt Ccy="EUR">7.00</Amt>', ''), second, /missing amount/);
  rejects(
    minimal.replace('<Amt Ccy="EUR">7.00</Amt>', '<Amt Ccy="EUR">7,00</Amt>'),
    second,
    /"7,00" is not a decimal amount/,
  );
  rejects(
    minimal.replace('<Amt Ccy="EUR">7.00</Amt>', '<Amt Ccy="EUR">7.005</Amt>'),
    second,
    /at most 2 decimals/,
  );
  rejects(minimal.replace('<Amt Ccy="EUR">7.00</Amt>', '<Amt Ccy="EUR">-7.00</Amt>'), second, /negative/);
  rejects(
    minimal.replace('<Amt Ccy="EUR">7.00</Amt>', '<Amt Ccy="XYZ">7.00</Amt>'),
    second,
    /unknown currency "XYZ"/,
  );
  rejects(minimal.replace('<Amt Ccy="EUR">7.00</Amt>', '<Amt>7.00</Amt>'), second, /missing Ccy/);
  rejects(
    minimal.replace('<Amt Ccy="EUR">27.00</Amt>', '<Amt Ccy="EUR">27.0.0</Amt>'),
    'Document/BkToCstmrStmt/Stmt[1]/Bal[2]/Amt',
    /not a decimal/,
  );
  rejects(
    minimal.replace('<CdtDbtInd>DBIT</CdtDbtInd>', '<CdtDbtInd>D</CdtDbtInd>'),
    'Document/BkToCstmrStmt/Stmt[2]/Ntry[1]/CdtDbtInd',
    /neither CRDT nor DBIT/,
  );
  rejects(
    minimal.replace('<Dt>2014-12-31</Dt>\n                </BookgDt>', '<Dt>2014-12-32</Dt></BookgDt>'),
    /Stmt\[1\]\/Ntry\[1\]\/BookgDt$/,
    /invalid/,
  );
});

test('broken XML is rejected with its line', () => {
  rejects(minimal.slice(0, 2000), 'line 56', /ends inside Document\/BkToCstmrStmt\/Stmt\/Bal\/Tp\/CdOrPrtry/);
  rejects(minimal.replace('</Ntry>', '</Entry>'), /^line \d+$/, /not well-formed XML/);
  rejects('', /^line/, /XML/);
  rejects('{"not": "xml"}', /^line/, /XML/);
});

test('other XML and other ISO 20022 messages are rejected, saying what they are', () => {
  const pain =
    '<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"><CstmrCdtTrfInitn/></Document>';
  rejects(pain, 'Document', /pain\.001\.001\.09 is not a camt\.052, camt\.053 or camt\.054 document/);
  rejects('<html><body>statement</body></html>', 'html', /root element is <html>/);
  rejects(
    '<Document><CstmrCdtTrfInitn/></Document>',
    'Document',
    /<CstmrCdtTrfInitn> is not a bank-to-customer/,
  );
  rejects(
    minimal.replace('camt.053.001.02', 'camt.053.001.14'),
    'Document',
    /camt\.053\.001\.14 is not supported \(versions \.001\.02 to \.001\.13 are\)/,
  );
  rejects(minimal.replace('camt.053.001.02', 'camt.053.001.01'), 'Document', /not supported/);
  rejects(
    minimal.replace('camt.053.001.02', 'camt.052.001.02'),
    'Document/BkToCstmrStmt',
    /namespace says camt\.052, but <BkToCstmrStmt> is camt\.053/,
  );
  rejects(minimal.replace('camt.053.001.02', 'camt.060.001.02'), 'Document', /is not a camt/);
  rejects(
    `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]>${minimal.replace(/^<\?xml[^>]*>/, '')}`,
    'line 1',
    /DOCTYPE/,
  );
  rejects(
    '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><GrpHdr/></BkToCstmrStmt></Document>',
    'Document/BkToCstmrStmt',
    /no Stmt/,
  );
});

test('a file without a namespace is read by its message element', () => {
  const doc = parseCamtDetailed(minimal.replace(/ xmlns="[^"]*"/, ''));
  assert.equal(doc.version, null);
  assert.equal(doc.format, 'camt.053');
  assert.equal(doc.statements.length, 2);
});
