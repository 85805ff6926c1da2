/**
 * The one way the web app talks to the server: JSON over /api/v1 with the session cookie.
 * Every state-changing request echoes the session's CSRF token, which the server demands for
 * cookie-authenticated calls.
 */
export const API_BASE = '/api/v1';

let csrfToken: string | null = null;

export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The input field the server blamed ("lines.0.unit_price"), if any. */
  get field(): string | null {
    return typeof this.details.field === 'string' ? this.details.field : null;
  }
}

/** Fired when the session is gone, so the shell can drop back to the login page. */
export const UNAUTHORIZED_EVENT = 'duely:unauthorized';

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

interface RequestOptions {
  query?: Query;
  body?: unknown;
  form?: FormData;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  let body: BodyInit | undefined;
  if (options.form) {
    body = options.form;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(withQuery(`${API_BASE}${path}`, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'network', 'Cannot reach the server. Check the connection and try again.');
  }
  const text = await response.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (!response.ok) {
    const error = (
      parsed as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | null
    )?.error;
    if (response.status === 401 && !path.startsWith('/auth/'))
      window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
    throw new ApiError(
      response.status,
      error?.code ?? 'http_error',
      error?.message ?? `The server answered ${response.status}`,
      error?.details ?? {},
    );
  }
  return parsed as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
    request<T>('POST', path, { body: body ?? {}, headers }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
  upload: <T>(path: string, form: FormData) => request<T>('POST', path, { form }),
};

/**
 * POST that must happen at most once (money): the same Idempotency-Key on every attempt. If an
 * earlier attempt with this key is still running, wait for it and take its answer.
 */
export async function postOnce<T>(path: string, body: unknown, key: string): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await request<T>('POST', path, { body, headers: { 'Idempotency-Key': key } });
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 'idempotency_in_progress') || attempt >= 20)
        throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

/** A message fit to show a person, whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
