/*
 * What the tests of every service share (service-kit's own, services/cognitive's,
 * services/knowledge's): the test tokens, a sink for pino's JSON lines, and a JSON call over
 * HTTP. Node built-ins only, so other packages' tests import this file directly.
 */
import { Writable } from 'node:stream';

export const TOKENS = {
  read: 'read-token-0123456789',
  write: 'write-token-0123456789',
  admin: 'admin-token-0123456789',
};

/** TOKENS as API_TOKENS says them: `name:token:role,...`. */
export const API_TOKENS = `reader:${TOKENS.read}:read,writer:${TOKENS.write}:write,boss:${TOKENS.admin}:admin`;

/** Collects the JSON lines a pino logger writes. */
export class LogSink extends Writable {
  readonly lines: Record<string, unknown>[] = [];
  readonly raw: string[] = [];

  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      this.raw.push(line);
      this.lines.push(JSON.parse(line) as Record<string, unknown>);
    }
    done();
  }

  find(predicate: (line: Record<string, unknown>) => boolean): Record<string, unknown>[] {
    return this.lines.filter(predicate);
  }
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

/** fetch with a bearer token (admin unless told; null: none) and a JSON body; the answer's JSON when it is JSON. */
export async function callJson(
  baseUrl: string,
  method: string,
  path: string,
  { token = TOKENS.admin, body, headers = {} }: { token?: string | null; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const h: Record<string, string> = { ...headers };
  if (token !== null) h.authorization = `Bearer ${token}`;
  if (body !== undefined && h['content-type'] === undefined) h['content-type'] = 'application/json';
  const response = await fetch(baseUrl + path, {
    method,
    headers: h,
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}
