import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { roleAllows, ServiceError, type Role } from '@ai-opencog/protocol';
import type { ApiToken } from './config';

/** Who made a request: the token's name and role. */
export interface Principal {
  name: string;
  role: Role;
}

/** With AUTH_MODE=off every caller is this. */
export const ANONYMOUS: Principal = Object.freeze({ name: 'anonymous', role: 'admin' });

/**
 * Bearer-token authentication. Tokens are kept by their SHA-256 digest: a lookup compares
 * digests, so neither the table nor the time a lookup takes says anything about a token.
 */
export class Authenticator {
  private readonly byDigest = new Map<string, Principal>();

  constructor(
    readonly mode: 'tokens' | 'off',
    tokens: readonly ApiToken[],
  ) {
    for (const t of tokens) this.byDigest.set(digest(t.token), { name: t.name, role: t.role });
  }

  get enabled(): boolean {
    return this.mode === 'tokens';
  }

  /** The principal of a token, or undefined when it is missing or unknown. */
  principalOf(token: string | undefined): Principal | undefined {
    if (!this.enabled) return ANONYMOUS;
    return token === undefined ? undefined : this.byDigest.get(digest(token));
  }

  /**
   * The principal of a request allowed `role`: the token comes from `Authorization: Bearer`,
   * or (for WebSocket upgrades from browsers, which cannot set headers) from `?token=`.
   * Throws UNAUTHORIZED (no or unknown token) or FORBIDDEN (role too low).
   */
  authorize(req: IncomingMessage, role: Role, { allowQueryToken = false } = {}): Principal {
    const token = bearerToken(req) ?? (allowQueryToken ? queryToken(req) : undefined);
    const principal = this.principalOf(token);
    if (!principal) {
      throw new ServiceError('UNAUTHORIZED', token === undefined ? 'a bearer token is required' : 'the bearer token is not known');
    }
    if (!roleAllows(principal.role, role)) {
      throw new ServiceError('FORBIDDEN', `this needs the ${role} role; the token of ${principal.name} has ${principal.role}`);
    }
    return principal;
  }
}

function bearerToken(req: IncomingMessage): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

function queryToken(req: IncomingMessage): string | undefined {
  const token = new URL(req.url ?? '/', 'http://localhost').searchParams.get('token');
  return token ?? undefined;
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
