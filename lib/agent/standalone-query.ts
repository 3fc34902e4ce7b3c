import type { ConversationTurn } from '../contracts/conversation';
import type { AnswerModel } from '../contracts/models';
import { logger } from '../logger';
import { buildRewriteMessages, rewritePromptVersion } from '../prompts/rewrite-prompt';
import { contentTerms, contentWords, hasReferenceWord } from '../text/query-terms';

/** The query used for retrieval, and how it was made from the question. */
export interface StandaloneQuery {
  query: string;
  method: 'as-is' | 'merged' | 'llm';
}

const connectorPattern = /^\s*(and|or|but|also|so|then|what about|how about|same for|now)\b/i;
/** Words that only make sense against an earlier answer: "… as the separator instead?" */
const alternativePattern = /\b(instead|rather)\b/i;
/** "What is a set?": a definition question names its whole topic, however short. */
const definitionPattern =
  /^\s*(what|who)\s+(is|are|was|were)\s+(an?\s+|the\s+)?[\p{L}\p{N}_.$-]+\s*\??\s*$/iu;
const maxMergedWords = 8;
const maxUserTurnsBack = 3;
const rewriteTimeoutMs = 4_000;
const maxRewriteChars = 300;

/**
 * True when a question only makes sense with the previous turn: it refers back ("it", "that"),
 * starts as a continuation ("and how…", "what about…"), asks for an alternative ("…instead?")
 * or names at most one topic word ("in reverse order?"), unless it asks what that one thing is
 * ("What is a set?" stands on its own).
 */
export function isFollowUp(question: string, history: ConversationTurn[]): boolean {
  if (!history.some((turn) => turn.role === 'user')) return false;
  return (
    hasReferenceWord(question) ||
    connectorPattern.test(question) ||
    alternativePattern.test(question) ||
    (contentTerms(question).length <= 1 && !definitionPattern.test(question))
  );
}

/**
 * Builds a standalone query without a model: the question plus the topic words of the user
 * turns it follows (walking back through chained follow-ups to the question that set the topic).
 */
export function mergeFollowUpQuery(question: string, history: ConversationTurn[]): StandaloneQuery {
  if (!isFollowUp(question, history)) return { query: question, method: 'as-is' };
  const known = new Set(contentTerms(question));
  const added: string[] = [];
  let userTurnsSeen = 0;
  for (let index = history.length - 1; index >= 0 && userTurnsSeen < maxUserTurnsBack; index -= 1) {
    const turn = history[index];
    if (turn.role !== 'user') continue;
    userTurnsSeen += 1;
    for (const word of contentWords(turn.text)) {
      const [term] = contentTerms(word);
      if (term && !known.has(term) && added.length < maxMergedWords) {
        known.add(term);
        added.push(word);
      }
    }
    // Stop at the first earlier question that stood on its own: it set the topic.
    if (!isFollowUp(turn.text, history.slice(0, index))) break;
  }
  if (!added.length) return { query: question, method: 'as-is' };
  return { query: `${question} ${added.join(' ')}`, method: 'merged' };
}

/**
 * Asks the model for a standalone rewrite of a follow-up. Cheap by design: only called for
 * follow-ups, short timeout, and any failure or implausible output falls back to the merge.
 */
export async function rewriteFollowUpQuery(
  model: AnswerModel,
  question: string,
  history: ConversationTurn[],
  signal: AbortSignal,
): Promise<StandaloneQuery> {
  const merged = mergeFollowUpQuery(question, history);
  if (merged.method === 'as-is') return merged;
  try {
    let text = '';
    const rewriteSignal = AbortSignal.any([signal, AbortSignal.timeout(rewriteTimeoutMs)]);
    const messages = buildRewriteMessages(question, history);
    for await (const event of model.stream({ messages, question, context: [], signal: rewriteSignal })) {
      // A fallback model (e.g. the extractive generator) cannot rewrite; keep the merge.
      if (event.type === 'fallback') return merged;
      if (event.type === 'text') text += event.text;
      if (text.length > maxRewriteChars) return merged;
    }
    const rewritten = text.trim().replace(/^["'`]|["'`]$/g, '');
    return isPlausibleRewrite(rewritten, merged.query) ? { query: rewritten, method: 'llm' } : merged;
  } catch (error) {
    signal.throwIfAborted();
    logger.warn('query_rewrite_failed', { promptVersion: rewritePromptVersion, error });
    return merged;
  }
}

function isPlausibleRewrite(rewritten: string, merged: string): boolean {
  if (!rewritten || rewritten.includes('\n')) return false;
  const expected = new Set(contentTerms(merged));
  return contentTerms(rewritten).some((term) => expected.has(term));
}
