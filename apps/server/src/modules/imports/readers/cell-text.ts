import { fromExcelSerial } from '@duely/domain';

/**
 * A spreadsheet cell as the text a person reads in it, which is what mapping parses. Numbers are
 * stored as binary doubles (0.1 + 0.2 is 0.30000000000000004 in the file); Excel shows at most
 * 15 significant digits, so that is the precision we give back — "0.3", as the user typed it.
 * Dates become YYYY-MM-DD. Amounts are never rounded to the cell's display format: 1234.567 shown
 * as 1,234.57 stays 1234.567, and the currency check then says it has too many decimals.
 */
export function cellText(value: unknown, numFmt: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value, numFmt);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText))
      return (v.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
    if ('formula' in v || 'sharedFormula' in v) return cellText(v.result, numFmt);
    if ('error' in v) return String(v.error);
    if ('text' in v) return cellText(v.text, numFmt);
  }
  return String(value);
}

function dateText(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  return date.toISOString().slice(0, 10);
}

function numberText(value: number, numFmt: string | undefined): string {
  if (!Number.isFinite(value)) return '';
  if (numFmt && isDateFormat(numFmt)) return fromExcelSerial(value) ?? excel15(value);
  const side = numFmt ? drCrOf(numFmt, value) : null;
  if (side) return `${excel15(Math.abs(value))} ${side}`;
  return excel15(value);
}

/** Shortest decimal of the value rounded to 15 significant digits, never in exponent form. */
export function excel15(value: number): string {
  if (value === 0) return '0';
  const rounded = Number(value.toPrecision(15));
  const text = String(rounded);
  return text.includes('e') ? expandExponent(text) : text;
}

function expandExponent(text: string): string {
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!m) return text;
  const [, sign, lead, rest = '', exp] = m;
  const digits = lead! + rest;
  const point = 1 + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** Date formats have d, m, y (or h, s) outside quoted text, [colour] tags and escapes. */
export function isDateFormat(numFmt: string): boolean {
  const bare = numFmt
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\\./g, '')
    .replace(/_.|\*./g, '');
  if (/^general$/i.test(bare.trim())) return false;
  return /[dmyhs]/i.test(bare) && !/[0#?]/.test(bare.replace(/[dmyhs]+/gi, ''));
}

/**
 * Ledger exports often show the side through the format ('#,##0.00 "Dr";#,##0.00 "Cr"'), the
 * stored number being signed. Returned so the text reads as on screen: "11800 Dr".
 */
function drCrOf(numFmt: string, value: number): 'Dr' | 'Cr' | null {
  const sections = numFmt.split(/;(?=(?:[^"]*"[^"]*")*[^"]*$)/);
  const section =
    value < 0 ? (sections[1] ?? null) : value === 0 ? (sections[2] ?? sections[0]) : sections[0];
  if (!section) return null;
  const m = /"\s*(Dr|Cr)\.?\s*"|\\([DC])\\r/i.exec(section);
  if (!m) return null;
  const side = (m[1] ?? `${m[2]}r`).toLowerCase();
  return side === 'dr' ? 'Dr' : 'Cr';
}
