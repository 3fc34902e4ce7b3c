import { getConfig } from '../config';
import {
  isTrustedProxy,
  maxChainHops,
  normalizeAddress,
  parseTrustProxy,
  type TrustProxy,
} from '../network/trusted-proxies';
import { boundedKey } from './bounded-key';

/** The key of requests whose peer is unknown (no forwarding chain at all). */
export const anonymousClient = 'anonymous';

let parsed: { text: string | undefined; trust: TrustProxy } | undefined;

function trustProxy(): TrustProxy {
  const text = getConfig().TRUST_PROXY;
  if (!parsed || parsed.text !== text) parsed = { text, trust: parseTrustProxy(text) };
  return parsed.trust;
}

/**
 * The last `count` entries of the X-Forwarded-For chain, nearest hop last, read back from
 * the end so a header with thousands of client-written entries costs no more than a short one.
 */
function lastHops(header: string, count: number): string[] {
  const hops: string[] = [];
  let end = header.length;
  while (hops.length < count && end > 0) {
    const start = header.lastIndexOf(',', end - 1);
    const hop = header.slice(start + 1, end).trim();
    if (hop) hops.unshift(hop);
    end = Math.max(start, 0);
  }
  return hops;
}

function pick(hops: string[], trust: TrustProxy): string | undefined {
  if (trust.kind === 'none') return hops.at(-1);
  if (trust.kind === 'hops') return hops[Math.max(0, hops.length - 1 - trust.hops)];
  for (let index = hops.length - 1; index >= 0; index -= 1) {
    const address = normalizeAddress(hops[index]);
    // A hop that is not an address cannot be a proxy of ours: whoever wrote it is the client.
    if (!address || !isTrustedProxy(trust.ranges, address)) return hops[index];
  }
  return hops[0];
}

/**
 * True when the socket's peer is a proxy `TRUST_PROXY` names, so the forwarding headers it
 * sends (protocol, host) are the proxy's word rather than the client's.
 */
export function isTrustedPeer(peer: string | undefined): boolean {
  const trust = trustProxy();
  if (trust.kind === 'none') return false;
  if (trust.kind === 'hops') return trust.hops > 0;
  const address = peer === undefined ? undefined : normalizeAddress(peer);
  return address !== undefined && isTrustedProxy(trust.ranges, address);
}

/**
 * Who sent a request: the right-most X-Forwarded-For address not written by a trusted proxy.
 * The production server (lib/http/production-server) replaces whatever the client sent with
 * the real chain, the socket's peer last; without `TRUST_PROXY` that peer is the client, with
 * it the hops it names are skipped. Always short: an address in canonical form, or a hash of
 * whatever else the chosen hop holds, so a forged header can never become a huge key.
 */
export function clientAddress(request: Request): string {
  const header = request.headers.get('x-forwarded-for');
  if (!header) return anonymousClient;
  const trust = trustProxy();
  const wanted = trust.kind === 'hops' ? trust.hops + 1 : trust.kind === 'none' ? 1 : maxChainHops;
  const chosen = pick(lastHops(header, wanted), trust);
  if (!chosen) return anonymousClient;
  return normalizeAddress(chosen) ?? boundedKey(`unparsed:${chosen}`);
}
