import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useTemporaryDataDir } from '@/tests/support/metrics-fixtures';
import { recentFailure, resetFailureEvents } from '../telemetry/failure-events';
import { getMetricsDatabase } from './metrics-db';
import { recordTurnStart } from './record-turn-start';
import { getTurn } from './turn-store';
import { closeUnfinishedTurns } from './unfinished-turns';

let temporary: ReturnType<typeof useTemporaryDataDir>;
const now = 1_700_000_000_000;

beforeEach(() => {
  temporary = useTemporaryDataDir({ TURN_TIMEOUT_MS: '60000' });
  resetFailureEvents();
});
afterEach(() => temporary.cleanup());

/** Stores an in-progress turn as if another process (`owner`) had started it at `startedAt`. */
function startedBy(id: string, owner: string, startedAt = now): void {
  recordTurnStart({ id, startedAt, endpoint: 'chat', model: 'gpt-4o-mini', provider: 'openai' }, startedAt);
  getMetricsDatabase().prepare('UPDATE turns SET owner = ? WHERE id = ?').run(owner, id);
}

/** A pid that belonged to a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '0']);
  return child.pid ?? 999_999;
}

describe('closeUnfinishedTurns', () => {
  it('closes turns of a process that is gone, and leaves a living process and this one alone', () => {
    startedBy('dead', `${deadPid()}:nonce`);
    startedBy('living', `${process.ppid}:nonce`);
    recordTurnStart({ id: 'mine', startedAt: now, endpoint: 'chat', model: 'm', provider: 'openai' }, now);

    expect(closeUnfinishedTurns(getMetricsDatabase(), now + 1000)).toBe(1);
    expect(getTurn('dead')).toMatchObject({ status: 'interrupted', errorCode: 'server_restarted' });
    expect(getTurn('living')?.status).toBe('in_progress');
    expect(getTurn('mine')?.status).toBe('in_progress');
    expect(recentFailure('turn_interrupted_by_restart', now + 1000)?.total).toBe(1);
  });

  it('a restarted server with the same pid (a container) closes its predecessor turns', () => {
    startedBy('before-restart', `${process.pid}:an-earlier-process`);
    expect(closeUnfinishedTurns(getMetricsDatabase(), now + 1000)).toBe(1);
    expect(getTurn('before-restart')?.status).toBe('interrupted');
  });

  it('a row older than any turn deadline is closed even if its pid is alive again', () => {
    startedBy('overdue', `${process.ppid}:nonce`, now);
    expect(closeUnfinishedTurns(getMetricsDatabase(), now + 60_000 + 60_001)).toBe(1);
    expect(getTurn('overdue')?.status).toBe('interrupted');
  });
});
