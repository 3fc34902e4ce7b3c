import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, setConfig } from '../config';
import { clientAddress } from './client-address';

const from = (forwardedFor?: string, realIp?: string) =>
  new Request('http://app.test/api/chat', {
    headers: {
      ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
      ...(realIp ? { 'x-real-ip': realIp } : {}),
    },
  });

afterAll(() => setConfig({}));

describe('clientAddress', () => {
  it('without TRUST_PROXY takes the last hop (the socket peer the server appended)', () => {
    setConfig({ TRUST_PROXY: '' });
    expect(clientAddress(from('1.1.1.1, 2.2.2.2, ::ffff:127.0.0.1'))).toBe('127.0.0.1');
    expect(clientAddress(from(undefined, '192.0.2.4'))).toBe('anonymous');
  });

  it('with a hop count skips that many hops from the right, and stops at the left-most', () => {
    setConfig({ TRUST_PROXY: '2' });
    expect(clientAddress(from('9.9.9.9, 203.0.113.1, 10.0.0.2, 127.0.0.1'))).toBe('203.0.113.1');
    expect(clientAddress(from('10.0.0.2, 127.0.0.1'))).toBe('10.0.0.2');
  });

  it('with proxy ranges takes the right-most untrusted hop; a non-address hop is never a proxy', () => {
    setConfig({ TRUST_PROXY: '127.0.0.1,10.0.0.0/8' });
    expect(clientAddress(from('9.9.9.9, 203.0.113.1, 10.0.0.2, 127.0.0.1'))).toBe('203.0.113.1');
    expect(clientAddress(from('10.0.0.3, 127.0.0.1'))).toBe('10.0.0.3');
    expect(clientAddress(from('203.0.113.1, garbage, 127.0.0.1'))).toBe('unparsed:garbage');
  });

  it('reads a header of thousands of entries from the end and returns a short key', () => {
    setConfig({ TRUST_PROXY: '3' });
    const long = Array.from({ length: 5_000 }, (_, index) => `client-${'y'.repeat(60)}-${index}`).join(',');
    const key = clientAddress(from(`${long}, 127.0.0.1`));
    expect(key).toMatch(/^sha256:[0-9a-f]{32}$/);
  });

  it('a bad TRUST_PROXY stops start-up with one line naming it', () => {
    expect(() => setConfig({ TRUST_PROXY: '10.0.0.0/40' })).toThrow(ConfigError);
    expect(() => setConfig({ TRUST_PROXY: '10.0.0.0/40' })).toThrow(
      'Invalid configuration: TRUST_PROXY="10.0.0.0/40" "10.0.0.0/40" has a prefix length outside 0-32',
    );
  });
});
