/** One earlier message of the conversation, reduced to its text. */
export interface ConversationTurn {
  role: 'user' | 'assistant';
  text: string;
}

/** A question with the conversation that led to it (oldest first, the question excluded). */
export interface Conversation {
  question: string;
  history: ConversationTurn[];
}

/** Matches the `[n]` citation markers the agent adds to answers. */
const citationPattern = /\s?\[\d+\]/g;

/**
 * Drops citation markers from an earlier answer: their numbers pointed at that turn's sources,
 * so inside a new prompt they would point at the wrong passages.
 */
export function stripCitations(text: string): string {
  return text.replace(citationPattern, '');
}

/** The most recent `limit` turns, oldest first, skipping empty ones. */
export function recentTurns(history: ConversationTurn[], limit: number): ConversationTurn[] {
  return history.filter((turn) => turn.text.trim()).slice(-limit);
}
