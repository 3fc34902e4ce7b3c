export default function ChatPage() {
  return <main className="p-6">Chat</main>;
}
