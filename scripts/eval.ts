import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getTurnDependencies, setTurnDependencies } from '@/lib/chat/turn-dependencies';
import { commandFailure, parseCommandLine } from '@/lib/cli/command-line';
import { ConfigError, setConfig } from '@/lib/config';
import { AppError } from '@/lib/errors';
import { type AnswerFile, answerCases, answerFileSchema } from '@/lib/evaluation/answer-questions';
import { type AnswerSummary, evaluateAnswers } from '@/lib/evaluation/evaluate-answers';
import { IngestInputError, ingestCollection } from '@/lib/ingest/ingest-collection';
import { createLocalAnswerModel } from '@/lib/models/local-answer-model';
import { hasRemoteModel } from '@/lib/providers/registry';
import {
  type EvaluationQuestion,
  type EvaluationSummary,
  evaluateQuestions,
  questionFileSchema,
} from '@/lib/retrieval/evaluate-questions';
import { benchmarkRetrieval } from '@/lib/retrieval/retrieval-benchmark';
import { retrieve } from '@/lib/retrieval/retrieve';

const usage =
  'usage: npm run eval -- <questions.json | answer-questions.json> [--corpus <dir>] [--split tune|held-out] [--verbose]';

const fail: (message: string) => never = commandFailure('eval');

type QuestionFile =
  | { kind: 'retrieval'; questions: EvaluationQuestion[] }
  | { kind: 'answers'; file: AnswerFile };

/** A file of retrieval questions (`expect`: files) or of answer questions (`keys`: strings). */
function readQuestions(file: string): QuestionFile {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    fail(`cannot read ${file}: ${(error as Error).message}`);
  }
  const answers = answerFileSchema.safeParse(raw);
  if (answers.success) return { kind: 'answers', file: answers.data };
  const parsed = questionFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail(`${file} is not a question file (${issue.path.join('.')}: ${issue.message})`);
  }
  return { kind: 'retrieval', questions: parsed.data.questions };
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

async function evaluateRetrieval(questions: EvaluationQuestion[], verbose: boolean): Promise<void> {
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
  if (!verbose) return;
  for (const outcome of routed.outcomes) {
    if (outcome.rank === 0 && outcome.routedTo[0] === outcome.collection) continue;
    console.log(
      `  [rank ${outcome.rank}] routed ${outcome.routedTo.join('+')} (want ${outcome.collection}): ${outcome.question}`,
    );
    console.log(`      top: ${outcome.topSources.join(', ')}`);
  }
}

const answerFigures: { key: keyof AnswerFile['thresholds'] & keyof AnswerSummary; label: string }[] = [
  { key: 'keyInSources', label: 'key in top-5 sources' },
  { key: 'keyInAnswer', label: 'key in answer' },
  { key: 'cites', label: 'answers that cite' },
  { key: 'citationsValid', label: 'citations that map to a source' },
  { key: 'noDuplicatePages', label: 'answers without a repeated page' },
  { key: 'routing', label: 'routing' },
];

/**
 * Asks every answer question through the real turn, without the response cache and the
 * budgets and with the embedded answerer unpaced; prints the shares and returns false when one
 * is under the file's thresholds.
 */
async function evaluateAnswerFile(
  file: AnswerFile,
  split: string | undefined,
  verbose: boolean,
): Promise<boolean> {
  if (split !== undefined && split !== 'tune' && split !== 'held-out') fail(usage);
  setTurnDependencies({
    recordTurn: () => undefined,
    middlewares: [],
    ...(hasRemoteModel() ? {} : { answerModel: createLocalAnswerModel({ maxTokenDelayMs: 0 }) }),
  });
  const cases = answerCases(file, split);
  const summary = await evaluateAnswers(cases, getTurnDependencies());
  setTurnDependencies(undefined);
  console.log(`answers: ${summary.questions} questions${split ? ` (${split})` : ''}`);
  let passed = true;
  for (const { key, label } of answerFigures) {
    const threshold = file.thresholds[key];
    const below = threshold !== undefined && summary[key] < threshold;
    passed &&= !below;
    const target =
      threshold === undefined ? '' : ` (threshold ${threshold.toFixed(2)}${below ? ', BELOW' : ''})`;
    console.log(`  ${label}: ${summary[key].toFixed(2)}${target}`);
  }
  if (verbose) {
    for (const outcome of summary.outcomes) {
      if (outcome.keyInAnswer && outcome.keyInSources && !outcome.duplicatePages && outcome.citationsValid)
        continue;
      const marks = `${outcome.keyInSources ? 'S' : '-'}${outcome.keyInAnswer ? 'A' : '-'}${outcome.duplicatePages ? 'D' : ''}${outcome.citationsValid ? '' : 'C'}`;
      console.log(`  [${marks}] ${outcome.case.question} (routed ${outcome.routedTo.join('+')})`);
      console.log(
        `      sources: ${outcome.sources.map((source) => `${source.source}#${source.heading}`).join(' | ')}`,
      );
    }
  }
  return passed;
}

async function main(): Promise<void> {
  const parsed = parseCommandLine(fail, usage, {
    allowPositionals: true,
    options: {
      corpus: { type: 'string' },
      split: { type: 'string' },
      verbose: { type: 'boolean', default: false },
    },
  });
  const [file] = parsed.positionals;
  if (!file || parsed.positionals.length > 1) fail(usage);
  const input = readQuestions(file);
  const collections =
    input.kind === 'answers'
      ? [...new Set(answerCases(input.file).map((entry) => entry.collection))]
      : [...new Set(input.questions.map((question) => question.collection))];
  console.log(`eval: ${path.basename(file)} (${collections.join(', ')})`);

  let temporary: string | undefined;
  let passed = true;
  try {
    if (typeof parsed.values.corpus === 'string')
      temporary = await ingestCorpus(parsed.values.corpus, collections);
    if (input.kind === 'answers') {
      const split = typeof parsed.values.split === 'string' ? parsed.values.split : undefined;
      passed = await evaluateAnswerFile(input.file, split, parsed.values.verbose === true);
    } else {
      await evaluateRetrieval(input.questions, parsed.values.verbose === true);
    }
  } catch (error) {
    if (error instanceof AppError) fail(error.publicMessage);
    if (error instanceof IngestInputError || error instanceof ConfigError) fail(error.message);
    throw error;
  } finally {
    if (temporary) fs.rmSync(temporary, { recursive: true, force: true });
  }
  if (!passed) fail('answer figures are below the thresholds in the question file');
}

void main();
