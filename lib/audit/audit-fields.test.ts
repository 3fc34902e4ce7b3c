import { beforeAll, describe, expect, it } from 'vitest';
import { setConfig } from '../config';
import {
  boundAuditEntry,
  boundAuditText,
  maxAuditEntryBytes,
  maxAuditFieldChars,
  serializeAuditEvent,
} from './audit-fields';

beforeAll(() => setConfig({ LOG_LEVEL: 'silent' }));
const now = new Date('2025-06-01T00:00:00Z');

describe('boundAuditText', () => {
  it('keeps short values as they are', () => {
    expect(boundAuditText('203.0.113.9')).toBe('203.0.113.9');
  });

  it('cuts long values with a marker giving the original length', () => {
    const bounded = boundAuditText('x'.repeat(15_000));
    expect(bounded).toBe(`${'x'.repeat(maxAuditFieldChars)}…[truncated, 15000 chars]`);
  });

  it('replaces control characters, line separators and bidi overrides', () => {
    expect(boundAuditText('a\r\nb\u0000c\u2028d\u202ee\u0085f')).toBe('a b c d e f');
  });

  it('masks personal data when asked, within the bound', () => {
    expect(boundAuditText('failed for jane@example.com', { redact: true })).toBe('failed for [EMAIL]');
    expect(boundAuditText(`${'jane@example.com '.repeat(1000)}`, { redact: true }).length).toBeLessThan(
      maxAuditFieldChars + 40,
    );
  });
});

describe('boundAuditEntry and serializeAuditEvent', () => {
  it('bounds every text field and the number of details', () => {
    const long = 'y'.repeat(10_000);
    const details = Object.fromEntries(Array.from({ length: 40 }, (_, index) => [`key${index}`, long]));
    const event = boundAuditEntry(
      { actor: long, ip: long, action: long, target: long, result: 'denied', details },
      now,
    );
    for (const value of [event.actor, event.ip, event.action, event.target]) {
      expect(value?.length).toBeLessThan(maxAuditFieldChars + 40);
    }
    expect(Object.keys(event.details ?? {})).toHaveLength(33);
    expect(event.details?.droppedDetails).toBe(8);
    expect(
      Object.keys(
        boundAuditEntry({ actor: 'a', action: 'b', result: 'ok', details: { [long]: 1 } }, now).details ?? {},
      )[0].length,
    ).toBeLessThan(120);
    const line = serializeAuditEvent(event);
    expect(Buffer.byteLength(line)).toBeLessThanOrEqual(maxAuditEntryBytes);
    expect(JSON.parse(line)).toMatchObject({ result: 'denied', details: { detailsDropped: true } });
  });
});
