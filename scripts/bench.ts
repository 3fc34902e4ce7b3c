import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createFakeOpenAIServer } from '@/tests/support/fake-openai-server';
import { benchUsage, parseBenchArguments } from './bench/bench-arguments';
import { benchPlan } from './bench/bench-plan';
import { benchReport } from './bench/bench-report';
import type { BenchResults } from './bench/bench-results';
import { createBenchWorkspace } from './bench/bench-workspace';
import { runCorpusPhase } from './bench/corpus-phase';
import { overheadBreakdown } from './bench/overhead-breakdown';
import { step } from './bench/progress-step';
import { runStarterPhase } from './bench/starter-phase';
import { formatGrid, formatTable } from './bench/table-printer';
import { shortfalls, verdict } from './bench/targets';
import { loadTargets } from './bench/targets-file';
import { runTimedCommand } from './bench/timed-command';

/**
 * `npm run bench [-- --quick]`: runs the production server against an in-process fake
 * upstream with known timing, prints every figure beside its target and writes
 * bench-results.json. A missed target is reported, not failed; exit 1 only when the benchmark
 * cannot run or a figure could not be measured at all.
 */
const root = path.resolve(__dirname, '..');

async function ensureBuild(logFile: string): Promise<void> {
  if (fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) return;
  const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
  await step('no production build found, running next build', () =>
    runTimedCommand(process.execPath, [nextBin, 'build'], {
      cwd: root,
      environment: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
      logFile,
      timeoutMs: 15 * 60_000,
    }),
  );
}

async function main(): Promise<number> {
  const options = parseBenchArguments(process.argv.slice(2));
  if (options.help) {
    console.log(benchUsage);
    return 0;
  }
  // Read before the run, so a bad targets file fails in a second, not after ten minutes.
  const targets = loadTargets();
  const plan = benchPlan(options.quick);
  const startedAt = new Date();
  // Other work on this machine moves every latency figure; the load is recorded beside them.
  const startLoad = os.loadavg();
  const runId = Math.random().toString(36).slice(2, 8);
  const upstream = await createFakeOpenAIServer();
  const workspace = createBenchWorkspace(root, upstream, { cpuProfile: options.cpuProfile });
  const stopOnSignal = () => {
    void workspace.close(options.keep).finally(() => process.exit(130));
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  console.log(`bench: ${plan.mode} run, work directory ${workspace.directory}`);

  let results: BenchResults;
  let failed = true;
  try {
    await ensureBuild(workspace.logFile);
    results = await runStarterPhase(workspace, plan, runId);
    failed = false;
    if (plan.realCorpora) {
      // A failure here still reports the pipeline figures; the corpus ones show as not measured.
      try {
        results.corpora = await runCorpusPhase(workspace, plan, runId);
      } catch (error) {
        failed = true;
        results.corporaError = error instanceof Error ? error.message.split('\n')[0] : String(error);
        console.error(
          `\nbench: the real-corpus phase failed: ${error instanceof Error ? error.message : error}`,
        );
      }
    }
  } finally {
    const keep = options.keep || options.cpuProfile || failed;
    await workspace.close(keep);
    await upstream.close();
    if (keep)
      console.log(
        `bench: logs${options.cpuProfile ? ' and CPU profiles' : ''} kept in ${workspace.directory}`,
      );
  }

  const sections = benchReport(plan, results, targets);
  const figures = sections.flatMap((section) => section.figures);
  const breakdown = overheadBreakdown(results);
  console.log(`\n${formatTable(sections)}\n`);
  console.log(`Where the TTFT overhead goes\n${formatGrid(breakdown.header, breakdown.rows)}\n`);
  const load = (values: number[]) => values.map((value) => value.toFixed(1)).join(' ');
  console.log(
    `bench: ${os.cpus().length} CPUs, load average ${load(startLoad)} at start, ${load(os.loadavg())} at end (1, 5, 15 min)`,
  );
  const missed = shortfalls(figures);
  const unmeasured = missed.filter((figure) => verdict(figure) === 'not measured');
  console.log(
    missed.length === 0
      ? 'bench: every target met.'
      : `bench: ${missed.length} target(s) not met: ${missed.map((figure) => figure.label.trim()).join('; ')}`,
  );
  const output = path.join(root, 'bench-results.json');
  fs.writeFileSync(
    output,
    `${JSON.stringify(
      {
        mode: plan.mode,
        startedAt: startedAt.toISOString(),
        durationSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
        machine: {
          cpus: os.cpus().length,
          node: process.version,
          platform: `${os.platform()} ${os.release()}`,
          loadAverageAtStart: startLoad,
          loadAverageAtEnd: os.loadavg(),
        },
        plan,
        figures: figures.map((figure) => ({ ...figure, verdict: verdict(figure) })),
        results,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`bench: wrote ${path.relative(process.cwd(), output) || output}`);
  return unmeasured.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`\nbench: cannot run: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  },
);
