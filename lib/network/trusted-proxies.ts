import net from 'node:net';

/**
 * Which forwarding hops to believe, from `TRUST_PROXY`:
 * - `none`: no proxy; the socket's peer is the client.
 * - `hops`: this many proxies stand in front (the socket's peer is the nearest one).
 * - `ranges`: every hop whose address is in one of these ranges is a proxy.
 */
export type TrustProxy =
  | { kind: 'none' }
  | { kind: 'hops'; hops: number }
  | { kind: 'ranges'; ranges: net.BlockList; text: string };

// An IPv6 address with a zone is at most 45 characters; anything much longer is not an address.
const maxAddressLength = 64;
const maxHops = 32;

/**
 * An address as written in a forwarding header or by the socket, in canonical form, or
 * undefined when it is not an IP address. Accepts `[v6]:port`, `v4:port`, zone ids and
 * IPv4-mapped IPv6 (`::ffff:10.0.0.1` becomes `10.0.0.1`, so one client has one key).
 */
export function normalizeAddress(raw: string): string | undefined {
  let text = raw.trim();
  if (text.length === 0 || text.length > maxAddressLength) return undefined;
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(text);
  if (bracketed) text = bracketed[1];
  else if (/^[\d.]+:\d{1,5}$/.test(text)) text = text.slice(0, text.indexOf(':'));
  text = text.replace(/%.*$/, '').toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
  if (mapped) text = mapped[1];
  const version = net.isIP(text);
  if (version === 0) return undefined;
  return version === 6 ? new net.SocketAddress({ address: text, family: 'ipv6' }).address : text;
}

function addRange(ranges: net.BlockList, entry: string): void {
  const [base, prefix, ...rest] = entry.split('/');
  const address = normalizeAddress(base);
  if (!address || rest.length > 0) throw new Error(`"${entry}" is not an IP address or CIDR range`);
  const family = net.isIP(address) === 6 ? 'ipv6' : 'ipv4';
  if (prefix === undefined) {
    ranges.addAddress(address, family);
    return;
  }
  const bits = Number(prefix);
  const widest = family === 'ipv6' ? 128 : 32;
  if (!/^\d{1,3}$/.test(prefix) || bits > widest) {
    throw new Error(`"${entry}" has a prefix length outside 0-${widest}`);
  }
  ranges.addSubnet(address, bits, family);
}

/**
 * Parses `TRUST_PROXY`: empty, `0` or `false` trust no proxy; a whole number is a hop count;
 * otherwise a comma list of proxy addresses and CIDR ranges, IPv4 or IPv6
 * (`10.0.0.0/8,::1`). Throws an Error naming the bad entry.
 */
export function parseTrustProxy(text: string | undefined): TrustProxy {
  const value = text?.trim() ?? '';
  if (value === '' || value === '0' || value.toLowerCase() === 'false') return { kind: 'none' };
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > maxHops) throw new Error(`a hop count above ${maxHops} is not plausible`);
    return { kind: 'hops', hops };
  }
  const ranges = new net.BlockList();
  for (const entry of value.split(',')) {
    if (entry.trim()) addRange(ranges, entry.trim());
  }
  return { kind: 'ranges', ranges, text: value };
}

/** True when `address` (already normalized) is one of the trusted proxies in `ranges`. */
export function isTrustedProxy(ranges: net.BlockList, address: string): boolean {
  return ranges.check(address, net.isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/** The most hops any chain is read back through, so a header of thousands of entries costs nothing. */
export const maxChainHops = maxHops + 1;
