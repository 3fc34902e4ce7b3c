import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { commandFailure, parseCommandLine } from '@/lib/cli/command-line';
import { ConfigError, setConfig } from '@/lib/config';
import { AppError } from '@/lib/errors';
import { IngestInputError, ingestCollection } from '@/lib/ingest/ingest-collection';
import {
  type EvaluationSummary,
  evaluateQuestions,
  questionFileSchema,
} from '@/lib/retrieval/evaluate-questions';
import { benchmarkRetrieval } from '@/lib/retrieval/retrieval-benchmark';
import { retrieve } from '@/lib/retrieval/retrieve';

const usage = 'usage: npm run eval -- <questions.json> [--corpus <dir>] [--verbose]';

const fail: (message: string) => never = commandFailure('eval');

function readQuestions(file: string) {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    fail(`cannot read ${file}: ${(error as Error).message}`);
  }
  const parsed = questionFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail(`${file} is not a question file (${issue.path.join('.')}: ${issue.message})`);
  }
  return parsed.data.questions;
}

function metricsLine(label: string, summary: EvaluationSummary, withRouting: boolean): string {
  const parts = [
    `hit@1 ${summary.hitAt1.toFixed(2)}`,
    `hit@5 ${summary.hitAt5.toFixed(2)}`,
    `MRR ${summary.mrr.toFixed(3)}`,
    ...(withRouting ? [`routing ${summary.routingAccuracy.toFixed(2)}`] : []),
  ];
  return `${label} ${parts.join('  ')}`;
}

/**
 * With --corpus, each collection named by the questions is ingested from `<corpus>/<name>`
 * into a temporary DATA_DIR (removed afterwards); otherwise the collections already in
 * DATA_DIR are used.
 */
async function ingestCorpus(corpus: string, collections: string[]): Promise<string> {
  const dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'docs-chat-eval-'));
  process.once('SIGINT', () => {
    fs.rmSync(dataDirectory, { recursive: true, force: true });
    process.exit(130);
  });
  setConfig({ DATA_DIR: dataDirectory });
  for (const collection of collections) {
    const report = await ingestCollection({ directory: path.join(corpus, collection), collection });
    console.log(
      `ingested ${collection}: ${report.documents} documents, ${report.chunks} chunks in ${(report.durationMs / 1000).toFixed(1)} s`,
    );
  }
  return dataDirectory;
}

async function main(): Promise<void> {
  const parsed = parseCommandLine(fail, usage, {
    allowPositionals: true,
    options: { corpus: { type: 'string' }, verbose: { type: 'boolean', default: false } },
  });
  const [file] = parsed.positionals;
  if (!file || parsed.positionals.length > 1) fail(usage);
  const questions = readQuestions(file);
  const collections = [...new Set(questions.map((question) => question.collection))];
  console.log(`eval: ${questions.length} questions from ${path.basename(file)} (${collections.join(', ')})`);

  let temporary: string | undefined;
  try {
    if (typeof parsed.values.corpus === 'string')
      temporary = await ingestCorpus(parsed.values.corpus, collections);
    const routed = await evaluateQuestions(questions, retrieve);
    const pinned = await evaluateQuestions(questions, retrieve, { pin: true });
    console.log(metricsLine('routed:', routed, true));
    console.log(metricsLine('pinned:', pinned, false));
    const latency = await benchmarkRetrieval(
      questions.map((question) => question.q),
      { rounds: 3 },
    );
    console.log(
      `latency (route + retrieve, k=6): p50 ${latency.p50Ms} ms, p95 ${latency.p95Ms} ms, max ${latency.maxMs} ms`,
    );
    if (parsed.values.verbose) {
      for (const outcome of routed.outcomes) {
        if (outcome.rank === 0 && outcome.routedTo[0] === outcome.collection) continue;
        console.log(
          `  [rank ${outcome.rank}] routed ${outcome.routedTo.join('+')} (want ${outcome.collection}): ${outcome.question}`,
        );
        console.log(`      top: ${outcome.topSources.join(', ')}`);
      }
    }
  } catch (error) {
    if (error instanceof AppError) fail(error.publicMessage);
    if (error instanceof IngestInputError || error instanceof ConfigError) fail(error.message);
    throw error;
  } finally {
    if (temporary) fs.rmSync(temporary, { recursive: true, force: true });
  }
}

void main();
