/**
 * A multimap from strings to row numbers that keeps no strings: each key is reduced to a 32-bit
 * hash and rows are kept in an open-addressed table of typed arrays. A look-up may return a row
 * whose key only shares the hash, so callers check each row against the key they asked for.
 *
 * Why not a Map: a cash-application run indexes millions of invoice keys. As Map keys they are
 * millions of strings for the garbage collector to walk and a table whose every probe misses the
 * cache; here the whole index is two flat arrays.
 */
export class HashIndex {
  private hashes: Uint32Array;
  private rows: Int32Array;
  private mask: number;
  private size = 0;

  constructor(expected: number) {
    let capacity = 1024;
    while (capacity < expected * 2) capacity *= 2;
    this.hashes = new Uint32Array(capacity);
    this.rows = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
  }

  add(key: string, row: number) {
    if ((this.size + 1) * 2 > this.rows.length) this.grow();
    this.place(hashOf(key), row);
    this.size++;
  }

  /** Rows added under `key`, and perhaps a few under another key with the same hash. */
  find(key: string, into: number[]) {
    const hash = hashOf(key);
    for (let slot = hash & this.mask; this.rows[slot] !== -1; slot = (slot + 1) & this.mask) {
      if (this.hashes[slot] === hash) into.push(this.rows[slot]!);
    }
  }

  private place(hash: number, row: number) {
    let slot = hash & this.mask;
    while (this.rows[slot] !== -1) slot = (slot + 1) & this.mask;
    this.hashes[slot] = hash;
    this.rows[slot] = row;
  }

  private grow() {
    const { hashes, rows } = this;
    this.hashes = new Uint32Array(rows.length * 2);
    this.rows = new Int32Array(rows.length * 2).fill(-1);
    this.mask = rows.length * 2 - 1;
    for (let slot = 0; slot < rows.length; slot++) if (rows[slot] !== -1) this.place(hashes[slot]!, rows[slot]!);
  }
}

/** FNV-1a over UTF-16 code units, with a final avalanche so nearby keys spread over the table. */
export function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/** Adds `value` under `key` in a multimap; one value is kept bare, as most keys have one. */
export function addTo<K>(map: Map<K, number | number[]>, key: K, value: number) {
  const list = map.get(key);
  if (list === undefined) map.set(key, value);
  else if (typeof list === 'number') map.set(key, [list, value]);
  else list.push(value);
}

export const EMPTY: readonly number[] = [];

/** The values of a multimap entry (addTo) as a list. */
export const listOf = (entry: number | number[] | undefined): readonly number[] => (entry === undefined ? EMPTY : typeof entry === 'number' ? [entry] : entry);
