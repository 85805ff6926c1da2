export * from './customer-code.ts';
export * from './duplicates.ts';
export * from './fields.ts';
export * from './layout.ts';
export * from './map-row.ts';
export * from './options.ts';
export * from './presets.ts';
export * from './records.ts';
export * from './suggest.ts';
export {
  type CellResult,
  DEFAULT_DATE_FORMATS,
  type DecimalStyle,
  readAmount,
  readDate,
  type Side,
  type SignedMinor,
} from './values.ts';
