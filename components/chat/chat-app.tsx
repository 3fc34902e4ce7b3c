'use client';

import { useChat } from '@ai-sdk/react';
import { DefaultChatTransport } from 'ai';
import { useMemo, useState } from 'react';
import { describeChatError, fetchChat } from '@/lib/chat-ui/chat-request-error';
import type { ChatMessage, SourcePart } from '@/lib/contracts/ui-message';
import { ChatComposer } from './chat-composer';
import { ChatHeader } from './chat-header';
import { CollectionPicker } from './collection-picker';
import { EmptyState } from './empty-state';
import { ErrorBanner } from './error-banner';
import { MessageList } from './message-list';
import { SourcePanel } from './source-panel';
import { useCollections } from './use-collections';

/** The chat page: streams answers from `POST /api/chat` with the chosen collection. */
export function ChatApp() {
  const [transport] = useState(
    () => new DefaultChatTransport<ChatMessage>({ api: '/api/chat', fetch: fetchChat }),
  );
  const { messages, sendMessage, stop, regenerate, status, error, setMessages, clearError } =
    useChat<ChatMessage>({
      transport,
    });
  const { collections, failed: collectionsFailed } = useCollections();
  const [input, setInput] = useState('');
  const [collection, setCollection] = useState('auto');
  const [openSource, setOpenSource] = useState<SourcePart>();
  const [stoppedMessageIds, setStoppedMessageIds] = useState<ReadonlySet<string>>(new Set());
  const busy = status === 'submitted' || status === 'streaming';
  // The countdown of a rate-limit error starts when the error arrives.
  const errorView = useMemo(
    () => (error ? { view: describeChatError(error), at: Date.now() } : undefined),
    [error],
  );

  function ask(question: string) {
    const text = question.trim();
    if (!text || busy) return;
    setInput('');
    void sendMessage({ text }, { body: { collection } });
  }

  async function stopAnswer() {
    const last = messages.at(-1);
    await stop();
    if (last?.role === 'assistant') setStoppedMessageIds((ids) => new Set(ids).add(last.id));
  }

  function retry() {
    clearError();
    void regenerate({ body: { collection } });
  }

  async function newChat() {
    if (busy) await stop();
    setMessages([]);
    clearError();
    setInput('');
    setOpenSource(undefined);
    setStoppedMessageIds(new Set());
  }

  return (
    <div className="flex h-dvh flex-col bg-slate-50">
      <ChatHeader onNewChat={() => void newChat()} canReset={messages.length > 0 || error !== undefined} />
      <main className="flex min-h-0 flex-1 flex-col">
        <MessageList
          messages={messages}
          status={status}
          stoppedMessageIds={stoppedMessageIds}
          onOpenSource={setOpenSource}
          emptyState={<EmptyState onAsk={ask} />}
          footer={
            errorView ? (
              <ErrorBanner
                error={errorView.view}
                receivedAt={errorView.at}
                onRetry={retry}
                onDismiss={clearError}
              />
            ) : null
          }
        />
        <ChatComposer
          value={input}
          onChange={setInput}
          onSend={() => ask(input)}
          onStop={() => void stopAnswer()}
          busy={busy}
          toolbar={
            <CollectionPicker
              value={collection}
              onChange={setCollection}
              collections={collections}
              failed={collectionsFailed}
            />
          }
        />
      </main>
      <SourcePanel source={openSource} onClose={() => setOpenSource(undefined)} />
    </div>
  );
}
