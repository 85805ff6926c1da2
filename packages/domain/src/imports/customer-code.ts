/**
 * A customer code made from a party name, for files that carry only names (Tally reports). It must
 * be stable — the same party gets the same code on every import, so a second import finds the
 * customers of the first — and distinct for distinct parties, so long names that share their first
 * 40 characters keep a hash of the whole name.
 */

export const CUSTOMER_CODE = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/;
const MAX = 40;

export function customerCodeFromName(name: string): string {
  const canonical = canonicalName(name);
  const slug = canonical
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/&/g, ' AND ')
    .replace(/[^A-Z0-9._/-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[^A-Z0-9]+|[^A-Z0-9]+$/g, '');
  const hash = fnv1a(canonical);
  // Names in other scripts (शर्मा ट्रेडर्स) leave no Latin letters: the hash alone identifies them.
  if (slug.length === 0) return `P-${hash}`;
  if (slug.length <= MAX) return slug;
  const head = slug.slice(0, MAX - hash.length - 1).replace(/[^A-Z0-9]+$/, '');
  return `${head}-${hash}`;
}

/** Upper case, single spaces: "M/s  Sharma traders" and "M/S SHARMA TRADERS" are one party. */
function canonicalName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toUpperCase();
}

/** FNV-1a 32-bit over UTF-16 code units, as 8 upper-case hex digits. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).toUpperCase().padStart(8, '0');
}
