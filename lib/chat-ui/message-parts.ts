import type { ChatDataParts, ChatMessage } from '@/lib/contracts/ui-message';

/** Everything the UI shows for one message, read from its parts. */
export interface MessageView {
  text: string;
  status?: ChatDataParts['status'];
  route?: ChatDataParts['route'];
  sources?: ChatDataParts['sources'];
  metrics?: ChatDataParts['metrics'];
  notices: ChatDataParts['notice'][];
}

/**
 * Collects a message's parts: text parts are joined in order; for status, route, sources and
 * metrics the latest part wins (the agent may send updates); every notice is kept.
 */
export function readMessage(message: ChatMessage): MessageView {
  const view: MessageView = { text: '', notices: [] };
  for (const part of message.parts) {
    switch (part.type) {
      case 'text':
        view.text += part.text;
        break;
      case 'data-status':
        view.status = part.data;
        break;
      case 'data-route':
        view.route = part.data;
        break;
      case 'data-sources':
        view.sources = part.data;
        break;
      case 'data-metrics':
        view.metrics = part.data;
        break;
      case 'data-notice':
        view.notices.push(part.data);
        break;
      default:
        break;
    }
  }
  return view;
}
