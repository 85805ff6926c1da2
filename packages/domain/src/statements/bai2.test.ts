import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { formatAmount } from '../money.ts';
import { parseBai2 } from './bai2.ts';
import { type ParsedStatement, StatementParseError } from './types.ts';

const FIXTURES = new URL('./fixtures/bai2/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');

function toJson(statements: ParsedStatement[]) {
  const balance = (b: ParsedStatement['opening']) =>
    b ? { amount: formatAmount(b.amount, b.currency), currency: b.currency, date: b.date } : null;
  return statements.map((s) => ({
    account: s.account,
    currency: s.currency,
    statement_id: s.statementId,
    opening: balance(s.opening),
    closing: balance(s.closing),
    entries: s.entries.map((e) => ({
      amount: formatAmount(e.amount, e.currency),
      currency: e.currency,
      booking_date: e.bookingDate,
      value_date: e.valueDate,
      reference: e.reference,
      bank_reference: e.bankReference,
      transaction_code: e.transactionCode,
      remittance: e.remittance,
      source: e.source,
    })),
  }));
}

const fixtures = readdirSync(FIXTURES).filter((f) => f.endsWith('.bai2'));

test('every BAI2 fixture has an expected result', () => {
  assert.ok(fixtures.length >= 3, `found ${fixtures.length}`);
});

for (const fixture of fixtures) {
  test(`${fixture} reads as its expected JSON says`, () => {
    const statements = parseBai2(read(fixture));
    assert.deepEqual(toJson(statements), JSON.parse(read(fixture.replace(/\.bai2$/, '.expected.json'))));
    for (const s of statements) {
      assert.equal(s.format, 'bai2');
      for (const e of s.entries) {
        assert.equal(e.endToEndId, null);
        assert.equal(e.counterparty, null);
        assert.equal(e.reversal, false);
      }
    }
  });
}

test('the fixtures balance: opening + entries = closing', () => {
  for (const s of parseBai2(read('duely_multi_account.bai2'))) {
    assert.equal(
      s.opening!.amount + s.entries.reduce((sum, e) => sum + e.amount, 0n),
      s.closing!.amount,
      s.account!,
    );
  }
});

/** A one-account file around the given 16/88 lines; its trailers are added up here, apart from the parser. */
function wrap(details: string[], { currency = 'USD', opening = '100000' } = {}): string {
  const amounts = details.filter((l) => l.startsWith('16,')).map((l) => BigInt(l.split(',')[2] || '0'));
  const total = amounts.reduce((a, b) => a + b, BigInt(opening));
  const records = details.length + 2;
  return [
    '01,SENDER,RECEIVER,240315,0600,7,,,2/',
    `02,RECEIVER,SENDER,1,240314,2400,${currency},2/`,
    `03,123456789,,010,${opening},,,/`,
    ...details,
    `49,${total},${records}/`,
    `98,${total},1,${records + 2}/`,
    `99,${total},1,${records + 4}/`,
  ].join('\n');
}

const entriesOf = (text: string) => parseBai2(text)[0]!.entries;

test('funds types 0, 1, 2, Z, S, V and D each take their own number of fields', () => {
  const variants: [string, string | null][] = [
    ['', null],
    ['0', null],
    ['1', null],
    ['2', null],
    ['Z', null],
    ['S,300,200,100', null],
    ['S,,400,200', null],
    ['V,240316,1200', '2024-03-16'],
    ['V,240316,', '2024-03-16'],
    ['V,,', null],
    ['D,0', null],
    ['D,1,0,600', null],
    ['D,3,0,100,1,200,2,300', null],
  ];
  for (const [funds, valueDate] of variants) {
    const [entry] = entriesOf(wrap([`16,115,600,${funds},BANKREF,CUSTREF,LOCKBOX 12, ITEM 3/`]));
    assert.equal(entry!.amount, 600n, funds);
    assert.equal(entry!.bankReference, 'BANKREF', funds);
    assert.equal(entry!.reference, 'CUSTREF', funds);
    assert.equal(entry!.remittance, 'LOCKBOX 12, ITEM 3', funds);
    assert.equal(entry!.valueDate, valueDate, funds);
  }
});

test('88 continues any field of the record before it; continued text lines are joined with \\n', () => {
  // The spec's own example: the S distribution fills the 16 record, references and text follow on 88s.
  const [lockbox, plain] = entriesOf(
    wrap([
      '16,115,10000000,S,5000000,4000000,1000000/',
      '88,AX13612,B096132,AMALGAMATED CORP. LOCKBOX',
      '88,DEPOSIT-MISC. RECEIVABLES',
      '16,469,2500,0,BR1/',
      '88,CR1,',
    ]),
  );
  assert.equal(lockbox!.bankReference, 'AX13612');
  assert.equal(lockbox!.reference, 'B096132');
  assert.equal(lockbox!.remittance, 'AMALGAMATED CORP. LOCKBOX\nDEPOSIT-MISC. RECEIVABLES');
  assert.equal(plain!.amount, -2500n);
  assert.equal(plain!.bankReference, 'BR1');
  assert.equal(plain!.reference, 'CR1');
  assert.equal(plain!.remittance, '');

  const split03 = [
    '01,S,R,240315,0600,1,,,2/',
    '02,R,S,1,240314,,EUR,/',
    '03,DE89370400440532013000,,040,100000,,/',
    '88,010,100000,,,015',
    '88,99000,,/',
    '16,451,1000,,,,/',
    '49,300000,5/',
    '98,300000,1,7/',
    '99,300000,1,9/',
  ].join('\n');
  const [statement] = parseBai2(split03);
  assert.deepEqual(statement!.opening, { amount: 100000n, currency: 'EUR', date: '2024-03-14' });
  assert.deepEqual(statement!.closing, { amount: 99000n, currency: 'EUR', date: '2024-03-14' });
});

test('credits are 100-399, debits 400-699; loan, non-monetary and custom details are not entries but count in totals', () => {
  const entries = entriesOf(
    wrap([
      '16,301,100,,,,CREDIT/',
      '16,399,200,,,,CREDIT/',
      '16,401,300,,,,DEBIT/',
      '16,699,400,,,,DEBIT/',
      '16,720,5000,0,,,LOAN PRINCIPAL/',
      '16,890,,,INFO1,,MEMO ONLY/',
      '16,950,700,,,,BANK SPECIFIC/',
    ]),
  );
  assert.deepEqual(
    entries.map((e) => [e.transactionCode, e.amount]),
    [
      ['301', 100n],
      ['399', 200n],
      ['401', -300n],
      ['699', -400n],
    ],
  );
});

test("amounts are minor units with the currency's implied decimals; no currency anywhere means USD", () => {
  const [yen] = parseBai2(wrap(['16,195,1500,,,,WIRE/'], { currency: 'JPY', opening: '-2000' }));
  assert.equal(yen!.currency, 'JPY');
  assert.equal(yen!.entries[0]!.amount, 1500n);
  assert.deepEqual(yen!.opening, { amount: -2000n, currency: 'JPY', date: '2024-03-14' });
  assert.equal(parseBai2(read('moov_spec_section3.bai2'))[0]!.currency, 'USD');
});

test('two files one after the other, blank lines and trailing blanks are read', () => {
  const text = `${wrap(['16,115,600,,,,A/'])}\n\n${wrap(['16,115,700,,,,B/  '])}   \n`;
  assert.deepEqual(
    parseBai2(text).map((s) => s.entries[0]!.remittance),
    ['A', 'B'],
  );
});

function rejects(text: string, location: string, message: RegExp) {
  assert.throws(
    () => parseBai2(text),
    (error: unknown) => {
      assert.ok(error instanceof StatementParseError, String(error));
      assert.equal(error.location, location, error.message);
      assert.match(error.message, message);
      return true;
    },
  );
}

const sample = read('duely_multi_account.bai2');

test('a control total that does not add up names the trailer line', () => {
  rejects(
    sample.replace('49,9186300,14/', '49,9186301,14/'),
    'line 16',
    /account 4159883211 \(from line 3\): the control total is 91863\.01 but its 03 and 16 amounts add up to 91863\.00/,
  );
  rejects(
    sample.replace('16,698,25000,', '16,698,25100,'),
    'line 16',
    /control total is 91863\.00 but .* add up to 91864\.00/,
  );
  rejects(
    sample.replace('98,9096300,2,18/', '98,9096400,2,18/'),
    'line 19',
    /group \(from line 2\): the control total is 9096400 but its accounts' totals add up to 9096300/,
  );
  rejects(
    sample.replace('99,19096300,2,25/', '99,19096301,2,25/'),
    'line 25',
    /file \(from line 1\): the control total is 19096301 but its groups' totals add up to 19096300/,
  );
  rejects(
    sample.replace('49,9186300,14/', '49,9186300,13/'),
    'line 16',
    /counts 13 records but there are 14/,
  );
  rejects(
    sample.replace('98,9096300,2,18/', '98,9096300,3,18/'),
    'line 19',
    /counts 3 accounts but there are 2/,
  );
  rejects(
    sample.replace('99,19096300,2,25/', '99,19096300,2,24/'),
    'line 25',
    /counts 24 records but there are 25/,
  );
  rejects(
    sample.replace('49,9186300,14/', '49,91863.00,14/'),
    'line 16',
    /control total "91863\.00" is not a whole number/,
  );
});

test('a bad amount names its line, also on an 88 continuation', () => {
  rejects(
    sample.replace('16,165,182500,', '16,165,18250O,'),
    'line 6',
    /amount "18250O" is not a whole number of minor units/,
  );
  rejects(sample.replace('16,165,182500,', '16,165,1825.00,'), 'line 6', /amount "1825\.00"/);
  rejects(sample.replace('16,165,182500,', '16,165,-182500,'), 'line 6', /amount "-182500"/);
  rejects(sample.replace('16,165,182500,', '16,165,,'), 'line 6', /the 165 transaction has no amount/);
  rejects(sample.replace('88,045,1939575,', '88,045,19395X5,'), 'line 4', /the 045 amount "19395X5"/);
  rejects(
    sample.replace('300000,150000,50000', '300000,15O000,50000'),
    'line 5',
    /availability amount "15O000"/,
  );
  rejects(wrap(['16,115,99999999999999999,,,,HUGE/']), 'line 4', /too large/);
});

test('a file that is cut short or out of order is refused', () => {
  const lines = sample.split(/\r?\n/);
  // Blanked rather than removed, so that the line numbers stay those of the fixture.
  const without = (start: string) => lines.map((l) => (l.startsWith(start) ? '' : l)).join('\n');
  rejects(lines.slice(0, 20).join('\n'), 'line 20', /ends without its 99 file trailer: it may be cut short/);
  rejects(without('49,9186300'), 'line 17', /a 03 account record before the previous account's 49 trailer/);
  rejects(without('03,4159883211'), 'line 5', /a 16 transaction detail outside an account/);
  rejects(without('02,DUELYDEMO,026009593'), 'line 21', /a 03 account record outside a group/);
  rejects(without('98,10000000'), 'line 25', /the group that starts at line 20 has no 98 trailer/);
  rejects(without('49,10000000'), 'line 24', /account 0012345678 has no 49 trailer/);
  rejects(lines.slice(1).join('\n'), 'line 1', /starts with an 01 file header/);
  rejects(`88,X/\n${sample}`, 'line 1', /an 88 continuation with no record before it/);
  rejects(sample.replace('16,890,', '17,890,'), 'line 15', /"17" is not a BAI2 record code/);
  rejects(
    sample.replace('01,121000248', '01,A,B,240315,0600,1,,,2/\n01,121000248'),
    'line 2',
    /a second 01 file header/,
  );
  rejects('hello, world', 'line 1', /is not a BAI2 record/);
  rejects('', 'line 1', /empty/);
});

test('bad headers, dates, currencies and funds types are refused with their line', () => {
  rejects(sample.replace(',,,2/', ',,,3/'), 'line 1', /BAI version "3" is not supported/);
  rejects(
    sample.replace('1,240314,2400,USD', '1,240230,2400,USD'),
    'line 2',
    /as-of date "240230" is not a valid YYMMDD date/,
  );
  rejects(sample.replace('1,240314,2400,CAD', '1,240314,2400,XXX'), 'line 20', /unknown currency "XXX"/);
  rejects(
    sample.replace('16,115,500000,S,', '16,115,500000,X,'),
    'line 5',
    /funds type "X" is not one of 0, 1, 2, S, V, D or Z/,
  );
  rejects(
    sample.replace('16,175,139075,D,2,', '16,175,139075,D,two,'),
    'line 11',
    /number of distributions, not "two"/,
  );
  rejects(sample.replace('V,240314,1130', 'V,241314,1130'), 'line 8', /value date "241314"/);
  rejects(sample.replace('16,475,', '16,47,'), 'line 12', /type code "47" is not three digits/);
  rejects(sample.replace('03,4159883238,USD,', '03,,USD,'), 'line 17', /no account number/);
});
