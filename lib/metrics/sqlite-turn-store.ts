import type { TurnStore } from '../contracts/stores';
import { recordTurnStart } from './record-turn-start';
import { costSince, getTurn, listFilterOptions, listTurnSamples, listTurns, pruneTurns } from './turn-store';
import { turnWindowStats } from './turn-window-stats';
import { writeTurn } from './turn-write-buffer';

/**
 * Turns in the embedded SQLite metrics database: starts are written at once, final records
 * through the write buffer, which keeps them in memory while the database refuses writes.
 */
export const sqliteTurnStore: TurnStore = {
  recordStart: (start) => recordTurnStart(start),
  record: writeTurn,
  samples: async (from, to) => listTurnSamples(from, to),
  windowStats: async (from, to) => turnWindowStats(from, to),
  list: async (filter) => listTurns(filter),
  get: async (id) => getTurn(id),
  filterOptions: async (from, to) => listFilterOptions(from, to),
  costSince: async (from) => costSince(from),
  prune: async (before) => pruneTurns(before),
};

/** The turn store this process uses: the embedded one until a shared store is configured. */
export function getTurnStore(): TurnStore {
  return sqliteTurnStore;
}
