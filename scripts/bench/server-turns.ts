import { setConfig } from '@/lib/config';
import type { StoredTurn } from '@/lib/contracts/dashboard';
import { listTurns } from '@/lib/metrics/turn-store';
import { questionTag } from './bench-questions';

/** The server's own timings of one turn, as stored in its metrics database. */
export type ServerTurn = Pick<
  StoredTurn,
  'startedAt' | 'routingMs' | 'retrievalMs' | 'modelFirstTokenMs' | 'ttftMs' | 'cacheHit' | 'status'
>;

/**
 * Reads the turns the server recorded between `from` and `to` (epoch ms) from the metrics
 * database in `dataDirectory`, keyed by the question tag each was asked with. The server
 * keeps running: the database is in WAL mode, so reading alongside it is safe.
 */
export function serverTurnsByTag(dataDirectory: string, from: number, to: number): Map<string, ServerTurn> {
  setConfig({ DATA_DIR: dataDirectory, NODE_ENV: 'production' });
  const turns = listTurns({ from, to, limit: 100_000 });
  const byTag = new Map<string, ServerTurn>();
  for (const turn of turns) {
    const tag = turn.question ? questionTag(turn.question) : undefined;
    if (tag) byTag.set(tag, turn);
  }
  return byTag;
}
