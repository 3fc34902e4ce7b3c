import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setConfig } from '../config';
import { ingestCollection } from '../ingest/ingest-collection';
import { evaluateQuestions, questionFileSchema } from './evaluate-questions';
import { retrieve } from './retrieve';

const root = path.resolve(__dirname, '../..');
const goldenFile = path.join(root, 'data/corpus/golden-questions.json');
let dataDirectory: string;

beforeAll(async () => {
  dataDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'golden-data-'));
  setConfig({ DATA_DIR: dataDirectory, LOG_LEVEL: 'silent', EMBEDDINGS: 'local' });
  for (const collection of ['python', 'javascript']) {
    await ingestCollection({ directory: path.join(root, 'data/corpus', collection), collection });
  }
});

afterAll(() => {
  fs.rmSync(dataDirectory, { recursive: true, force: true });
});

describe('golden questions on the starter corpus', () => {
  it('keep retrieval and routing above their thresholds', async () => {
    const { questions } = questionFileSchema.parse(JSON.parse(fs.readFileSync(goldenFile, 'utf8')));
    const summary = await evaluateQuestions(questions, retrieve);
    const misses = summary.outcomes
      .filter((outcome) => outcome.rank !== 0 || outcome.routedTo[0] !== outcome.collection)
      .map((outcome) => `rank ${outcome.rank}, routed ${outcome.routedTo.join('+')}: ${outcome.question}`)
      .join('\n');
    expect(summary.hitAt5, misses).toBeGreaterThanOrEqual(0.9);
    expect(summary.hitAt1, misses).toBeGreaterThanOrEqual(0.6);
    expect(summary.routingAccuracy, misses).toBeGreaterThanOrEqual(0.9);
  });
});
