import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, type Page, type Query } from './api.ts';

export function useDebounced<T>(value: T, ms = 250): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** A keyset-paged list: pages follow next_cursor, so rows never shift or repeat while loading more. */
export function usePagedList<T>(key: string, path: string, query: Query, enabled = true) {
  const result = useInfiniteQuery({
    queryKey: [key, 'list', query],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<T>>(path, { ...query, cursor: pageParam ?? undefined }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    enabled,
  });
  const rows = result.data?.pages.flatMap((p) => p.data) ?? [];
  return { ...result, rows };
}

/** Query-string backed filters: a filtered list survives reload, back and a shared link. */
export function readParams<K extends string>(params: URLSearchParams, keys: readonly K[]): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const key of keys) out[key] = params.get(key) ?? '';
  return out;
}

/** RFC 4122 v4. crypto.randomUUID exists only on https/localhost; a LAN install over http lacks it. */
export function newUuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Filters kept in the query string; setting one replaces the history entry rather than adding one. */
export function useUrlFilters<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const filters = readParams(params, keys);
  const setFilter = (key: K, value: string) => {
    // Read the address bar, not the render's params: two quick changes (clear one filter, set
    // another) must both land, and the router hands functional updaters a stale copy.
    const next = new URLSearchParams(window.location.search);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  return [filters, setFilter] as const;
}

/** A search box whose settled (debounced) text is handed to `onSettled`, e.g. to write the URL. */
export function useSearchBox(initial: string, onSettled: (q: string) => void) {
  const [text, setText] = useState(initial);
  const settled = useDebounced(text.trim(), 250);
  const callback = useRef(onSettled);
  callback.current = onSettled;
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    callback.current(settled);
  }, [settled]);
  return [text, setText] as const;
}
