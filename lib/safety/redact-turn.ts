import { getConfig } from '../config';
import type { ConversationTurn } from '../contracts/conversation';
import { logger } from '../logger';
import { observePiiRedactions } from '../telemetry/prometheus';
import { addCounts, blockedError, maskPii, type PiiCounts, type PiiMode, redactForModel } from './redact-pii';

export interface RedactedTurn {
  question: string;
  history: ConversationTurn[];
  counts: PiiCounts;
  total: number;
}

/**
 * With `PII_MODE=block`, refuses a question that holds personal data (400 `pii_blocked`): the
 * chat endpoints call it while validating, so the refusal is a JSON error before the stream
 * starts. Earlier messages are never refused: an earlier answer may quote example addresses
 * from the docs, and {@link redactTurn} masks them.
 */
export function refuseBlockedQuestion(question: string, mode: PiiMode = getConfig().PII_MODE): void {
  if (mode !== 'block') return;
  const redaction = maskPii(question);
  if (redaction.total === 0) return;
  report(mode, redaction.counts, true);
  throw blockedError(redaction.counts);
}

/**
 * Redacts a turn before anything else sees it (router, retrieval, model provider, logs,
 * metrics): the question and every earlier message. With `PII_MODE=block` a question holding
 * personal data is refused (400 `pii_blocked`); earlier messages are masked instead, since an
 * earlier answer may quote example addresses from the docs. Counts go to the metrics.
 */
export function redactTurn(
  question: string,
  history: readonly ConversationTurn[],
  mode: PiiMode = getConfig().PII_MODE,
): RedactedTurn {
  if (mode === 'off') return { question, history: [...history], counts: {}, total: 0 };
  const counts: PiiCounts = {};
  let total = 0;
  const redactedHistory = history.map((turn) => {
    const redaction = redactForModel(turn.text, 'mask');
    addCounts(counts, redaction.counts);
    total += redaction.total;
    return redaction.total ? { ...turn, text: redaction.text } : turn;
  });
  let redactedQuestion: string;
  try {
    const redaction = redactForModel(question, mode);
    addCounts(counts, redaction.counts);
    total += redaction.total;
    redactedQuestion = redaction.text;
  } catch (error) {
    report(mode, addCounts(counts, redactForModel(question, 'mask').counts), true);
    throw error;
  }
  if (total > 0) report(mode, counts, false);
  return { question: redactedQuestion, history: redactedHistory, counts, total };
}

function report(mode: PiiMode, counts: PiiCounts, blocked: boolean): void {
  logger.info('pii_redacted', { mode, blocked, counts });
  observePiiRedactions(counts, blocked ? 'blocked' : 'masked');
}
