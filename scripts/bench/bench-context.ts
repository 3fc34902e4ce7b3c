import type http from 'node:http';
import type { FakeOpenAIServer } from '@/tests/support/fake-openai-server';
import { type BenchPlan, upstreamAnswer } from './bench-plan';
import type { BenchQuestion } from './bench-questions';
import type { BenchServer, BenchWorkspace } from './bench-workspace';

/** What every scenario needs: the server under test, its upstream, and a supply of questions. */
export interface BenchContext {
  plan: BenchPlan;
  serverUrl: string;
  serverPid: number;
  /** The server's DATA_DIR, whose metrics database holds its own timings of each turn. */
  dataDirectory: string;
  upstream: FakeOpenAIServer;
  /** Keep-alive connections to the server, shared like a real client's. */
  agent: http.Agent;
  questions: BenchQuestion[];
  runId: string;
  /** Next question number: unique across the run, so no two questions share a cache entry. */
  nextQuestion(): number;
}

/** The context for scenarios against `server`, with its own agent and question counter. */
export function createBenchContext(
  workspace: BenchWorkspace,
  server: BenchServer,
  settings: { plan: BenchPlan; questions: BenchQuestion[]; runId: string },
): BenchContext {
  let questionNumber = 0;
  return {
    ...settings,
    serverUrl: server.url,
    serverPid: server.pid,
    dataDirectory: server.dataDirectory,
    upstream: workspace.upstream,
    agent: workspace.createAgent(),
    nextQuestion: () => questionNumber++,
  };
}

/** Makes the fake upstream answer at the plan's known first-token delay and token rate. */
export function answerAtPlannedPace(context: BenchContext): void {
  const { firstTokenDelayMs, tokenDelayMs, answerTokens } = context.plan.upstream;
  context.upstream.setDefault({
    kind: 'ok',
    text: upstreamAnswer(answerTokens),
    firstTokenDelayMs,
    tokenDelayMs,
  });
}
