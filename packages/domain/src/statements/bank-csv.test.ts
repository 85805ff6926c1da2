import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { DomainError } from '../errors.ts';
import { type BankRowsOptions, parseBankRows } from './bank-csv.ts';
import { type ParsedStatement, StatementParseError } from './types.ts';

const fixture = (name: string): string[][] =>
  parse(readFileSync(new URL(`./fixtures/bank-csv/${name}`, import.meta.url), 'utf8'), { relax_column_count: true });
const csv = (text: string): string[][] => parse(text, { relax_column_count: true });

function statement(rows: string[][], options?: BankRowsOptions): ParsedStatement {
  const statements = parseBankRows(rows, options);
  assert.equal(statements.length, 1);
  return statements[0]!;
}

/** Opening + entries = closing, as checkStatementBalance will see it. */
function assertBalances(s: ParsedStatement) {
  const total = s.entries.reduce((sum, e) => sum + e.amount, 0n);
  assert.ok(s.opening && s.closing, 'opening and closing stated');
  assert.equal(s.opening.amount + total, s.closing.amount);
}

function assertParseError(fn: () => unknown, location: string, message: RegExp) {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof StatementParseError, String(error));
    assert.equal(error.location, location);
    assert.match(error.message, message);
    return true;
  });
}

test('HDFC netbanking export: account, period, summary and every row', () => {
  const s = statement(fixture('hdfc.csv'));
  assert.equal(s.format, 'bank-csv');
  assert.equal(s.account, '50200012345678');
  assert.equal(s.currency, 'INR');
  assert.equal(s.statementId, null);
  assert.deepEqual(s.opening, { amount: 24531050n, currency: 'INR', date: '2024-04-01' });
  assert.deepEqual(s.closing, { amount: 101973650n, currency: 'INR', date: '2024-04-30' });
  assert.equal(s.entries.length, 13);
  assertBalances(s);

  assert.deepEqual(s.entries[0], {
    amount: 11800000n,
    currency: 'INR',
    bookingDate: '2024-04-01',
    valueDate: '2024-04-01',
    reference: 'N092241234567890',
    bankReference: 'N092241234567890',
    endToEndId: null,
    counterparty: { name: 'ACME TRADERS PVT LTD', account: null, bankCode: 'ICIC0000104' },
    remittance: 'NEFT CR-ICIC0000104-ACME TRADERS PVT LTD-SHREE GANESH ENGINEERING-INV 2024 113-N092241234567890',
    transactionCode: 'NEFT',
    reversal: false,
    source: 'row 28',
  });
  const [, upi, imps, cheque, rtgs, returned, charge, neftOut] = s.entries;
  // HDFC pads references with zeros to 16 digits.
  assert.equal(upi!.reference, '409212345678');
  assert.equal(upi!.bankReference, '409212345678');
  assert.deepEqual(upi!.counterparty, { name: 'RAMESH KUMAR', account: 'ramesh.k@okhdfcbank', bankCode: 'HDFC0001234' });
  assert.equal(upi!.transactionCode, 'UPI');
  assert.equal(imps!.reference, '409315678901', 'the Chq./Ref.No. as written, not the RRN');
  assert.equal(imps!.bankReference, '409312345678');
  assert.deepEqual(imps!.counterparty, { name: 'MERIDIAN SOLAR EPC', account: 'xxxxxxx4521', bankCode: null });
  assert.equal(cheque!.reference, '456789', 'cheque number from 000000456789');
  assert.equal(cheque!.transactionCode, 'CHEQUE');
  assert.equal(cheque!.counterparty, null);
  assert.equal(rtgs!.amount, 59000000n);
  assert.equal(rtgs!.bankReference, 'UTIBR52024040800012345');
  assert.equal(returned!.amount, -4720000n);
  assert.equal(returned!.reversal, true);
  assert.equal(returned!.valueDate, '2024-04-05', 'a return is valued on the day of the deposit');
  assert.equal(charge!.amount, -35400n);
  assert.equal(charge!.reversal, false, 'the charge for a return returns nothing');
  assert.equal(neftOut!.amount, -23600000n);
  assert.deepEqual(neftOut!.counterparty, { name: 'PUNE STEEL SUPPLIERS', account: null, bankCode: 'HDFC0000789' });
  const tpt = s.entries[10]!;
  assert.equal(tpt.reference, '320141224');
  assert.deepEqual(tpt.counterparty, { name: 'JV INDUSTRIES', account: '50200034218363', bankCode: null });
  const cash = s.entries[12]!;
  assert.equal(cash.reference, null, 'all zeros is no reference');
  assert.equal(cash.transactionCode, 'CASH');
  assert.equal(cash.source, 'row 40');
});

test('HDFC "Delimited" download: no heading, space-padded cells, 0.00 in the unused column', () => {
  const s = statement(
    csv(
      ' Date     ,Narration                                                       ,Value Dat,Debit Amount       ,Credit Amount      ,Chq/Ref Number   ,Closing Balance\n' +
        ' 03/02/26 ,UPI-SWIGGY-SWIGGY.ORDER@ICICI-ICIC0DC0099-603412345678-PAYMENT  ,03/02/26 ,           450.00  ,             0.00  ,0000603412345678 ,       39550.00\n' +
        ' 05/02/26 ,UPI-SWIGGY-SWIGGY.ORDER@ICICI-ICIC0DC0099-603412345678-REVERSAL ,05/02/26 ,             0.00  ,           450.00  ,0000603412345678 ,       40000.00\n',
    ),
    { layout: 'hdfc' },
  );
  assert.deepEqual(
    s.entries.map((e) => [e.bookingDate, e.amount, e.reference, e.bankReference, e.reversal]),
    [
      ['2026-02-03', -45000n, '603412345678', '603412345678', false],
      ['2026-02-05', 45000n, '603412345678', '603412345678', true],
    ],
  );
  assert.deepEqual(s.opening, { amount: 4000000n, currency: 'INR', date: '2026-02-03' }, 'first balance less its amount, on the first day');
  assert.deepEqual(s.closing, { amount: 4000000n, currency: 'INR', date: '2026-02-05' });
  assert.equal(s.account, null);
});

test('ICICI retail export: table one column in, Value Date before Transaction Date', () => {
  const s = statement(fixture('icici.csv'));
  assert.equal(s.account, '123405001234');
  assert.deepEqual(s.opening, { amount: 31245075n, currency: 'INR', date: '2024-04-01' });
  assert.deepEqual(s.closing, { amount: 102016475n, currency: 'INR', date: '2024-04-30' });
  assert.equal(s.entries.length, 12);
  assertBalances(s);
  const [neft, upi, imps, clg, , returned, charge, outward] = s.entries;
  assert.equal(neft!.source, 'row 14');
  assert.equal(neft!.reference, null, '"-" is no cheque number');
  assert.equal(neft!.bankReference, 'HDFCN52024040112345678');
  assert.deepEqual(neft!.counterparty, { name: 'ACME TRADERS PVT LTD', account: '50200012345678', bankCode: 'HDFC0000123' });
  assert.equal(upi!.bankReference, '409212345678');
  assert.deepEqual(upi!.counterparty, { name: null, account: 'ramesh.k@okaxis', bankCode: null });
  assert.deepEqual(imps!.counterparty, { name: 'MERIDIAN S', account: null, bankCode: 'SBIN0004521' });
  assert.equal(clg!.reference, '456789');
  assert.equal(clg!.counterparty?.name, 'KAVERI AGENCIES');
  assert.equal(returned!.reversal, true);
  assert.equal(returned!.amount, -4720000n);
  assert.equal(charge!.reversal, false);
  assert.equal(outward!.bankReference, 'IN41234567890123');
});

test('ICICI corporate "DETAILED STATEMENT": one amount with Cr/Dr, posting times, an overdraft', () => {
  const s = statement(fixture('icici-detailed.csv'));
  assert.equal(s.account, '123405009876');
  assert.deepEqual(s.opening, { amount: 15000000n, currency: 'INR', date: '2024-04-01' });
  assert.deepEqual(s.closing, { amount: -1714500n, currency: 'INR', date: '2024-04-30' });
  assertBalances(s);
  assert.deepEqual(
    s.entries.map((e) => [e.bookingDate, e.amount, e.reference]),
    [
      ['2024-04-01', -23600000n, 'S10234567'],
      ['2024-04-02', 2360000n, 'S10998877'],
      ['2024-04-03', 5900000n, 'S11223344'],
      ['2024-04-05', 20000000n, 'S12345678'],
      ['2024-04-08', -33039300n, 'S13579246'],
      ['2024-04-10', 11800000n, '000457'],
      ['2024-04-15', -11800n, 'S15793468'],
      ['2024-04-30', -123400n, 'S16804579'],
    ],
  );
  assert.equal(s.entries[3]!.counterparty?.name, 'NAVKAR STEEL INDUSTRIES');
  assert.equal(s.entries[4]!.bankReference, 'ICICR42024040800574498');
});

test('SBI export: "1 Apr 2024" dates, zero-padded account, transfer references', () => {
  const s = statement(fixture('sbi.csv'));
  assert.equal(s.account, '32145678901');
  assert.deepEqual(s.opening, { amount: 40522000n, currency: 'INR', date: '2024-04-01' });
  assert.deepEqual(s.closing, { amount: 115656900n, currency: 'INR', date: '2024-04-30' });
  assert.equal(s.entries.length, 12);
  assertBalances(s);
  const [neft, upi, imps, clg, rtgs, returned, charge, outward, upiOut] = s.entries;
  assert.equal(neft!.reference, 'TRANSFER FROM 98765432109');
  assert.equal(neft!.bankReference, 'N092241234567890');
  assert.deepEqual(neft!.counterparty, { name: 'ACME TRADERS PVT', account: null, bankCode: 'HDFC0000123' });
  assert.equal(neft!.source, 'row 19');
  assert.deepEqual(upi!.counterparty, { name: 'RAMESH K', account: 'ramesh.k@o', bankCode: null });
  assert.equal(imps!.bankReference, '409312345678');
  assert.equal(imps!.transactionCode, 'IMPS');
  assert.equal(clg!.transactionCode, 'CHEQUE');
  assert.equal(rtgs!.transactionCode, 'RTGS');
  assert.equal(returned!.reversal, true);
  assert.equal(charge!.reversal, false);
  assert.equal(outward!.amount, -23600000n);
  assert.equal(upiOut!.bankReference, '410512345678');
});

test('Axis export: OPENING BALANCE row in the table, CLOSING BALANCE after it', () => {
  const s = statement(fixture('axis.csv'));
  assert.equal(s.account, '917020012345678');
  assert.deepEqual(s.opening, { amount: 15230000n, currency: 'INR', date: '2024-04-01' });
  assert.deepEqual(s.closing, { amount: 87830680n, currency: 'INR', date: '2024-04-30' });
  assert.equal(s.entries.length, 12);
  assertBalances(s);
  const [neft, upi, imps, clg, , returned, charge, outward, , mob, , gst] = s.entries;
  assert.equal(neft!.source, 'row 18');
  assert.equal(neft!.valueDate, null, 'Axis prints no value date');
  assert.equal(neft!.bankReference, 'HDFCN52024040112345678');
  assert.equal(upi!.counterparty?.name, 'RAMESH KUMAR');
  assert.equal(imps!.counterparty?.name, 'MERIDIANSO');
  assert.equal(clg!.reference, '456789');
  assert.equal(returned!.reversal, true);
  assert.equal(returned!.reference, '456789');
  assert.equal(charge!.reversal, false);
  assert.equal(outward!.bankReference, 'UTIBN52024041212345678');
  assert.deepEqual(mob!.counterparty, { name: 'BHARAT FORGE SUPP', account: '917010098765432', bankCode: null });
  assert.equal(gst!.amount, -10620n);
});

test('Kotak export: opening stated above the table, summary below', () => {
  const s = statement(fixture('kotak.csv'));
  assert.equal(s.account, '4612345678');
  assert.deepEqual(s.opening, { amount: 20145025n, currency: 'INR', date: '2024-04-01' });
  assert.deepEqual(s.closing, { amount: 92795855n, currency: 'INR', date: '2024-04-30' });
  assert.equal(s.entries.length, 11);
  assertBalances(s);
  const [neft, upi, imps, , rtgs, returned] = s.entries;
  assert.equal(neft!.reference, 'NEFTINW-0123456789');
  assert.equal(neft!.bankReference, 'KKBKH24092123456');
  assert.deepEqual(neft!.counterparty, { name: 'ACME TRADERS PVT LTD', account: null, bankCode: 'HDFC0000123' });
  assert.equal(upi!.reference, 'UPI-409212345678');
  assert.equal(upi!.counterparty?.name, 'RAMESH KUMAR');
  assert.deepEqual(imps!.counterparty, { name: 'MERIDIAN SOLAR', account: 'X4521', bankCode: null });
  assert.equal(rtgs!.bankReference, 'UTIBR52024040800012345');
  assert.equal(returned!.reversal, true);
});

test('Kotak Amount + Dr / Cr layout: the second Dr / Cr is the balance\'s, debit balances are negative', () => {
  const s = statement(fixture('kotak-drcr.csv'));
  assert.equal(s.account, '4612345999');
  assert.deepEqual(s.opening, { amount: -1250000n, currency: 'INR', date: '2024-04-01' });
  assert.deepEqual(s.closing, { amount: -2500n, currency: 'INR', date: '2024-04-30' });
  assertBalances(s);
  assert.deepEqual(
    s.entries.map((e) => [e.bookingDate, e.amount]),
    [
      ['2024-04-01', 9143900n],
      ['2024-04-02', 2360000n],
      ['2024-04-03', 5900000n],
      ['2024-04-05', -23600000n],
      ['2024-04-08', 9000000n],
      ['2024-04-09', -1500000n],
      ['2024-04-15', -35400n],
      ['2024-04-30', -21000n],
    ],
  );
  assert.equal(s.entries[0]!.counterparty?.name, 'T V THANGARAJ AND SONS');
});

test('newest-first listings come out oldest first, sources still naming the file rows', () => {
  const rows = fixture('hdfc.csv');
  const table = rows.slice(27, 40).reverse();
  const reversed = [...rows.slice(0, 27), ...table, ...rows.slice(40)];
  const s = statement(reversed);
  const original = statement(rows);
  assert.deepEqual(
    s.entries.map((e) => [e.bookingDate, e.amount]),
    original.entries.map((e) => [e.bookingDate, e.amount]),
  );
  assert.equal(s.entries[0]!.source, 'row 40');
  assert.equal(s.entries[12]!.source, 'row 28');
  assert.deepEqual(s.opening, original.opening);
  assert.deepEqual(s.closing, original.closing);
});

test('same-day rows newest first are told apart by the running balance alone', () => {
  const s = statement(
    csv(`Date,Narration,Chq./Ref.No.,Value Dt,Withdrawal Amt.,Deposit Amt.,Closing Balance
02/04/24,NEFT DR-HDFC0000789-PUNE STEEL-HDFCN52024040212345678,,02/04/24,"10,000.00",,"1,05,000.00"
02/04/24,UPI-RAMESH-ramesh@okaxis-UTIB0000001-409312345678-INV 7,,02/04/24,,"5,000.00","1,15,000.00"
02/04/24,CASH DEPOSIT,,02/04/24,,"10,000.00","1,10,000.00"`),
  );
  assert.deepEqual(s.entries.map((e) => e.amount), [1000000n, 500000n, -1000000n]);
  assert.deepEqual(s.opening?.amount, 10000000n);
  assert.deepEqual(s.closing?.amount, 10500000n);
});

test('XLSX cells: Excel serial and ISO dates, plain numbers, a blank row and a wrapped narration', () => {
  const s = statement([
    ['State Bank of India'],
    ['Account Number', '00000032145678901'],
    ['Txn Date', 'Value Date', 'Description', 'Ref No./Cheque No.', 'Branch Code', 'Debit', 'Credit', 'Balance'],
    ['45383', '45383', 'BY TRANSFER-NEFT*HDFC0000123*N092241234567890*ACME TRADERS PVT*', '', '456', '', '118000', '218000'],
    [],
    ['2024-04-02', '2024-04-02', 'TO TRANSFER-UPI/DR/410512345678/SUNIL HA/YESB/sunilhw@y/Payme--', '', '456', '4720.5', '', '213279.5'],
    ['', '', 'INV 2024 0113 PART', '', '', '', '', ''],
    ['2024-04-03T00:00:00', '', 'CASH DEPOSIT-SELF', '', '456', '', '0.5', '213280'],
  ]);
  assert.deepEqual(
    s.entries.map((e) => [e.bookingDate, e.valueDate, e.amount, e.source]),
    [
      ['2024-04-01', '2024-04-01', 11800000n, 'row 4'],
      ['2024-04-02', '2024-04-02', -472050n, 'row 6'],
      ['2024-04-03', null, 50n, 'row 8'],
    ],
  );
  assert.equal(s.entries[1]!.remittance, 'TO TRANSFER-UPI/DR/410512345678/SUNIL HA/YESB/sunilhw@y/Payme--\nINV 2024 0113 PART');
  assert.deepEqual(s.opening, { amount: 10000000n, currency: 'INR', date: '2024-04-01' });
  assert.equal(s.account, '32145678901');
});

test('a dated B/F row is the opening balance; a narration wrapped onto the next row is read whole', () => {
  const s = statement(
    csv(`,S No.,Value Date,Transaction Date,Cheque Number,Transaction Remarks,Withdrawal Amount (INR ),Deposit Amount (INR ),Balance (INR )
,,01/09/2025,01/09/2025,-,B/F,0.00,0.00,"53,81,584.77"
,1,02/09/2025,02/09/2025,-,NEFT-HDFCN52025090212345678-ACME TRADERS,0.00,"1,18,000.00","54,99,584.77"
,,,,,-PVT LTD-INV 2025 113-50200012345678-HDFC0000123,,,
,2,03/09/2025,03/09/2025,-,CMS TRANSACTION CHARGES,11.80,0.00,"54,99,572.97"`),
  );
  assert.equal(s.entries.length, 2);
  assert.deepEqual(s.opening, { amount: 538158477n, currency: 'INR', date: '2025-09-02' });
  const neft = s.entries[0]!;
  assert.equal(neft.remittance, 'NEFT-HDFCN52025090212345678-ACME TRADERS\n-PVT LTD-INV 2025 113-50200012345678-HDFC0000123');
  assert.deepEqual(neft.counterparty, { name: 'ACME TRADERS', account: '50200012345678', bankCode: 'HDFC0000123' });
  assert.equal(neft.bankReference, 'HDFCN52025090212345678');
});

test('a Dr / Cr after the balance column is the balance\'s side', () => {
  const s = statement(
    csv(`Date,Particulars,Withdrawals,Deposits,Balance,Dr/Cr
01-04-2024,NEFT-HDFCN52024040112345678-ACME,,"1,000.00",500.00,Dr
02-04-2024,CASH DEPOSIT,,"2,000.00","1,500.00",Cr`),
  );
  assert.deepEqual(s.opening?.amount, -150000n);
  assert.deepEqual(s.closing?.amount, 150000n);
  // With one Dr / Cr and a single amount column, the side is the amount's.
  const single = statement(csv(`Date,Description,Amount,Balance,Dr/Cr
01-04-2024,BANK CHARGES,118.00,"9,882.00",Dr`));
  assert.equal(single.entries[0]!.amount, -11800n);
});

test('the table ends at the first row that is not a transaction', () => {
  const s = statement(
    csv(`Date,Narration,Chq./Ref.No.,Value Dt,Withdrawal Amt.,Deposit Amt.,Closing Balance
01/04/24,CASH DEPOSIT,,01/04/24,,"1,000.00","1,000.00"
Total,,,,"0.00","1,000.00",
*** End of statement ***,,,,,,
01/05/24,a later table the parser must not read,,,,abc,`),
  );
  assert.equal(s.entries.length, 1);
});

test('a mapping reads any other bank: Bank of Baroda columns, a signed amount, US dates', () => {
  const s = statement(
    csv(`Bank of Baroda,,,,,,
Account Number : 12340200001234,,,,,,
TRAN DATE,VALUE DATE,NARRATION,CHQ.NO.,WITHDRAWAL(DR),DEPOSIT(CR),BALANCE(INR)
01/04/2024,01/04/2024,NEFT-HDFCN52024040112345678-ACME TRADERS-INV 113,,,"1,18,000.00","2,18,000.00"
02/04/2024,02/04/2024,CHQ PAID-000123-PUNE STEEL,000123,"18,000.00",,"2,00,000.00"`),
    { mapping: { date: 'TRAN DATE', valueDate: 'VALUE DATE', description: 'NARRATION', reference: 'CHQ.NO.', debit: 'WITHDRAWAL(DR)', credit: 'DEPOSIT(CR)', balance: 'BALANCE(INR)' } },
  );
  assert.equal(s.account, '12340200001234');
  assert.deepEqual(s.entries.map((e) => [e.amount, e.reference, e.bankReference]), [
    [11800000n, null, 'HDFCN52024040112345678'],
    [-1800000n, '000123', null],
  ]);
  assert.equal(s.opening?.amount, 10000000n);

  const signed = statement(
    csv(`Posted,Details,Amount
04/15/2024,UPI/ACME/412345678901/INV 9,2500.00
04/16/2024,BANK CHARGES,-35.40`),
    { layout: 'generic', mapping: { date: 'Posted', description: 'Details', amount: 'Amount', dateFormat: 'M/D/YYYY' }, currency: 'USD' },
  );
  assert.deepEqual(signed.entries.map((e) => [e.bookingDate, e.amount, e.currency]), [
    ['2024-04-15', 250000n, 'USD'],
    ['2024-04-16', -3540n, 'USD'],
  ]);
  assert.equal(signed.currency, 'USD');
  assert.equal(signed.opening, null, 'no balance column and no summary: nothing to state');
});

test('a named layout reads only its own bank\'s columns', () => {
  assert.equal(statement(fixture('axis.csv'), { layout: 'axis' }).entries.length, 12);
  assertParseError(() => parseBankRows(fixture('hdfc.csv'), { layout: 'sbi' }), 'row 1', /no table header found: expected SBI columns like Txn Date/);
});

test('no recognisable header', () => {
  assertParseError(() => parseBankRows([]), 'row 1', /^row 1: no table header found: expected columns like Date, Narration, Withdrawal, Deposit$/);
  assertParseError(() => parseBankRows(csv('foo,bar\n1,2\n')), 'row 1', /no table header found/);
  assertParseError(
    () => parseBankRows(fixture('hdfc.csv'), { mapping: { date: 'Posting Date', description: 'Narration', amount: 'Amount' } }),
    'row 1',
    /expected the columns Posting Date, Narration, Amount/,
  );
  assert.throws(() => parseBankRows(fixture('hdfc.csv'), { layout: 'generic' }), DomainError);
  assert.throws(() => parseBankRows(fixture('hdfc.csv'), { mapping: { date: 'Date', description: 'Narration' } }), /debit and credit columns or the amount column/);
  assert.throws(() => parseBankRows(fixture('hdfc.csv'), { currency: 'XYZ' }), /unknown currency/);
});

const HEADER = 'Date,Narration,Chq./Ref.No.,Value Dt,Withdrawal Amt.,Deposit Amt.,Closing Balance';

test('a row whose date or amount cannot be read names the row and the column', () => {
  const one = (row: string) => () => parseBankRows(csv(`HDFC BANK Ltd.\n${HEADER}\n01/04/24,OPENING,,01/04/24,,"1,000.00","1,000.00"\n${row}`));
  assertParseError(one('31/04/24,NEFT CR-X,,31/04/24,,"1,000.00","2,000.00"'), 'row 4', /Date: "31\/04\/24" is not a date/);
  assertParseError(one('02/04/24,NEFT CR-X,,2 Avr 24,,"1,000.00","2,000.00"'), 'row 4', /Value Dt: "2 Avr 24" is not a date/);
  assertParseError(one('02/04/24,NEFT CR-X,,02/04/24,,"1,000.0O","2,000.00"'), 'row 4', /Deposit Amt\.: "1,000.0O" is not an amount/);
  assertParseError(one('02/04/24,NEFT CR-X,,02/04/24,,"1,000.005","2,000.00"'), 'row 4', /Deposit Amt\.: "1,000.005" is not an amount/);
  assertParseError(one('02/04/24,NEFT CR-X,,02/04/24,,"1,000.00",n/a'), 'row 4', /Closing Balance: "n\/a" is not an amount/);
  assertParseError(one('02/04/24,NEFT CR-X,,02/04/24,,,"2,000.00"'), 'row 4', /no amount in Withdrawal Amt\. or Deposit Amt\./);
  assertParseError(one('02/04/24,NEFT CR-X,,02/04/24,"5.00","1,000.00","2,000.00"'), 'row 4', /both Withdrawal Amt\. and Deposit Amt\. hold an amount/);
  const drcr = `Sl.No.,Date,Description,Chq / Ref number,Amount,Dr / Cr,Balance,Dr / Cr\n1,01-Apr-24,X,,"1,000.00",XX,"1,000.00",CR`;
  assertParseError(() => parseBankRows(csv(drcr)), 'row 2', /Dr \/ Cr: "XX" is neither Dr nor Cr/);
});

test('a running balance that does not follow names the row', () => {
  const rows = fixture('hdfc.csv');
  rows[30]![6] = '4,93,100.50';
  assertParseError(
    () => parseBankRows(rows),
    'row 31',
    /^row 31: balance 4,93,100.50 does not follow from the previous balance and this row's amount: 4,45,910.50 \+ 47,200.00 = 4,93,110.50$/,
  );
  const newestFirst = fixture('hdfc.csv');
  const table = newestFirst.slice(27, 40).reverse();
  table[2]![6] = '9,71,000.00';
  assertParseError(() => parseBankRows([...newestFirst.slice(0, 27), ...table]), 'row 30', /balance 9,71,000.00 does not follow/);
});

test('a summary that disagrees with the rows is kept, so the balance check can say so', () => {
  const rows = fixture('kotak.csv');
  rows[10]![1] = '2,01,000.00';
  const s = statement(rows);
  assert.equal(s.opening?.amount, 20100000n);
  assert.equal(s.closing?.amount, 92795855n);
});
