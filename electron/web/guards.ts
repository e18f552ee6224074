// The checks every web-mode request passes before it reaches the contract.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.startsWith('::ffff:') ? address.slice(7) : address;
  return a === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

/**
 * A page on another site can make the browser resolve its own host name to
 * 127.0.0.1 (DNS rebinding); the Host header still carries that name, so only our
 * own two spellings of the address are let in.
 */
export function isOwnHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  const h = host.toLowerCase();
  return h === `127.0.0.1:${port}` || h === `localhost:${port}`;
}

/**
 * Why a request is turned away before anything else is looked at, or null: only
 * this computer (the server listens on 127.0.0.1, and checks again in case it is
 * ever bound wider), and only by our own address (see isOwnHost).
 */
export function callerRefusal(remoteAddress: string | undefined, host: string | undefined, port: number): string | null {
  if (!isLoopback(remoteAddress)) return 'JobTrail answers this computer only.\n';
  if (!isOwnHost(host, port)) return `Use http://127.0.0.1:${port}/ to reach JobTrail.\n`;
  return null;
}

/** Compares digests, not the strings, so neither the content nor the length of the token leaks through timing. */
export function tokenMatches(authorization: string | undefined, token: string): boolean {
  const m = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(authorization ?? '');
  if (!m) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(m[1]), digest(token));
}

/** The page's id for its tab (kept across reloads): the session key must not be something odd a caller made up to look like another transport's. */
export function clientId(header: string | string[] | undefined): string | null {
  return typeof header === 'string' && /^[A-Za-z0-9_-]{8,100}$/.test(header) ? header : null;
}

export class BodyError extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
  }
}

/** Reads at most `limit` bytes of JSON; a larger body is refused before it is held in memory. */
export async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') throw new BodyError(400, 'The body must be JSON (Content-Type: application/json).');
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw new BodyError(413, `The body is larger than ${limit} bytes.`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyError(413, `The body is larger than ${limit} bytes.`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BodyError(400, 'The body is not valid JSON.');
  }
}
