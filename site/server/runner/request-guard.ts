/**
 * The runner's front door. Only the site's own pages may run code: every /api/ request and event
 * socket must carry the per-start token (only pages this process served hold it), any Origin must be
 * the site's own, and Host must name this server — a page on another site, or one that re-points its
 * own DNS name at 127.0.0.1 (DNS rebinding), gets 403 before anything runs.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { hostname, networkInterfaces } from 'node:os';

export const TOKEN_HEADER = 'x-kitchen-token';

export function createToken(): string {
  return randomBytes(32).toString('base64url');
}

export interface HostCheckOptions {
  /** The port the server listens on; read at request time because it may be chosen by the OS. */
  port: () => number | undefined;
  /** The address the server is bound to, e.g. 127.0.0.1 or 0.0.0.0. */
  bindHost: string;
  /** More host names to accept (KITCHEN_ALLOWED_HOSTS), for a classroom reached by a DNS name. */
  extraHosts?: readonly string[];
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

export function isLoopbackHost(host: string): boolean {
  return host === '127.0.0.1' || host === '::1' || host === 'localhost';
}

/** The host names a request may use to reach this server. */
export function allowedHostNames({ bindHost, extraHosts = [] }: HostCheckOptions): Set<string> {
  const names = new Set<string>(LOOPBACK_NAMES);
  for (const extra of extraHosts) names.add(extra.toLowerCase());
  if (!isLoopbackHost(bindHost)) {
    names.add(bindHost.includes(':') ? `[${bindHost}]` : bindHost.toLowerCase());
    if (bindHost === '0.0.0.0' || bindHost === '::') {
      names.add(hostname().toLowerCase());
      names.add(`${hostname().toLowerCase()}.local`);
      for (const list of Object.values(networkInterfaces())) {
        for (const address of list ?? [])
          names.add(address.family === 'IPv6' ? `[${address.address}]` : address.address);
      }
    }
  }
  return names;
}

export function createHostCheck(options: HostCheckOptions): (host: string | undefined) => boolean {
  const names = allowedHostNames(options);
  return (host) => {
    if (!host) return false;
    const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host.toLowerCase());
    if (!match) return false;
    const port = options.port();
    if (port !== undefined && Number(match[2] ?? 80) !== port) return false;
    return names.has(match[1]!);
  };
}

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface GuardVerdict {
  ok: boolean;
  /** Why the request was refused; said to the caller, never includes the token. */
  reason?: string;
}

export interface RequestGuard {
  token: string;
  isAllowedHost: (host: string | undefined) => boolean;
  /** Checks Host, Origin and Sec-Fetch-Site, and the token given in the header or the query. */
  check(req: IncomingMessage, givenToken: string | undefined): GuardVerdict;
}

export function createRequestGuard(
  token: string,
  isAllowedHost: (host: string | undefined) => boolean,
): RequestGuard {
  return {
    token,
    isAllowedHost,
    check(req, givenToken) {
      const host = req.headers.host;
      if (!isAllowedHost(host)) {
        return {
          ok: false,
          reason: `Host "${host ?? ''}" is not this server; open the site by its own address.`,
        };
      }
      const origin = req.headers.origin;
      if (origin !== undefined && origin !== `http://${host}`) {
        return {
          ok: false,
          reason: `Origin "${origin}" is not this site; only its own pages may use the runner.`,
        };
      }
      const site = req.headers['sec-fetch-site'];
      if (site !== undefined && site !== 'same-origin') {
        return {
          ok: false,
          reason: `A ${String(site)} request may not use the runner; only this site's own pages may.`,
        };
      }
      if (!sameToken(givenToken, token)) {
        return {
          ok: false,
          reason: 'The runner token is missing or wrong; reload the page to get a fresh one.',
        };
      }
      return { ok: true };
    },
  };
}
