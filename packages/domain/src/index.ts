export * from './allocation.ts';
export * from './dates.ts';
export * from './errors.ts';
export * from './gst.ts';
export * from './journal.ts';
export * from './money.ts';
export * from './terms.ts';
export * from './reports/index.ts';
