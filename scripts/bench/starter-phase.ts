import path from 'node:path';
import { runBaselineScenario } from './baseline-scenario';
import { createBenchContext } from './bench-context';
import type { BenchPlan } from './bench-plan';
import { loadQuestions } from './bench-questions';
import type { BenchResults } from './bench-results';
import type { BenchServer, BenchWorkspace } from './bench-workspace';
import { runCacheScenario } from './cache-scenario';
import { chatEndpoints } from './endpoints';
import { runPathologicalScenario } from './pathological-scenario';
import { readRssMb } from './process-sampler';
import { step } from './progress-step';
import { runThroughputScenario } from './throughput-scenario';
import { askMany, errorSamples, runTtftScenario } from './ttft-scenario';

/**
 * The pipeline measurements on the starter corpus: TTFT overhead and streaming efficiency at
 * each concurrency on both endpoints, throughput at saturation, cache-hit TTFT, and the
 * server's worst event-loop delay under pathological requests.
 */
export async function runStarterPhase(
  workspace: BenchWorkspace,
  plan: BenchPlan,
  runId: string,
): Promise<Omit<BenchResults, 'corpora'>> {
  const dataDirectory = workspace.dataDirectory('starter-data');
  await step('ingesting the starter corpus', async () => {
    for (const collection of ['python', 'javascript']) {
      await workspace.ingest(
        dataDirectory,
        path.join(workspace.root, 'data', 'corpus', collection),
        collection,
      );
    }
  });
  const server = await step('starting the production server', () => workspace.startServer(dataDirectory));
  try {
    return await measureStarter(workspace, plan, runId, server);
  } finally {
    await server.stop();
  }
}

async function measureStarter(
  workspace: BenchWorkspace,
  plan: BenchPlan,
  runId: string,
  server: BenchServer,
): Promise<Omit<BenchResults, 'corpora'>> {
  const context = createBenchContext(workspace, server, {
    plan,
    questions: loadQuestions(path.join(workspace.root, 'data', 'corpus', 'golden-questions.json')),
    runId,
  });

  const baseline = await step('baseline: streaming straight from the fake upstream', () =>
    runBaselineScenario(workspace.upstream, context.agent, { ...plan.upstream, requests: 10 }),
  );
  await step('warming up both endpoints', async () => {
    context.upstream.setDefault({ kind: 'ok' });
    for (const endpoint of chatEndpoints) {
      const warmup = await askMany(context, endpoint, plan.warmupRequests, 2);
      const failures = warmup
        .filter(({ measurement }) => !measurement.ok)
        .map(({ measurement }) => measurement);
      if (failures.length === warmup.length) {
        throw new Error(`${endpoint.label} answers nothing: ${errorSamples(failures).join('; ')}`);
      }
    }
  });

  const ttft = [];
  for (const endpoint of chatEndpoints) {
    for (const load of plan.ttft) {
      ttft.push(
        await step(
          `TTFT ${endpoint.label}, ${load.requests} requests at ${load.concurrency} concurrent`,
          () => runTtftScenario(context, endpoint, load),
        ),
      );
    }
  }
  const throughput = [];
  for (const endpoint of chatEndpoints) {
    throughput.push(
      await step(`throughput ${endpoint.label} with a zero-delay upstream`, () =>
        runThroughputScenario(context, endpoint),
      ),
    );
  }
  const cache = await step('cache hits', () => runCacheScenario(context));
  const pathological = await step('a burst of pathological requests', () =>
    runPathologicalScenario(context, plan.pathologicalRounds),
  );
  return { ttft, throughput, cache, pathological, baseline, starterRssMb: readRssMb(server.pid) ?? null };
}
