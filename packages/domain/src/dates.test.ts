import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  addDays,
  addMonths,
  daysBetween,
  fiscalYear,
  fromExcelSerial,
  isIsoDate,
  parseDateAs,
  todayIn,
} from './dates.ts';

test('isIsoDate accepts only real calendar dates', () => {
  assert.equal(isIsoDate('2024-02-29'), true);
  assert.equal(isIsoDate('2023-02-29'), false);
  assert.equal(isIsoDate('2024-13-01'), false);
  assert.equal(isIsoDate('2024-1-01'), false);
  assert.equal(isIsoDate("2024-01-01' OR 1=1"), false);
});

test('date arithmetic', () => {
  assert.equal(addDays('2024-02-28', 1), '2024-02-29');
  assert.equal(addDays('2024-12-31', 1), '2025-01-01');
  assert.equal(daysBetween('2026-02-15', '2026-05-15'), 89);
  assert.equal(addMonths('2025-01-31', 1), '2025-02-28');
  assert.equal(addMonths('2024-01-31', 1), '2024-02-29');
  assert.equal(addMonths('2024-11-15', 3), '2025-02-15');
  assert.equal(addMonths('2024-03-15', -3), '2023-12-15');
});

test('fiscal year: Indian April–March and calendar', () => {
  assert.deepEqual(fiscalYear('2026-03-31'), { start: '2025-04-01', end: '2026-03-31', label: '2025-26', short: '25-26' });
  assert.deepEqual(fiscalYear('2026-04-01').label, '2026-27');
  assert.deepEqual(fiscalYear('2026-07-01', 1), { start: '2026-01-01', end: '2026-12-31', label: '2026', short: '2026' });
});

test('parseDateAs reads the formats found in imports', () => {
  assert.equal(parseDateAs('1/3/2012', 'M/D/YYYY'), '2012-01-03');
  assert.equal(parseDateAs('12/31/2012', 'M/D/YYYY'), '2012-12-31');
  assert.equal(parseDateAs('31/12/12', 'D/M/YY'), '2012-12-31');
  assert.equal(parseDateAs('05-04-2024', 'D/M/YYYY'), '2024-04-05');
  assert.equal(parseDateAs('1-Nov-21', 'D-MMM-YY'), '2021-11-01');
  assert.equal(parseDateAs('15-Sept-2023', 'D-MMM-YYYY'), '2023-09-15');
  assert.equal(parseDateAs('20240229', 'YYYYMMDD'), '2024-02-29');
  assert.equal(parseDateAs('2/30/2012', 'M/D/YYYY'), null);
  assert.equal(parseDateAs('13/13/2012', 'M/D/YYYY'), null);
  assert.equal(parseDateAs('yesterday', 'D/M/YY'), null);
});

test('Excel serials, including the phantom 1900-02-29', () => {
  assert.equal(fromExcelSerial(1), '1900-01-01');
  assert.equal(fromExcelSerial(61), '1900-03-01');
  assert.equal(fromExcelSerial(45292), '2024-01-01');
  assert.equal(fromExcelSerial(-3), null);
});

test('todayIn honours the time zone', () => {
  const instant = new Date('2026-03-31T20:00:00Z');
  assert.equal(todayIn('Asia/Kolkata', instant), '2026-04-01');
  assert.equal(todayIn('America/New_York', instant), '2026-03-31');
});
