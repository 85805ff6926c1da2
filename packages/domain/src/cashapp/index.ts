export * from './amounts.ts';
export * from './clue-index.ts';
export * from './directory.ts';
export * from './explain.ts';
export * from './invoice-columns.ts';
export * from './invoice-refs.ts';
export * from './match.ts';
export * from './names.ts';
