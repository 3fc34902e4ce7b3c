import { createHash } from 'node:crypto';

/** What identifies an answer: the same inputs always produce the same text from the same index. */
export interface CacheKeyInput {
  /** The question, after PII redaction (only turns without client history are cached). */
  question: string;
  collections: readonly string[];
  /** `pinned` when the user chose the collection, `auto` when the router chooses among them. */
  scope?: 'auto' | 'pinned';
  /** Index version of every known collection; only the routed ones go into the key. */
  indexVersions: Readonly<Record<string, string>>;
  promptVersion: string;
  model: string;
}

/**
 * Normalises a question so trivial variations share an entry: Unicode compatibility form,
 * case, runs of whitespace and trailing punctuation. Inner punctuation stays, because it can
 * change the meaning in code questions (`a[::2]`, `?.`).
 */
export function normalizeQuestion(question: string): string {
  return question
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s?!.。？！]+$/u, '');
}

/**
 * The cache key for an answer, or `undefined` when it cannot be cached safely: a routed
 * collection without a known index version would make re-ingests invisible to the cache.
 */
export function buildCacheKey(input: CacheKeyInput): string | undefined {
  const question = normalizeQuestion(input.question);
  const collections = [...new Set(input.collections)].sort();
  if (!question || collections.length === 0) return undefined;
  const versions: string[] = [];
  for (const collection of collections) {
    const version = input.indexVersions[collection];
    if (!version) return undefined;
    versions.push(`${collection}@${version}`);
  }
  const material = JSON.stringify([
    question,
    input.scope ?? 'auto',
    versions,
    input.promptVersion,
    input.model,
  ]);
  return `answer:v1:${createHash('sha256').update(material).digest('hex')}`;
}
