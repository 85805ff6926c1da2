import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Narration, channelOf, isReversalNarration, parseIndianNarration } from './narration.ts';

const none = { utr: null, name: null, vpa: null, ifsc: null, account: null, remarks: null };
const expect = (text: string, expected: Partial<Narration> & Pick<Narration, 'channel'>) =>
  assert.deepEqual(parseIndianNarration(text), { ...none, ...expected }, text);

test('HDFC narrations', () => {
  expect('NEFT CR-HDFC0000123-ACME TRADERS-INV 113-N123241234567890', {
    channel: 'NEFT', utr: 'N123241234567890', name: 'ACME TRADERS', ifsc: 'HDFC0000123', remarks: 'INV 113',
  });
  // Remitter first, then the beneficiary (the account holder), then the UTR.
  expect('NEFT Cr-KKBK0000958-ASS CREATIONS PVT LTD-SANJAY TANEJA-KKBKN62025042445439328', {
    channel: 'NEFT', utr: 'KKBKN62025042445439328', name: 'ASS CREATIONS PVT LTD', ifsc: 'KKBK0000958', remarks: 'SANJAY TANEJA',
  });
  expect('NEFT Dr-SBIN0031770-Monika Maan-NETBANK, MUM-HDFCN52025051639405635-REG', {
    channel: 'NEFT', utr: 'HDFCN52025051639405635', name: 'Monika Maan', ifsc: 'SBIN0031770', remarks: 'REG',
  });
  expect('NEFT-Cr-SIP REDEEM DIVYANSH TANEJA-ICIC-xxxxxx6445', { channel: 'NEFT', name: 'SIP REDEEM DIVYANSH TANEJA', account: 'xxxxxx6445' });
  expect('RTGS Cr-IOBA0002259-I J MANOCHA,RAVINDER MANOCHA-JAYA TANEJA-IOBAR52025041600313124', {
    channel: 'RTGS', utr: 'IOBAR52025041600313124', name: 'I J MANOCHA,RAVINDER MANOCHA', ifsc: 'IOBA0002259', remarks: 'JAYA TANEJA',
  });
  // The UTR run into the name, and a line with the UTR before the IFSC.
  expect('RTGS CR-ICIC0099999-KRYFS TRANSFORMERS P ICICR22025080110858319', {
    channel: 'RTGS', utr: 'ICICR22025080110858319', name: 'KRYFS TRANSFORMERS P', ifsc: 'ICIC0099999',
  });
  expect('RTGS CR-HDFCR52026072888542568-HDFC0000240-TMF REDEMPTION POOL A/C--//TATA MF-14555913', {
    channel: 'RTGS', utr: 'HDFCR52026072888542568', name: 'TMF REDEMPTION POOL A/C', ifsc: 'HDFC0000240', remarks: 'TATA MF-14555913',
  });
  expect('UPI-RAMESH KUMAR-ramesh@okhdfcbank-HDFC0001234-412345678901-INV 2024 118', {
    channel: 'UPI', utr: '412345678901', name: 'RAMESH KUMAR', vpa: 'ramesh@okhdfcbank', ifsc: 'HDFC0001234', remarks: 'INV 2024 118',
  });
  expect('UPI-BHANSINGH-q957829181@ybl-YESB0YBLUPI-104843231963-UPI', {
    channel: 'UPI', utr: '104843231963', name: 'BHANSINGH', vpa: 'q957829181@ybl', ifsc: 'YESB0YBLUPI',
  });
  // A VPA with a hyphen in it.
  expect('UPI-MADESH NAIK M SO LA-MADESHNAIK460-1@OKHDFCBANK-SBIN0040029-569690930707-JCB DIESEL', {
    channel: 'UPI', utr: '569690930707', name: 'MADESH NAIK M SO LA', vpa: 'MADESHNAIK460-1@OKHDFCBANK', ifsc: 'SBIN0040029', remarks: 'JCB DIESEL',
  });
  expect('IMPS-510012128567-Arun Mann-SBIN-xxxxxxx2216-P', { channel: 'IMPS', utr: '510012128567', name: 'Arun Mann', account: 'xxxxxxx2216', remarks: 'P' });
  expect('IMPS-512811844915-SUNIT GUPTA-ICIC-xxxxxxxx5966-IMPS Transaction', {
    channel: 'IMPS', utr: '512811844915', name: 'SUNIT GUPTA', account: 'xxxxxxxx5966', remarks: 'IMPS Transaction',
  });
  expect('50200034218363-TPT-INV 2024 131-JV INDUSTRIES', { channel: 'OTHER', name: 'JV INDUSTRIES', account: '50200034218363', remarks: 'INV 2024 131' });
  expect('IB FUNDS TRANSFER CR-03271000009991-SANJAY TANEJA', { channel: 'OTHER', name: 'SANJAY TANEJA', account: '03271000009991' });
  expect('FT - Cr - 03921000016208 - NARENDER KUMAR', { channel: 'OTHER', name: 'NARENDER KUMAR', account: '03921000016208' });
  expect('CHQ DEP - MICR CTS - ICIC PASCHIMV', { channel: 'CHEQUE' });
  expect('ACH D- TP ACH ICICIPRULIFE-1234567', { channel: 'ACH', name: 'TP ACH ICICIPRULIFE' });
  expect('ATW-512345XXXXXX1234-S1ANMU12-MUMBAI', { channel: 'CASH' });
  expect('CASH DEPOSIT BY - SELF - BHOSARI', { channel: 'CASH' });
});

test('ICICI narrations', () => {
  expect('NEFT-HDFCN52024040112345678-ACME TRADERS PVT LTD-INV 2024 113-50200012345678-HDFC0000123', {
    channel: 'NEFT', utr: 'HDFCN52024040112345678', name: 'ACME TRADERS PVT LTD', ifsc: 'HDFC0000123', account: '50200012345678', remarks: 'INV 2024 113',
  });
  // No payer name in this one: note, VPA, bank, then the app's own id.
  expect('UPI/309181704783/UPI/prmd.sh7@okhdfc/HDFC BANK LTD/ICI7de43fa40188479e9baf883d6', { channel: 'UPI', utr: '309181704783', vpa: 'prmd.sh7@okhdfc' });
  expect('UPI/309132898325/returning the a/joykoli5@okicic/ICICI Bank/ICI3c428597f581479b', {
    channel: 'UPI', utr: '309132898325', vpa: 'joykoli5@okicic', remarks: 'returning the a',
  });
  expect('UPI/SUNIL HARDWARE/sunilhw@ybl/Payment/YES BANK/410512345678/ICI9f8e7d6c5b4a39281706f5e4d3c2b1a0', {
    channel: 'UPI', utr: '410512345678', name: 'SUNIL HARDWARE', vpa: 'sunilhw@ybl',
  });
  expect('MMT/IMPS/309109865766/NA/AKASH YELL/HDFC0000443', { channel: 'IMPS', utr: '309109865766', name: 'AKASH YELL', ifsc: 'HDFC0000443' });
  expect('MMT/IMPS/309309970052/No Remarks/VASI GATEW/Yes Ba', { channel: 'IMPS', utr: '309309970052', name: 'VASI GATEW' });
  expect('MMT/IMPS/532001785076/INV2024120/SANDE EP MA/CNRB0006335', {
    channel: 'IMPS', utr: '532001785076', name: 'SANDE EP MA', ifsc: 'CNRB0006335', remarks: 'INV2024120',
  });
  expect('INF/NEFT/IN42618958303612/SBIN0018300/TEST', { channel: 'NEFT', utr: 'IN42618958303612', name: 'TEST', ifsc: 'SBIN0018300' });
  expect('RTGS-SBINR12026070834491979-IVAAN SOLAR ENERGY', { channel: 'RTGS', utr: 'SBINR12026070834491979', name: 'IVAAN SOLAR ENERGY' });
  expect('RTGS/ICICR42026071000574498/YESB0000078/SUNLIT', { channel: 'RTGS', utr: 'ICICR42026071000574498', name: 'SUNLIT', ifsc: 'YESB0000078' });
  expect('CLG/KAVERI AGENCIES/456789/SBI/04.04.2024', { channel: 'CHEQUE', name: 'KAVERI AGENCIES' });
  expect('INF/INFT/045104802951/iseharshal78', { channel: 'OTHER' });
  expect('BIL/ONL/000123456789/MSEDCL/ELECTRICITY', { channel: 'OTHER' });
});

test('SBI narrations', () => {
  expect('BY TRANSFER-NEFT*YESB0000001*YESB40930207163*ZERODHA BROKING L--', {
    channel: 'NEFT', utr: 'YESB40930207163', name: 'ZERODHA BROKING L', ifsc: 'YESB0000001',
  });
  expect('BY TRANSFER-NEFT*ICIC0SF0002*IN42613257395659*DIBYENDU KUNDU*B-', {
    channel: 'NEFT', utr: 'IN42613257395659', name: 'DIBYENDU KUNDU', ifsc: 'ICIC0SF0002', remarks: 'B',
  });
  expect('BY TRANSFER-RTGS*UTIB0000231*UTIBR52024040800012345*NAVKAR STEEL IND*', {
    channel: 'RTGS', utr: 'UTIBR52024040800012345', name: 'NAVKAR STEEL IND', ifsc: 'UTIB0000231',
  });
  // SBI prints as much of the VPA as fits.
  expect('TO TRANSFER-UPI/DR/730765131673/CHINTALA/SBIN/chvkchanti/Payme--', { channel: 'UPI', utr: '730765131673', name: 'CHINTALA', vpa: 'chvkchanti', remarks: 'Payme' });
  expect('BY TRANSFER-UPI/CR/409212345678/RAMESH K/HDFC/ramesh.k@o/INV 2024 118--', {
    channel: 'UPI', utr: '409212345678', name: 'RAMESH K', vpa: 'ramesh.k@o', remarks: 'INV 2024 118',
  });
  expect('BY TRANSFER-IMPS/409312345678/MERIDIAN SOLAR EPC/UTIB/INV 2024 120--', {
    channel: 'IMPS', utr: '409312345678', name: 'MERIDIAN SOLAR EPC', remarks: 'INV 2024 120',
  });
  expect('DEP TFR NEFT*HDFC0000240*N097140123456*ACME TRADERS PVT*', { channel: 'NEFT', utr: 'N097140123456', name: 'ACME TRADERS PVT', ifsc: 'HDFC0000240' });
  expect('DEBIT-ATMCard AMC 4591XXXXXXXX1234', { channel: 'OTHER' });
  expect('CASH DEPOSIT-SELF', { channel: 'CASH' });
});

test('Axis narrations', () => {
  expect('UPI/P2A/345707660676/SAGAR MAL/State Ban/100  30', { channel: 'UPI', utr: '345707660676', name: 'SAGAR MAL', remarks: '100 30' });
  expect('UPI/P2M/410512345678/SUNIL HARDWARE/YES BANK/UPI', { channel: 'UPI', utr: '410512345678', name: 'SUNIL HARDWARE' });
  expect('IMPS/P2A/309109875870/AKASHRAM/ICICIBAN/NA', { channel: 'IMPS', utr: '309109875870', name: 'AKASHRAM' });
  expect('NEFT/HDFCN52024040112345678/ACME TRADERS PVT LTD/HDFC BANK/INV 2024 113', {
    channel: 'NEFT', utr: 'HDFCN52024040112345678', name: 'ACME TRADERS PVT LTD', remarks: 'INV 2024 113',
  });
  expect('MOB/TPFT/PRANITA UDAY NA/919010043727982', { channel: 'OTHER', name: 'PRANITA UDAY NA', account: '919010043727982' });
  expect('ACH-DR-Indian Clearing Corp- / 0000WB4CBFHBU6DYPC252', { channel: 'ACH', name: 'Indian Clearing Corp' });
  expect('BRN-OW RTN CLG-456789-KAVERI AGENCIES-FUNDS INSUFFICIENT', { channel: 'CHEQUE' });
});

test('Kotak narrations', () => {
  // The remitter's IFSC glued to the end of the name.
  expect('NEFT FDRLH22105092182 T V THANGARAJFDRL0001789', { channel: 'NEFT', utr: 'FDRLH22105092182', name: 'T V THANGARAJ', ifsc: 'FDRL0001789' });
  expect('NEFT AXNGG12345678901 GOOGLE INDIA DIGITAL SERVIC', { channel: 'NEFT', utr: 'AXNGG12345678901', name: 'GOOGLE INDIA DIGITAL SERVIC' });
  expect('Recd:IMPS/412345678901/RAMESH T/KKBK/X2063/IMPS', { channel: 'IMPS', utr: '412345678901', name: 'RAMESH T', account: 'X2063' });
  expect('UPI/RAMESH KUMAR/412345678901/Payment from Ph', { channel: 'UPI', utr: '412345678901', name: 'RAMESH KUMAR', remarks: 'Payment from Ph' });
  expect('Chrg: Cheque Return Charges 000103', { channel: 'CHEQUE' });
  expect('Int.Pd:4612345678:01-04-2024 to 30-04-2024', { channel: 'OTHER' });
});

test('an unknown shape still gives its rail and whatever identifiers it carries', () => {
  expect('FUNDS RECD VIA UPI 412345678901 FROM acme@okaxis', { channel: 'UPI', utr: '412345678901', vpa: 'acme@okaxis' });
  expect('NEFT INWARD HDFCN52024040112345678 FROM HDFC0000123', { channel: 'NEFT', utr: 'HDFCN52024040112345678', ifsc: 'HDFC0000123' });
  expect('', { channel: 'OTHER' });
});

test('the rail named first wins', () => {
  assert.equal(channelOf('IMPS-510012128567-Arun Mann-SBIN-xxxxxxx2216-UPI'), 'IMPS');
  assert.equal(channelOf('REV-UPI-RAMESH KUMAR-ramesh@okhdfcbank'), 'UPI');
  assert.equal(channelOf('NEFTINW-0396757917'), 'NEFT');
  assert.equal(channelOf('INB IMPS412345678901/9876543210'), 'IMPS');
  assert.equal(channelOf('NACH-10-DR-BILLER-RC4'), 'ACH');
  assert.equal(channelOf('CASHFREE PAYMENTS SETTLEMENT'), 'OTHER', 'a word inside a name is not the rail');
});

test('returns and reversals are told from the charges for them', () => {
  for (const text of [
    'CHQ DEP RET- MICR CTS - FUNDS INSUFFICIENT - 456789',
    'RTN CHQ/456789/KAVERI AGENCIES/FUNDS INSUFFICIENT',
    'TO CHQ RETURN-456789-INSUFFICIENT FUNDS',
    'BRN-OW RTN CLG-456789-KAVERI AGENCIES-FUNDS INSUFFICIENT',
    'REV-UPI-RAMESH KUMAR-ramesh@okhdfcbank-HDFC0001234-412345678901-payment',
    'NEFT RETURN-HDFCN52024040112345678-ACME TRADERS-ACCOUNT CLOSED',
    'ACH DEBIT RETURN-BOUNCED-MANDATE 1234',
    'CHEQUE DISHONOURED 000456',
  ]) {
    assert.equal(isReversalNarration(text), true, text);
  }
  for (const text of [
    'CHQ DEP RET CHGS INCL GST 456789',
    'Chrg: Cheque Return Charges 000103',
    'OW RTN CHGS-456789 INCL GST',
    'UPI/309132898325/returning the a/joykoli5@okicic/ICICI Bank/ICI3c428597f581479b',
    'NEFT CR-HDFC0000123-REVATHI TRADERS-N123241234567890',
    'RETAIL SALES DEPOSIT',
  ]) {
    assert.equal(isReversalNarration(text), false, text);
  }
});
