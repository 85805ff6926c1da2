export * from './aging-buckets.ts';
export * from './kpis.ts';
export * from './provisions.ts';
