import { getConfig } from '../config';
import type { AlertEvent } from '../contracts/dashboard';
import { logger } from '../logger';
import { getMetricsDatabase } from '../metrics/metrics-db';
import { alertMessage, alertRulesFromConfig, evaluateRule } from './alert-rules';
import { computeAlertStats } from './alert-stats';
import { insertAlert, listActiveAlerts, resolveAlert, updateAlert } from './alert-store';

/**
 * Evaluates every alert rule at `now`: fires new alerts, updates firing ones (value, peak,
 * severity) and resolves those whose condition cleared. Returns the alerts still active.
 */
export function evaluateAlerts(now = Date.now()): AlertEvent[] {
  const config = getConfig();
  const stats = computeAlertStats(config, now);
  return getMetricsDatabase().transaction(() => {
    const active = new Map(listActiveAlerts().map((alert) => [alert.rule, alert]));
    for (const rule of alertRulesFromConfig(config)) {
      const outcome = evaluateRule(rule, stats);
      const current = active.get(rule.id);
      if (outcome.severity && outcome.value !== null && outcome.threshold !== null) {
        const state = {
          rule: rule.id,
          severity: outcome.severity,
          message: alertMessage(outcome),
          value: outcome.value,
          threshold: outcome.threshold,
          peakValue: outcome.value,
        };
        if (current) {
          const worse = rule.comparison === 'above' ? Math.max : Math.min;
          updateAlert(current.id, { ...state, peakValue: worse(current.peakValue, outcome.value) });
        } else {
          insertAlert(state, now);
          logger.warn('alert_fired', { rule: rule.id, severity: state.severity, message: state.message });
        }
      } else if (current) {
        resolveAlert(current.id, now);
        logger.info('alert_resolved', { rule: rule.id, firedAt: current.firedAt });
      }
    }
    return listActiveAlerts();
  })();
}
