import { describe, expect, it } from 'vitest';
import { isTrustedProxy, normalizeAddress, parseTrustProxy } from './trusted-proxies';

function trusted(list: string, address: string): boolean {
  const trust = parseTrustProxy(list);
  if (trust.kind !== 'ranges') throw new Error(`expected ranges, got ${trust.kind}`);
  const normalized = normalizeAddress(address);
  return normalized !== undefined && isTrustedProxy(trust.ranges, normalized);
}

describe('normalizeAddress', () => {
  it.each([
    ['203.0.113.5', '203.0.113.5'],
    [' 203.0.113.5:8080 ', '203.0.113.5'],
    ['::ffff:10.0.0.1', '10.0.0.1'],
    ['[2001:DB8::0001]:443', '2001:db8::1'],
    ['2001:db8:0:0:0:0:0:1', '2001:db8::1'],
    ['fe80::1%eth0', 'fe80::1'],
  ])('reads %j as %j', (raw, expected) => {
    expect(normalizeAddress(raw)).toBe(expected);
  });

  it.each(['', 'unknown', '999.1.1.1', '1.2.3', `1.2.3.4${' '.repeat(100)}x`, 'x'.repeat(10_000)])(
    'refuses %j',
    (raw) => {
      expect(normalizeAddress(raw)).toBeUndefined();
    },
  );
});

describe('parseTrustProxy', () => {
  it('trusts nothing when unset, empty, 0 or false', () => {
    for (const value of [undefined, '', ' ', '0', 'false'])
      expect(parseTrustProxy(value)).toEqual({ kind: 'none' });
  });

  it('reads a whole number as a hop count', () => {
    expect(parseTrustProxy('1')).toEqual({ kind: 'hops', hops: 1 });
    expect(parseTrustProxy('2')).toEqual({ kind: 'hops', hops: 2 });
    expect(() => parseTrustProxy('1000')).toThrow(/hop count/);
  });

  it('matches IPv4 and IPv6 CIDR ranges and single addresses', () => {
    const list = '10.0.0.0/8, 192.168.1.7, ::1, fd00::/8';
    expect(trusted(list, '10.200.3.4')).toBe(true);
    expect(trusted(list, '11.0.0.1')).toBe(false);
    expect(trusted(list, '192.168.1.7')).toBe(true);
    expect(trusted(list, '192.168.1.8')).toBe(false);
    expect(trusted(list, '::1')).toBe(true);
    expect(trusted(list, '[fd12:3456::1]:80')).toBe(true);
    expect(trusted(list, 'fe80::1')).toBe(false);
    // An IPv4-mapped IPv6 peer (a dual-stack socket) is its IPv4 address.
    expect(trusted(list, '::ffff:10.1.1.1')).toBe(true);
    expect(trusted('0.0.0.0/0', '8.8.8.8')).toBe(true);
  });

  it.each([
    ['10.0.0.0/33', /prefix length outside 0-32/],
    ['::/129', /prefix length outside 0-128/],
    ['10.0.0.0/8/1', /not an IP address or CIDR range/],
    ['proxy.internal', /not an IP address or CIDR range/],
    ['10.0.0.0/x', /prefix length/],
  ])('refuses %j, naming the entry', (value, message) => {
    expect(() => parseTrustProxy(value)).toThrow(message);
  });
});
