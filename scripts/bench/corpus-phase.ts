import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setConfig } from '@/lib/config';
import { createBenchContext } from './bench-context';
import type { BenchPlan } from './bench-plan';
import { type BenchQuestion, loadQuestions } from './bench-questions';
import type { CorpusResult } from './bench-results';
import type { BenchWorkspace } from './bench-workspace';
import { uiChatEndpoint } from './endpoints';
import { readRssMb } from './process-sampler';
import { step } from './progress-step';
import { benchAppSettings } from './server-environment';
import type { Summary } from './summarize';
import { runThroughputScenario } from './throughput-scenario';
import { ask, errorSamples, runTtftScenario } from './ttft-scenario';

const collections = ['python', 'javascript'] as const;

/** Builds (or reuses) the real corpora with the project's corpus script; returns their root directory. */
function buildRealCorpora(root: string): string {
  const script = path.resolve(root, 'scripts', 'build-corpus.sh');
  if (!fs.existsSync(script)) throw new Error(`the real corpora need ${script}, which is missing`);
  const result = spawnSync('bash', [script], { encoding: 'utf8', timeout: 10 * 60_000 });
  const corpusRoot = result.stdout?.trim().split('\n').pop() ?? '';
  if (result.status !== 0 || !corpusRoot || !fs.existsSync(corpusRoot)) {
    throw new Error(`${script} failed (exit ${result.status}): ${(result.stderr ?? '').slice(-500)}`);
  }
  return corpusRoot;
}

/**
 * Times routing + retrieval in this process, the way the server runs it, with the retrieval
 * benchmark helper (one untimed warm-up pass loads the indexes, then `rounds` timed passes).
 */
async function timeRetrieval(
  settings: { dataDirectory: string; upstreamBaseURL: string },
  questions: BenchQuestion[],
  rounds: number,
) {
  setConfig(benchAppSettings(settings));
  // Imported here so quick runs never load the native index into the bench process.
  const { benchmarkRetrieval } = await import('@/lib/retrieval/retrieval-benchmark');
  const { listCollections } = await import('@/lib/retrieval/retrieve');
  const latency = await benchmarkRetrieval(
    questions.map((question) => question.text),
    { rounds },
  );
  const info = await listCollections();
  const routingRetrievalMs: Summary = {
    count: latency.count,
    mean: latency.meanMs,
    min: null,
    p50: latency.p50Ms,
    p95: latency.p95Ms,
    p99: latency.p99Ms,
    max: latency.maxMs,
  };
  return {
    routingRetrievalMs,
    collections: info.map((entry) => ({
      name: entry.name,
      documents: entry.documents,
      chunks: entry.chunks,
    })),
  };
}

/**
 * The real-corpus measurements of a full run: ingest time of both corpora (full, then again
 * with nothing changed), routing + retrieval latency over the dev questions, and the server's
 * memory once both indexes are loaded, idle and at its peak under saturating load.
 */
export async function runCorpusPhase(
  workspace: BenchWorkspace,
  plan: BenchPlan,
  runId: string,
): Promise<CorpusResult> {
  const corpusRoot = await step('building the real corpora (build-corpus.sh)', async () =>
    buildRealCorpora(workspace.root),
  );
  const dataDirectory = workspace.dataDirectory('corpus-data');
  const ingestAll = async () => {
    let total = 0;
    for (const collection of collections) {
      total += await workspace.ingest(dataDirectory, path.join(corpusRoot, collection), collection);
    }
    return total;
  };
  const fullIngestMs = await step('ingesting both real corpora', ingestAll);
  const noChangeIngestMs = await step('ingesting them again, unchanged', ingestAll);
  const questions = loadQuestions(path.resolve(workspace.root, '..', 'shared', 'eval', 'dev-questions.json'));
  const retrieval = await step(
    `routing + retrieval, ${plan.retrievalRounds} passes over the dev questions`,
    () =>
      timeRetrieval(
        { dataDirectory, upstreamBaseURL: workspace.upstream.baseURL },
        questions,
        plan.retrievalRounds,
      ),
  );

  const server = await step('starting the server on the real corpora', () =>
    workspace.startServer(dataDirectory),
  );
  try {
    const context = createBenchContext(workspace, server, { plan, questions, runId: `${runId}c` });
    const overhead = await step('loading both corpora in the server, then TTFT at 1 stream', async () => {
      context.upstream.setDefault({ kind: 'ok' });
      const warmup = [];
      for (const collection of collections)
        warmup.push(await ask(context, uiChatEndpoint, 'warm up', collection));
      const failures = warmup.map(({ measurement }) => measurement).filter((measurement) => !measurement.ok);
      if (failures.length)
        throw new Error(`the server cannot answer on the real corpora: ${errorSamples(failures)}`);
      return runTtftScenario(context, uiChatEndpoint, { concurrency: 1, requests: 30 });
    });
    const serverRssMb = readRssMb(server.pid) ?? null;
    // Memory grows with concurrent turns (buffers, prompts, young garbage), so load it too.
    const load = await step('loading the server on the real corpora', () =>
      runThroughputScenario(context, uiChatEndpoint),
    );
    return {
      ...retrieval,
      fullIngestMs,
      noChangeIngestMs,
      serverRssMb,
      serverPeakRssMb: load.serverUsage.peakRssMb,
      turnsPerSecond: load.turnsPerSecond,
      overheadMs: overhead.overheadMs,
      errors: overhead.errors + load.errors,
      errorSamples: [...overhead.errorSamples, ...load.errorSamples].slice(0, 3),
    };
  } finally {
    await server.stop();
  }
}
