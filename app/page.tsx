import { ChatApp } from '@/components/chat/chat-app';

export default function ChatPage() {
  return <ChatApp />;
}
