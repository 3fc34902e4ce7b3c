import { z } from 'zod';
import type { ConversationTurn } from '../contracts/conversation';
import { AppError } from '../errors';
import { refuseBlockedQuestion } from '../safety/redact-turn';
import { checkRequestSize, type RequestSizeLimits } from './request-size';
import type { TurnDependencies } from './turn-types';

const messagePartSchema = z.object({ type: z.string() }).passthrough();

const uiMessageSchema = z
  .object({
    id: z.string().max(200).optional(),
    role: z.enum(['system', 'user', 'assistant']),
    parts: z.array(messagePartSchema).max(500),
  })
  .passthrough();

/**
 * `POST /api/chat` body, as sent by useChat's DefaultChatTransport: the UI messages, plus the
 * collection picker's value ('auto' or a collection name). Extra transport fields
 * (trigger, messageId) are allowed.
 */
export const chatRequestSchema = z
  .object({
    id: z.string().max(200).optional(),
    messages: z.array(uiMessageSchema).min(1, 'must contain at least the question'),
    collection: z.string().trim().max(200).optional(),
  })
  .passthrough();

export type ChatRequestBody = z.infer<typeof chatRequestSchema>;

/** A message's text: its text parts joined (data parts such as sources are not conversation). */
function messageText(message: z.infer<typeof uiMessageSchema>): string {
  return message.parts
    .map((part) => (part.type === 'text' && typeof part.text === 'string' ? part.text : ''))
    .join('');
}

/** The question and conversation a validated chat request asks about. */
export interface ChatTurnRequest {
  question: string;
  history: ConversationTurn[];
  collection?: string;
}

/** The conversation limits and collection check a request must pass. */
export type ChatRequestLimits = RequestSizeLimits &
  Pick<TurnDependencies, 'maxHistoryMessages' | 'listCollections'>;

/**
 * Checks everything that must be decided before a stream starts, so bad input is a 400 JSON
 * error and never a broken stream: history length, the question (last message, from the
 * user, not blank), the request's size (see `checkRequestSize`: characters, then tokens),
 * that a pinned collection exists, and the PII policy (masked, or refused with `PII_MODE=block`).
 * The size is checked before anything else reads the text, so no request costs more than its
 * limits allow.
 */
export async function validateChatTurn(
  question: string,
  history: ConversationTurn[],
  collection: string | undefined,
  limits: ChatRequestLimits,
): Promise<ChatTurnRequest> {
  if (history.length + 1 > limits.maxHistoryMessages) {
    throw new AppError('bad_request', {
      publicMessage: `The conversation has ${history.length + 1} messages; the limit is ${limits.maxHistoryMessages}. Please start a new chat.`,
    });
  }
  const trimmed = question.trim();
  if (!trimmed) throw new AppError('bad_request', { publicMessage: 'The question is empty.' });
  checkRequestSize(trimmed, history, limits);
  const pinned = collection && collection !== 'auto' ? collection : undefined;
  if (pinned) {
    const known = await limits.listCollections();
    if (!known.some((info) => info.name === pinned)) {
      throw new AppError('unknown_collection', {
        publicMessage: `The collection "${pinned}" does not exist. Known collections: ${known.map((info) => info.name).join(', ') || 'none'}.`,
      });
    }
  }
  // Refused here, so the client gets a JSON 400; masking is the turn pipeline's first step.
  refuseBlockedQuestion(trimmed);
  return { question: trimmed, history, collection: pinned };
}

/** Validates a `POST /api/chat` body: the last UI message is the question, earlier ones the history. */
export async function validateChatRequest(
  body: ChatRequestBody,
  limits: ChatRequestLimits,
): Promise<ChatTurnRequest> {
  const last = body.messages[body.messages.length - 1];
  if (last.role !== 'user') {
    throw new AppError('bad_request', { publicMessage: 'The last message must be the user’s question.' });
  }
  const history: ConversationTurn[] = body.messages
    .slice(0, -1)
    .flatMap((message) =>
      message.role === 'system' ? [] : [{ role: message.role, text: messageText(message) }],
    );
  return validateChatTurn(messageText(last), history, body.collection, limits);
}
