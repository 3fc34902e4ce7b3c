import { LRUCache } from 'lru-cache';
import type { RetrievedChunk } from '../contracts/retrieval';
import { processSingleton } from '../runtime/process-singleton';
import { escapePromptText } from './prompt-escaping';
import { countTokens, encodeTokens, truncateEncoded } from './token-count';
import { encodingForModel } from './token-encoding';

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

const closingTag = '\n</document>';

type PassageSource = Pick<RetrievedChunk, 'collection' | 'source' | 'title' | 'heading'>;

/** The opening tag's start: the only part of it that changes from turn to turn. */
const indexAttribute = (index: number) => `<document index="${index}"`;

/** The rest of the opening tag, ending with `>\n`: fixed for a chunk. */
function sourceAttributes(chunk: PassageSource): string {
  const heading = chunk.heading ? ` heading="${attribute(chunk.heading)}"` : '';
  return (
    ` collection="${attribute(chunk.collection)}" source="${attribute(chunk.source)}"` +
    ` title="${attribute(chunk.title)}"${heading}>\n`
  );
}

/**
 * One passage as it appears in the prompt. Its text is escaped ({@link escapePromptText}), so
 * a document cannot close its own `<document>` element or switch roles.
 */
export function formatPassage(index: number, chunk: PassageSource, text: string): string {
  return `${indexAttribute(index)}${sourceAttributes(chunk)}${escapePromptText(text)}${closingTag}`;
}

interface TextTokens {
  /** Tokens of the escaped text followed by the closing tag. */
  body: number;
  /** Tokens of the escaped text alone; counted only when a passage has to be cut. */
  escaped?: number;
  /** The text's tokens, kept only for texts that had to be cut (the cut is made on them). */
  encoded?: Uint32Array;
  /** The last few cuts of the text by token limit: the cut text and its body tokens. */
  cuts?: Map<number, { text: string; body: number }>;
}

/** Cuts remembered per text: the same question meets the same budget left over. */
const maxCutsPerText = 4;

/**
 * Token counts per passage text in `model`'s encoding, for the whole process (every route
 * bundle). Keyed by the text itself, so a re-ingest needs no invalidation, and the key is the
 * loaded index's own string (no extra memory while its collection is loaded); bounded in
 * characters for texts of replaced indexes. Retrieved chunks repeat across turns, so each is
 * encoded about once.
 */
const tokensByText = (model: string | undefined) =>
  processSingleton(
    `prompts.passage-tokens.${encodingForModel(model)}`,
    () =>
      new LRUCache<string, TextTokens>({
        max: 60_000,
        maxSize: 24_000_000,
        // In characters: a kept token takes about as much memory as two of them.
        sizeCalculation: (tokens, text) =>
          Math.max(1, text.length * (1 + (tokens.cuts?.size ?? 0)) + 2 * (tokens.encoded?.length ?? 0)),
      }),
  );

/** Token counts of opening tags' source attributes (paths and titles are slow to encode). */
const tokensByAttributes = (model: string | undefined) =>
  processSingleton(
    `prompts.passage-attribute-tokens.${encodingForModel(model)}`,
    () =>
      new LRUCache<string, number>({
        max: 60_000,
        maxSize: 12_000_000,
        sizeCalculation: (_tokens, attributes) => Math.max(1, attributes.length),
      }),
  );

/** Tokens of `<document index="n"` by encoding and index. */
const tokensByIndex = new Map<string, number>();

/** Tokens of a passage's opening tag, from its two cached parts. */
function headerTokens(index: number, chunk: PassageSource, model: string | undefined): number {
  const indexKey = `${encodingForModel(model)} ${index}`;
  let indexTokens = tokensByIndex.get(indexKey);
  if (indexTokens === undefined) {
    indexTokens = countTokens(indexAttribute(index), model);
    tokensByIndex.set(indexKey, indexTokens);
  }
  const attributes = sourceAttributes(chunk);
  const cache = tokensByAttributes(model);
  let attributeTokens = cache.get(attributes);
  if (attributeTokens === undefined) {
    attributeTokens = countTokens(attributes, model);
    cache.set(attributes, attributeTokens);
  }
  return indexTokens + attributeTokens;
}

function textTokens(text: string, model: string | undefined): TextTokens {
  const cache = tokensByText(model);
  let tokens = cache.get(text);
  if (!tokens) {
    tokens = { body: countTokens(`${escapePromptText(text)}${closingTag}`, model) };
    cache.set(text, tokens);
  }
  return tokens;
}

/** How long priming runs before letting waiting requests in. */
const primeSliceMilliseconds = 5;

/**
 * Counts the tokens of passages in `model`'s encoding ahead of their first use (the server
 * primes every loaded chunk at start), in short slices that yield to the event loop, so
 * requests arriving meanwhile are not held up. Returns how many passage texts were newly counted.
 */
export async function primePassageTokens(
  passages: readonly (PassageSource & { text: string })[],
  signal?: AbortSignal,
  model?: string,
): Promise<number> {
  const cache = tokensByText(model);
  let counted = 0;
  let sliceStarted = performance.now();
  for (const passage of passages) {
    if (signal?.aborted) break;
    headerTokens(1, passage, model);
    if (passage.text && !cache.has(passage.text)) {
      textTokens(passage.text, model);
      counted += 1;
    }
    if (performance.now() - sliceStarted >= primeSliceMilliseconds) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStarted = performance.now();
    }
  }
  return counted;
}

/**
 * Tokens of {@link formatPassage}, exactly as counting the whole string, from parts counted
 * once each. The tokenizer's pre-split always ends a piece between the index's closing quote
 * and ` collection=`, and at the opening tag's final `>\n` unless the text starts with a line
 * break (or is empty: the closing tag's line break follows); such texts are counted whole.
 */
export function countPassageTokens(
  index: number,
  chunk: RetrievedChunk,
  text: string,
  model?: string,
): number {
  return passageTokens(index, chunk, text, model, () => textTokens(text, model).body);
}

function passageTokens(
  index: number,
  chunk: PassageSource,
  text: string,
  model: string | undefined,
  body: () => number,
): number {
  if (!text || /^[\r\n]/.test(text)) return countTokens(formatPassage(index, chunk, text), model);
  return headerTokens(index, chunk, model) + body();
}

/**
 * A passage text cut to `maxTokens` (as `truncateToTokens` cuts) with the body tokens of the
 * cut text. The text is encoded once however often it is cut, and a repeated cut is remembered.
 */
function cutPassageText(
  text: string,
  maxTokens: number,
  model: string | undefined,
): { text: string; body: number } {
  const tokens = textTokens(text, model);
  const remembered = tokens.cuts?.get(maxTokens);
  if (remembered) return remembered;
  tokens.encoded ??= Uint32Array.from(encodeTokens(text, model));
  const cutText = truncateEncoded(text, tokens.encoded, maxTokens, model);
  const cut = { text: cutText, body: countTokens(`${escapePromptText(cutText)}${closingTag}`, model) };
  tokens.cuts ??= new Map();
  if (tokens.cuts.size >= maxCutsPerText) tokens.cuts.delete(tokens.cuts.keys().next().value ?? maxTokens);
  tokens.cuts.set(maxTokens, cut);
  // Stored again so the cache accounts for the kept tokens and cuts.
  tokensByText(model).set(text, tokens);
  return cut;
}

function escapedTextTokens(text: string, model: string | undefined): number {
  const tokens = textTokens(text, model);
  tokens.escaped ??= countTokens(escapePromptText(text), model);
  return tokens.escaped;
}

/**
 * Fills a context with the best chunks (in the order given, best first) up to `budgetTokens`,
 * counting the formatted passages with `model`'s tokenizer encoding. Repeated chunks are skipped; when the
 * next chunk does not fit, it is cut to the remaining budget if enough remains, else a smaller
 * later chunk may still fit.
 */
export function buildContext(chunks: RetrievedChunk[], budgetTokens: number, model?: string): BuiltContext {
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
    let cost = countPassageTokens(index, chunk, text, model);
    let truncated = false;
    if (cost > remaining) {
      const overhead = cost - escapedTextTokens(text, model);
      const room = remaining - overhead;
      if (room < minimumPassageTokens) {
        omitted += 1;
        continue;
      }
      const cut = cutPassageText(text, room, model);
      text = cut.text;
      cost = passageTokens(index, chunk, text, model, () => cut.body);
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
