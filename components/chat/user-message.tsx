import { readMessage } from '@/lib/chat-ui/message-parts';
import type { ChatMessage } from '@/lib/contracts/ui-message';

/** A question the user asked, shown as typed (plain text, line breaks kept). */
export function UserMessage({ message }: { message: ChatMessage }) {
  return (
    <article data-testid="message" data-role="user" aria-label="Your question" className="flex justify-end">
      <p
        data-testid="message-text"
        className="max-w-[85%] rounded-2xl rounded-br-md bg-indigo-600 px-4 py-2.5 text-[0.95rem] leading-relaxed break-words whitespace-pre-wrap text-white shadow-sm"
      >
        {readMessage(message).text}
      </p>
    </article>
  );
}
