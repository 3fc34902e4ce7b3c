import { randomUUID } from 'node:crypto';
import type { StreamProtocol } from './stream-client';

/** One of the app's two streaming chat endpoints, and how to ask it a question. */
export interface ChatEndpoint {
  key: 'api_chat' | 'v1_chat';
  label: string;
  path: string;
  protocol: StreamProtocol;
  body(question: string, collection?: string): unknown;
}

/** `POST /api/chat`: the UI's endpoint, answering as an AI SDK UI message stream. */
export const uiChatEndpoint: ChatEndpoint = {
  key: 'api_chat',
  label: '/api/chat',
  path: '/api/chat',
  protocol: 'ui-message-stream',
  body: (question, collection) => ({
    messages: [{ id: randomUUID(), role: 'user', parts: [{ type: 'text', text: question }] }],
    ...(collection ? { collection } : {}),
  }),
};

/** `POST /v1/chat/completions`: the OpenAI-compatible endpoint, streamed. */
export const openAIChatEndpoint: ChatEndpoint = {
  key: 'v1_chat',
  label: '/v1/chat/completions',
  path: '/v1/chat/completions',
  protocol: 'openai',
  body: (question, collection) => ({
    model: 'docs-chat',
    stream: true,
    messages: [{ role: 'user', content: question }],
    ...(collection ? { collection } : {}),
  }),
};

export const chatEndpoints: readonly ChatEndpoint[] = [uiChatEndpoint, openAIChatEndpoint];
