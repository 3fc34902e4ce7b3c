import type http from 'node:http';
import type { FakeOpenAIServer } from '@/tests/support/fake-openai-server';
import type { BenchPlan } from './bench-plan';
import type { BenchQuestion } from './bench-questions';

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
