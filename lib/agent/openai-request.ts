import { z } from 'zod';
import type { ConversationTurn } from '../contracts/conversation';
import { AppError } from '../errors';
import { type ChatRequestLimits, type ChatTurnRequest, validateChatTurn } from './chat-request';

const contentPartSchema = z.object({ type: z.string(), text: z.string().optional() }).passthrough();

const messageSchema = z
  .object({
    role: z.enum(['system', 'developer', 'user', 'assistant', 'tool', 'function']),
    content: z.union([z.string(), z.array(contentPartSchema).max(100), z.null()]).optional(),
  })
  .passthrough();

/**
 * `POST /v1/chat/completions` body. Any `model` is accepted (the configured model answers);
 * `collection` is our extension to pin a collection. Unknown OpenAI fields are ignored.
 */
export const openAIChatRequestSchema = z
  .object({
    model: z.string().trim().min(1, 'is required').max(200),
    messages: z.array(messageSchema).min(1, 'must contain at least one message'),
    stream: z.boolean().nullish(),
    stream_options: z.object({ include_usage: z.boolean().nullish() }).passthrough().nullish(),
    n: z.number().int().nullish(),
    collection: z.string().trim().max(200).nullish(),
  })
  .passthrough();

export type OpenAIChatRequest = z.infer<typeof openAIChatRequestSchema>;

function contentText(content: z.infer<typeof messageSchema>['content']): string {
  if (typeof content === 'string') return content;
  return (content ?? []).map((part) => (part.type === 'text' ? (part.text ?? '') : '')).join('');
}

/**
 * Maps an OpenAI chat request onto an agent turn: the last message is the question (it must
 * come from the user), earlier user and assistant messages are the history. Client system
 * messages are ignored: the agent's grounding rules are not negotiable.
 */
export async function validateOpenAIRequest(
  body: OpenAIChatRequest,
  limits: ChatRequestLimits,
): Promise<ChatTurnRequest> {
  if (body.n !== undefined && body.n !== null && body.n !== 1) {
    throw new AppError('bad_request', { publicMessage: 'n: only 1 choice is supported.' });
  }
  const last = body.messages[body.messages.length - 1];
  if (last.role !== 'user') {
    throw new AppError('bad_request', {
      publicMessage: 'messages: the last message must have the role "user".',
    });
  }
  const history: ConversationTurn[] = body.messages
    .slice(0, -1)
    .flatMap((message) =>
      message.role === 'user' || message.role === 'assistant'
        ? [{ role: message.role, text: contentText(message.content) }]
        : [],
    );
  return validateChatTurn(contentText(last.content), history, body.collection ?? undefined, limits);
}
