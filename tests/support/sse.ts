/** Reading Server-Sent Events bodies in tests. */
import type { InferUIMessageChunk } from 'ai';
import type { ChatMessage } from '@/lib/contracts/ui-message';

export type ChatChunk = InferUIMessageChunk<ChatMessage>;

/** The `data:` payloads of an SSE body, in order (comments and blank lines skipped). */
export function sseData(body: string): string[] {
  return body
    .split('\n\n')
    .map((event) =>
      event
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trimStart())
        .join('\n'),
    )
    .filter(Boolean);
}

/** The UI message chunks of an AI SDK UI message stream response from the chat route. */
export async function uiChunks(response: Response): Promise<ChatChunk[]> {
  return sseData(await response.text())
    .filter((data) => data !== '[DONE]')
    .map((data) => JSON.parse(data) as ChatChunk);
}

/**
 * Reads a response body until `predicate` holds for the text so far, then cancels the body
 * (what a browser does when the user stops or leaves). Returns the text read.
 */
export async function readUntil(response: Response, predicate: (text: string) => boolean): Promise<string> {
  const body = response.body;
  if (!body) throw new Error('response has no body');
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (!predicate(text)) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel(new Error('client went away'));
  return text;
}
