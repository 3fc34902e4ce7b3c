/**
 * Child process for the interrupted-turn test: serves the real chat route on loopback with
 * the configured model (environment: DATA_DIR, OPENAI_BASE_URL, ...) over the corpus retriever,
 * recording turns in DATA_DIR's metrics database, until killed. Prints `listening:<url>`.
 * Usage: node --import tsx tests/support/chat-server-process.ts
 */
import { POST as chat } from '@/app/api/chat/route';
import { setTurnDependencies } from '@/lib/chat/turn-dependencies';
import { createFakeRetriever } from './fakes';
import { serveRoute } from './route-server';

const retriever = createFakeRetriever();
// Only retrieval is replaced: the answer model and metrics recording are the app's own.
setTurnDependencies({
  route: retriever.route,
  retrieve: retriever.retrieve,
  listCollections: retriever.listCollections,
});
serveRoute(chat).then((server) => console.log(`listening:${server.url}`));
