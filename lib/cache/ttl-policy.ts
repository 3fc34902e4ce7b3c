/** Why an answer gets the TTL it gets; shown in logs so cache behaviour can be explained. */
export type CacheStrategy = 'documentation' | 'low_confidence' | 'personal' | 'time_sensitive' | 'disabled';

export interface TtlSettings {
  /** TTL for answers grounded in the docs; 0 turns caching off. */
  documentationSeconds: number;
  /** TTL for answers the docs did not cover well. */
  lowConfidenceSeconds: number;
}

const personalPattern =
  /\b(?:my|mine|our)\s+(?:own\s+)?(?:account|order|orders|subscription|bill|billing|invoice|payment|password|email|e-mail|address|phone|name|profile|balance|records?|ticket|card|bank|salary|appointment|booking|reservation|medical|diagnosis|username|login|credentials?)\b|\b(?:who am i|about me|my personal)\b/i;

const timeSensitivePattern =
  /\b(?:today|tonight|tomorrow|yesterday|right now|as of now|at the moment|currently|this (?:week|month|year|morning|afternoon|evening)|latest|newest|most recent|recently|up[- ]to[- ]date|current (?:version|release|status|time|date|price|weather)|what time|what day|what date|news|weather|stock price|exchange rate)\b/i;

/** Placeholders left by PII redaction: a question that had them is about someone in particular. */
const redactionPlaceholder = /\[(?:EMAIL|PHONE|CARD|IBAN|SECRET|IP)\]/;

/** Whether a question's right answer depends on who asks or when: such answers are never cached. */
export function questionSensitivity(question: string): 'personal' | 'time_sensitive' | undefined {
  if (personalPattern.test(question) || redactionPlaceholder.test(question)) return 'personal';
  if (timeSensitivePattern.test(question)) return 'time_sensitive';
  return undefined;
}

/**
 * Decides how long an answer may be served from the cache. Personal and time-sensitive
 * questions are never cached; answers with weak sources expire sooner than well-grounded
 * documentation answers.
 */
export function cacheStrategy(
  question: string,
  answer: { lowConfidence: boolean },
  settings: TtlSettings,
): { strategy: CacheStrategy; ttlSeconds: number } {
  if (settings.documentationSeconds <= 0) return { strategy: 'disabled', ttlSeconds: 0 };
  const sensitivity = questionSensitivity(question);
  if (sensitivity) return { strategy: sensitivity, ttlSeconds: 0 };
  if (answer.lowConfidence) {
    return {
      strategy: 'low_confidence',
      ttlSeconds: Math.min(settings.lowConfidenceSeconds, settings.documentationSeconds),
    };
  }
  return { strategy: 'documentation', ttlSeconds: settings.documentationSeconds };
}
