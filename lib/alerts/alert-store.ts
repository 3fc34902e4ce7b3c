import type { AlertEvent } from '../contracts/dashboard';
import type { AlertState, AlertStore } from '../contracts/stores';
import { prepared } from '../metrics/metrics-db';

interface AlertRow extends Omit<AlertEvent, 'peakValue' | 'firedAt' | 'resolvedAt'> {
  peak_value: number;
  fired_at: number;
  resolved_at: number | null;
}

function toEvent(row: AlertRow): AlertEvent {
  return {
    id: row.id,
    rule: row.rule,
    severity: row.severity,
    message: row.message,
    value: row.value,
    threshold: row.threshold,
    peakValue: row.peak_value,
    firedAt: row.fired_at,
    resolvedAt: row.resolved_at,
  };
}

/** Alerts firing now, newest first. */
export function listActiveAlerts(): AlertEvent[] {
  return (
    prepared(
      'SELECT * FROM alerts WHERE resolved_at IS NULL ORDER BY fired_at DESC, id DESC',
    ).all() as AlertRow[]
  ).map(toEvent);
}

/** The most recent alerts, active or resolved, newest first. */
export function listAlertHistory(limit: number): AlertEvent[] {
  return (
    prepared('SELECT * FROM alerts ORDER BY fired_at DESC, id DESC LIMIT ?').all(limit) as AlertRow[]
  ).map(toEvent);
}

/** Records a newly firing alert; returns its id. */
export function insertAlert(state: AlertState, firedAt: number): number {
  const result = prepared(
    `INSERT INTO alerts (rule, severity, message, value, threshold, peak_value, fired_at)
     VALUES (@rule, @severity, @message, @value, @threshold, @peakValue, @firedAt)`,
  ).run({ ...state, firedAt });
  return Number(result.lastInsertRowid);
}

/** Updates a still-firing alert with the latest value (and severity, if it changed). */
export function updateAlert(id: number, state: AlertState): void {
  prepared(
    `UPDATE alerts SET severity = @severity, message = @message, value = @value, threshold = @threshold,
       peak_value = @peakValue WHERE id = @id`,
  ).run({ ...state, id });
}

/** Marks an alert resolved. */
export function resolveAlert(id: number, resolvedAt: number): void {
  prepared('UPDATE alerts SET resolved_at = ? WHERE id = ? AND resolved_at IS NULL').run(resolvedAt, id);
}

/** Deletes alerts resolved before `before`; returns how many went. */
export function pruneAlerts(before: number): number {
  return prepared('DELETE FROM alerts WHERE resolved_at IS NOT NULL AND resolved_at < ?').run(before).changes;
}

/** Alerts in the embedded SQLite metrics database. */
export const sqliteAlertStore: AlertStore = {
  listActive: async () => listActiveAlerts(),
  listHistory: async (limit) => listAlertHistory(limit),
  insert: async (state, firedAt) => insertAlert(state, firedAt),
  update: async (id, state) => updateAlert(id, state),
  resolve: async (id, resolvedAt) => resolveAlert(id, resolvedAt),
  prune: async (before) => pruneAlerts(before),
};

/** The alert store this process uses: the embedded one until a shared store is configured. */
export function getAlertStore(): AlertStore {
  return sqliteAlertStore;
}
