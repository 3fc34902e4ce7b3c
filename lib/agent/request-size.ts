import type { ConversationTurn } from '../contracts/conversation';
import { AppError } from '../errors';
import { countTokensUpTo } from '../prompts/token-count';
import type { TurnDependencies } from './turn-types';

/** The whole-request size limits, and the model whose encoding counts the tokens. */
export type RequestSizeLimits = Pick<
  TurnDependencies,
  'maxQuestionChars' | 'maxMessageChars' | 'maxHistoryChars' | 'maxRequestTokens' | 'answerModel'
>;

/** Tokens framing each chat message (role and separators), as the prompt counts them. */
const tokensPerMessage = 4;

/**
 * Most tokens one UTF-16 code unit can add: a token covers at least one UTF-8 byte, and a code
 * unit encodes to at most three (a surrogate pair, two units, to four).
 */
const maxTokensPerCodeUnit = 3;

function tooLarge(publicMessage: string): AppError {
  return new AppError('bad_request', { publicMessage });
}

/**
 * Refuses a request too large to process safely, before any tokenizer, pattern or masking
 * work sees its text: character limits first (each earlier message, all of them, the
 * question), which cost nothing, then the tokens of the whole request, counted only up to the
 * limit, and only when its length leaves the limit within reach. `question` is the trimmed
 * question.
 */
export function checkRequestSize(
  question: string,
  history: ConversationTurn[],
  limits: RequestSizeLimits,
): void {
  let historyChars = 0;
  for (const turn of history) {
    if (turn.text.length > limits.maxMessageChars) {
      throw tooLarge(
        `A message in the conversation is ${turn.text.length} characters long; the limit is ${limits.maxMessageChars}. Please start a new chat.`,
      );
    }
    historyChars += turn.text.length;
  }
  if (historyChars > limits.maxHistoryChars) {
    throw tooLarge(
      `The conversation is ${historyChars} characters long; the limit is ${limits.maxHistoryChars}. Please start a new chat.`,
    );
  }
  if (question.length > limits.maxQuestionChars) {
    throw tooLarge(
      `The question is ${question.length} characters long; the limit is ${limits.maxQuestionChars}.`,
    );
  }
  // A request too short to reach the limit even at one token per byte is not counted: encoding
  // a 4,000-ideograph question costs about 15 ms of the event loop, for a foregone answer.
  const framingTokens = 3 + tokensPerMessage * (history.length + 1);
  if (framingTokens + maxTokensPerCodeUnit * (historyChars + question.length) <= limits.maxRequestTokens)
    return;
  const model = limits.answerModel.id;
  let tokens = 3 + tokensPerMessage + countTokensUpTo(question, limits.maxRequestTokens, model);
  for (const turn of history) {
    if (tokens > limits.maxRequestTokens) break;
    tokens += tokensPerMessage + countTokensUpTo(turn.text, limits.maxRequestTokens - tokens, model);
  }
  if (tokens > limits.maxRequestTokens) {
    throw tooLarge(
      `The conversation is longer than ${limits.maxRequestTokens} tokens. Please shorten the question or start a new chat.`,
    );
  }
}
