import type { RetrievedChunk } from '../contracts/retrieval';
import { cutPassageText, escapedTextTokens } from './passage-token-cache';
import { countPassageTokens, passageTokens } from './passage-token-count';

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
