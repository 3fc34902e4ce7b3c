import { getConfig } from '../config';
import type { AlertEvent } from '../contracts/dashboard';
import { logger } from '../logger';
import { alertMessage, alertRulesFromConfig, evaluateRule } from './alert-rules';
import { computeAlertStats } from './alert-stats';
import { getAlertStore } from './alert-store';

/**
 * Evaluates every alert rule at `now`: fires new alerts, updates firing ones (value, peak,
 * severity) and resolves those whose condition cleared. Returns the alerts still active.
 * Callers run one evaluation at a time (lib/operations/background-jobs chains them), so two
 * cannot both fire the same rule.
 */
export async function evaluateAlerts(now = Date.now()): Promise<AlertEvent[]> {
  const config = getConfig();
  const store = getAlertStore();
  const [stats, firing] = await Promise.all([computeAlertStats(config, now), store.listActive()]);
  const active = new Map(firing.map((alert) => [alert.rule, alert]));
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
        await store.update(current.id, { ...state, peakValue: worse(current.peakValue, outcome.value) });
      } else {
        await store.insert(state, now);
        logger.warn('alert_fired', { rule: rule.id, severity: state.severity, message: state.message });
      }
    } else if (current) {
      await store.resolve(current.id, now);
      logger.info('alert_resolved', { rule: rule.id, firedAt: current.firedAt });
    }
  }
  return store.listActive();
}
