import { LRUCache } from 'lru-cache';
import { processSingleton } from '../metrics/process-singleton';
import type { RetrievedChunk } from '../retrieval/types';
import { countTokens, encodeTokens, truncateEncoded } from './token-count';

/** A retrieved chunk as placed in the prompt: numbered for citations, maybe shortened. */
export interface ContextPassage {
  /** 1-based; the answer cites it as `[index]`. */
  index: number;
  chunk: RetrievedChunk;
  /** The text actually placed in the prompt (the chunk's text, or its start when cut to fit). */
  text: string;
  truncated: boolean;
  tokens: number;
}

export interface BuiltContext {
  passages: ContextPassage[];
  tokens: number;
  /** Chunks left out because the budget was spent or they repeated an earlier one. */
  omitted: number;
}

/** Below this many tokens a cut passage is too short to be worth citing. */
const minimumPassageTokens = 80;
const maxPassages = 8;

const attribute = (value: string) =>
  value.replace(/[&"<>\n]/g, (character) => `&#${character.charCodeAt(0)};`);

/**
 * Neutralises our delimiters inside retrieved text, so a document cannot close its own
 * `<document>` element and smuggle text that looks like it comes from outside the data.
 */
export function escapeDocumentText(text: string): string {
  return text.replace(/<(\/?)(documents?)\b/gi, '&lt;$1$2');
}

const closingTag = '\n</document>';

/** The opening tag of a passage, ending with `>\n`. */
function passageHeader(index: number, chunk: RetrievedChunk): string {
  const heading = chunk.heading ? ` heading="${attribute(chunk.heading)}"` : '';
  return (
    `<document index="${index}" collection="${attribute(chunk.collection)}" source="${attribute(chunk.source)}"` +
    ` title="${attribute(chunk.title)}"${heading}>\n`
  );
}

/** One passage as it appears in the prompt. */
export function formatPassage(index: number, chunk: RetrievedChunk, text: string): string {
  return `${passageHeader(index, chunk)}${escapeDocumentText(text)}${closingTag}`;
}

interface TextTokens {
  /** Tokens of the escaped text followed by the closing tag. */
  body: number;
  /** Tokens of the escaped text alone; counted only when a passage has to be cut. */
  escaped?: number;
  /** The text's tokens, kept only for texts that had to be cut (the cut is made on them). */
  encoded?: Uint32Array;
}

/**
 * Token counts per passage text, for the whole process (every route bundle). Keyed by the text
 * itself, so a re-ingest needs no invalidation, and the key is the loaded index's own string
 * (no extra memory while its collection is loaded); bounded in characters for texts of
 * replaced indexes. Retrieved chunks repeat across turns, so each is encoded about once.
 */
const tokensByText = () =>
  processSingleton(
    'prompts.passage-tokens',
    () =>
      new LRUCache<string, TextTokens>({
        max: 60_000,
        maxSize: 24_000_000,
        // In characters: a kept token takes about as much memory as two of them.
        sizeCalculation: (tokens, text) => Math.max(1, text.length + 2 * (tokens.encoded?.length ?? 0)),
      }),
  );

function textTokens(text: string): TextTokens {
  const cache = tokensByText();
  let tokens = cache.get(text);
  if (!tokens) {
    tokens = { body: countTokens(`${escapeDocumentText(text)}${closingTag}`) };
    cache.set(text, tokens);
  }
  return tokens;
}

/** How long priming runs before letting waiting requests in. */
const primeSliceMilliseconds = 5;

/**
 * Counts the tokens of passage texts ahead of their first use (the server primes every loaded
 * chunk at start), in short slices that yield to the event loop, so requests arriving
 * meanwhile are not held up. Returns how many texts were newly counted.
 */
export async function primePassageTokens(texts: readonly string[], signal?: AbortSignal): Promise<number> {
  const cache = tokensByText();
  let counted = 0;
  let sliceStarted = performance.now();
  for (const text of texts) {
    if (signal?.aborted) break;
    if (!text || cache.has(text)) continue;
    textTokens(text);
    counted += 1;
    if (performance.now() - sliceStarted >= primeSliceMilliseconds) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStarted = performance.now();
    }
  }
  return counted;
}

/**
 * Tokens of {@link formatPassage}, exactly as counting the whole string. The tokenizer's
 * pre-split always ends a piece at the header's final `>\n` unless the text itself starts with
 * a line break (or is empty: the closing tag's line break follows), so the count is header +
 * (text + closing tag), and only the small header is counted per turn. Those texts are counted whole.
 */
export function countPassageTokens(index: number, chunk: RetrievedChunk, text: string): number {
  if (!text || /^[\r\n]/.test(text)) return countTokens(formatPassage(index, chunk, text));
  return countTokens(passageHeader(index, chunk)) + textTokens(text).body;
}

/** {@link truncateToTokens} for a passage text, encoding the text once however often it is cut. */
function truncatePassageText(text: string, maxTokens: number): string {
  const tokens = textTokens(text);
  if (!tokens.encoded) {
    tokens.encoded = Uint32Array.from(encodeTokens(text));
    // Stored again so the cache accounts for the kept tokens.
    tokensByText().set(text, tokens);
  }
  return truncateEncoded(text, tokens.encoded, maxTokens);
}

function escapedTextTokens(text: string): number {
  const tokens = textTokens(text);
  tokens.escaped ??= countTokens(escapeDocumentText(text));
  return tokens.escaped;
}

/**
 * Fills a context with the best chunks (in the order given, best first) up to `budgetTokens`,
 * counting the formatted passages with the tokenizer. Repeated chunks are skipped; when the
 * next chunk does not fit, it is cut to the remaining budget if enough remains, else a smaller
 * later chunk may still fit.
 */
export function buildContext(chunks: RetrievedChunk[], budgetTokens: number): BuiltContext {
  const passages: ContextPassage[] = [];
  const seen = new Set<string>();
  let tokens = 0;
  let omitted = 0;
  for (const chunk of chunks) {
    const key = chunk.text.trim();
    if (seen.has(chunk.id) || seen.has(key) || passages.length >= maxPassages) {
      omitted += 1;
      continue;
    }
    const index = passages.length + 1;
    const remaining = budgetTokens - tokens;
    let text = chunk.text;
    let cost = countPassageTokens(index, chunk, text);
    let truncated = false;
    if (cost > remaining) {
      const overhead = cost - escapedTextTokens(text);
      const room = remaining - overhead;
      if (room < minimumPassageTokens) {
        omitted += 1;
        continue;
      }
      text = truncatePassageText(text, room);
      cost = countTokens(formatPassage(index, chunk, text));
      truncated = true;
      if (cost > remaining) {
        omitted += 1;
        continue;
      }
    }
    seen.add(chunk.id);
    seen.add(key);
    passages.push({ index, chunk, text, truncated, tokens: cost });
    tokens += cost;
  }
  return { passages, tokens, omitted };
}
