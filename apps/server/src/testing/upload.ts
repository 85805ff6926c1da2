import type { FastifyInstance } from 'fastify';
import type { ApiResponse } from './harness.ts';

/** A multipart upload through the real HTTP stack (the same parser the web app hits). */
export async function upload(
  app: FastifyInstance,
  token: string,
  url: string,
  file: { name: string; content: Buffer | string },
  fields: Record<string, string> = {},
): Promise<ApiResponse> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([typeof file.content === 'string' ? Buffer.from(file.content) : new Uint8Array(file.content)]), file.name);
  const request = new Request('http://local/', { method: 'POST', body: form });
  const body = Buffer.from(await request.arrayBuffer());
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1${url}`,
    headers: { authorization: `Bearer ${token}`, 'content-type': request.headers.get('content-type')! },
    payload: body,
  });
  let parsed: unknown = response.body;
  try {
    parsed = JSON.parse(response.body);
  } catch {
    // leave as text
  }
  return { status: response.statusCode, body: parsed as any, headers: response.headers };
}

/** Polls an import until it finishes. */
export async function waitForImport(app: FastifyInstance, token: string, id: string) {
  for (let i = 0; i < 600; i++) {
    const res = await app.inject({ method: 'GET', url: `/api/v1/imports/${id}`, headers: { authorization: `Bearer ${token}` } });
    const body = res.json();
    if (body.status !== 'running') return body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import did not finish');
}
