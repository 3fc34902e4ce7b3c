import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setConfig } from '../config';
import { appendAudit, auditDirectory, readAuditEvents } from './audit-log';
import { cliActor } from './cli-actor';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-test-'));
beforeAll(() => setConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('audit log', () => {
  it('appends JSON lines under DATA_DIR/audit, one file per month, and reads newest first', () => {
    appendAudit(
      { actor: 'admin (session)', action: 'feedback.export', result: 'ok' },
      new Date('2025-05-31T23:00:00Z'),
    );
    appendAudit(
      { actor: cliActor(), action: 'ingest.run', target: 'python', result: 'ok', details: { chunks: 120 } },
      new Date('2025-06-01T01:00:00Z'),
    );
    expect(fs.readdirSync(auditDirectory()).sort()).toEqual(['audit-2025-05.jsonl', 'audit-2025-06.jsonl']);
    const events = readAuditEvents();
    expect(events.map((event) => event.action)).toEqual(['ingest.run', 'feedback.export']);
    expect(events[0]).toMatchObject({
      time: '2025-06-01T01:00:00.000Z',
      target: 'python',
      result: 'ok',
      details: { chunks: 120 },
    });
    expect(events[0].actor).toMatch(/^cli .+@.+/);
  });

  it('only ever appends: earlier lines are untouched', () => {
    const file = path.join(auditDirectory(), 'audit-2025-06.jsonl');
    const before = fs.readFileSync(file, 'utf8');
    appendAudit(
      { actor: 'admin', action: 'cache.invalidate', result: 'ok' },
      new Date('2025-06-02T00:00:00Z'),
    );
    const after = fs.readFileSync(file, 'utf8');
    expect(after.startsWith(before)).toBe(true);
    expect(after.trim().split('\n')).toHaveLength(before.trim().split('\n').length + 1);
  });

  it('masks personal data in targets and details', () => {
    appendAudit({
      actor: 'admin',
      action: 'ingest.run',
      target: 'docs of jane@example.com',
      result: 'error',
      details: { error: 'failed for 192.168.0.7' },
    });
    const event = readAuditEvents(1)[0];
    expect(event.target).toBe('docs of [EMAIL]');
    expect(event.details?.error).toBe('failed for [IP]');
  });

  it('skips a torn last line and respects the limit', () => {
    fs.appendFileSync(path.join(auditDirectory(), 'audit-2099-01.jsonl'), '{"action":"x","ti');
    expect(readAuditEvents(2)).toHaveLength(2);
    expect(readAuditEvents().every((event) => event.action !== 'x')).toBe(true);
  });

  it('never throws when the directory cannot be written', () => {
    fs.rmSync(path.join(dataDir, 'audit'), { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'audit'), 'not a directory');
    expect(() => appendAudit({ actor: 'admin', action: 'x', result: 'ok' })).not.toThrow();
    fs.rmSync(path.join(dataDir, 'audit'));
  });
});
