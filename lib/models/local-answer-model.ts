import { setTimeout as sleep } from 'node:timers/promises';
import type { AnswerEvent, AnswerModel, AnswerRequest } from '../contracts/models';
import type { RetrievedChunk } from '../contracts/retrieval';
import { notCoveredSentence } from '../prompts/answer-prompt';
import { containsTerm, contentTerms } from '../text/query-terms';
import { rarityWeights, type TermWeight } from '../text/term-weights';
import { type ExtractedUnit, splitIntoUnits } from './local-passage-units';

/** The model id the embedded generator reports in the UI and metrics. */
export const localAnswerModelId = 'local-extractive';

export interface LocalAnswerModelOptions {
  /** Upper bound for the pause between streamed tokens, so the answer visibly streams. */
  maxTokenDelayMs?: number;
  /** Target total streaming time; long answers stream faster to stay near it. */
  targetStreamMs?: number;
}

const maxSentences = 5;
const maxProseChars = 900;
const maxCodeBlocks = 1;
const maxCodeLines = 30;
const maxPassagesQuoted = 3;
const minimumFocusProse = 2;
/** Other passages are quoted only when nearly as relevant as the best one. */
const secondaryPassageShare = 0.7;
/** Units scoring under this share of the best unit are filler, not answer. */
const relativeCutoff = 0.35;
const secondaryCutoff = 0.6;
/** "How do I…" questions are best answered by a passage that shows code. */
const howToPattern = /\b(how|example|show|write|syntax|snippet)\b/i;
const codeBoost = 1.2;

interface ScoredUnit extends ExtractedUnit {
  score: number;
  headingScore: number;
}

/**
 * The embedded generator used when no model is configured: an extractive answer made of the
 * sentences and code blocks of the retrieved passages that best match the question, each
 * group cited `[n]`, streamed token by token. No network, no model download.
 */
export function createLocalAnswerModel(options: LocalAnswerModelOptions = {}): AnswerModel {
  const maxTokenDelayMs = options.maxTokenDelayMs ?? 15;
  const targetStreamMs = options.targetStreamMs ?? 1_200;
  return {
    id: localAnswerModelId,
    provider: 'local',
    async *stream(request: AnswerRequest): AsyncIterable<AnswerEvent> {
      request.signal.throwIfAborted();
      const answer = composeExtractiveAnswer(
        request.question,
        request.context,
        request.lowConfidence ?? false,
      );
      const tokens = answer.match(/\S+\s*|\s+/g) ?? [];
      const delayMs = Math.min(maxTokenDelayMs, targetStreamMs / Math.max(tokens.length, 1));
      for (const [position, token] of tokens.entries()) {
        if (position > 0 && delayMs >= 1) await sleep(delayMs, undefined, { signal: request.signal });
        request.signal.throwIfAborted();
        yield { type: 'text', text: token };
      }
    },
  };
}

/**
 * Composes the extractive answer: a short intro, then the best sentences grouped by passage in
 * reading order, each group cited, with the most relevant code block. It focuses on the passage
 * that best matches the question (retrieval order is only a prior) and quotes others only when
 * they are nearly as relevant. When the passages do not cover the question it says so and
 * points at the closest ones instead of guessing.
 */
export function composeExtractiveAnswer(
  question: string,
  context: RetrievedChunk[],
  lowConfidence: boolean,
): string {
  if (!context.length) return notCoveredSentence;
  const { units, weights } = scoreUnits(contentTerms(question), context);
  const passages = rankPassages(units, weights, context.length, howToPattern.test(question));
  if (lowConfidence || !passages.length) return notCoveredAnswer(context);

  const selected = selectUnits(units, passages);
  const sections = passages
    .filter((passage) => selected.some((unit) => unit.passage === passage))
    .map((passage) =>
      renderPassageSection(
        passage,
        selected.filter((unit) => unit.passage === passage).sort((a, b) => a.order - b.order),
      ),
    );
  const lead = context[passages[0] - 1];
  const where = lead.heading ? `${lead.title} › ${lastHeading(lead.heading)}` : lead.title;
  return [`Here is what the documentation says (from *${where}*):`, ...sections].join('\n\n');
}

function notCoveredAnswer(context: RetrievedChunk[]): string {
  const closest = context
    .slice(0, 3)
    .map((chunk, position) => `- ${describeChunk(chunk)} [${position + 1}]`)
    .join('\n');
  return `${notCoveredSentence} The closest related passages I found are:\n\n${closest}`;
}

function describeChunk(chunk: RetrievedChunk): string {
  return chunk.heading && lastHeading(chunk.heading) !== chunk.title
    ? `*${chunk.title}* › ${lastHeading(chunk.heading)}`
    : `*${chunk.title}*`;
}

function lastHeading(heading: string): string {
  return heading.split('>').at(-1)?.trim() || heading;
}

/**
 * Scores every unit by the question terms it contains, weighted by how rare they are among
 * the units (the topic word every sentence repeats counts less than the specific one), damped
 * for length. Heading matches are kept apart: they rank passages, not sentences.
 */
function scoreUnits(
  questionTerms: string[],
  context: RetrievedChunk[],
): { units: ScoredUnit[]; weights: TermWeight[] } {
  const units = context.flatMap((chunk, position) => splitIntoUnits(chunk, position + 1));
  const weights = rarityWeights(
    questionTerms,
    units.map((unit) => unit.terms),
  );
  const scored = units.map((unit) => {
    let score = 0;
    let headingScore = 0;
    for (const { term, weight } of weights) {
      if (containsTerm(unit.terms, term)) score += weight;
      if (containsTerm(unit.headingTerms, term)) headingScore += weight;
    }
    const lengthDamping = Math.sqrt(1 + unit.text.length / 400);
    return { ...unit, score: score / lengthDamping, headingScore };
  });
  // Code is explained by the sentence before it: a block inherits part of that sentence's score.
  for (const [position, unit] of scored.entries()) {
    const previous = scored[position - 1];
    if (unit.kind === 'code' && previous?.passage === unit.passage && previous.kind !== 'code') {
      unit.score += previous.score * 0.5;
    }
  }
  return { units: scored, weights };
}

/**
 * Passages worth quoting, best first. A passage's strength is the weight of the question terms
 * it contains anywhere (text, code or headings), so the passage that covers the specific words
 * of the question wins over one that repeats the general topic; retrieval rank is a small prior,
 * and a how-to question favours a passage with code.
 */
function rankPassages(
  units: ScoredUnit[],
  weights: TermWeight[],
  passageCount: number,
  wantsCode: boolean,
): number[] {
  const ranked: [number, number][] = [];
  for (let passage = 1; passage <= passageCount; passage += 1) {
    const own = units.filter((unit) => unit.passage === passage);
    if (!own.some((unit) => unit.score > 0)) continue;
    const terms = own.flatMap((unit) => [...unit.terms, ...unit.headingTerms]);
    const headingTerms = own.flatMap((unit) => unit.headingTerms);
    const coverage = weights.reduce(
      (total, { term, weight }) =>
        total +
        (containsTerm(terms, term) ? weight : 0) +
        (containsTerm(headingTerms, term) ? weight / 2 : 0),
      0,
    );
    const showsCode = wantsCode && own.some((unit) => unit.kind === 'code') ? codeBoost : 1;
    ranked.push([passage, coverage * (1 + 0.4 / passage) * showsCode]);
  }
  ranked.sort((a, b) => b[1] - a[1]);
  const best = ranked[0]?.[1] ?? 0;
  return ranked
    .filter(([, value]) => value >= best * secondaryPassageShare)
    .slice(0, maxPassagesQuoted)
    .map(([passage]) => passage);
}

function selectUnits(units: ScoredUnit[], passages: number[]): ScoredUnit[] {
  const [focus] = passages;
  // Code comes from the focus passage when it has relevant code: its example fits its prose.
  const focusHasCode = units.some((unit) => unit.passage === focus && unit.kind === 'code' && unit.score > 0);
  const candidates = units.filter(
    (unit) =>
      passages.includes(unit.passage) &&
      unit.score > 0 &&
      (unit.kind !== 'code' || !focusHasCode || unit.passage === focus),
  );
  const best = Math.max(...candidates.map((unit) => unit.score));
  const ranked = candidates
    .filter((unit) => unit.score >= best * (unit.passage === focus ? relativeCutoff : secondaryCutoff))
    .sort((a, b) => b.score - a.score);
  const selected: ScoredUnit[] = [];
  let proseChars = 0;
  let codeBlocks = 0;
  for (const unit of ranked) {
    if (unit.kind === 'code') {
      if (codeBlocks < maxCodeBlocks) {
        selected.push(unit);
        codeBlocks += 1;
      }
    } else if (
      selected.length - codeBlocks < maxSentences &&
      proseChars + unit.text.length <= maxProseChars
    ) {
      selected.push(unit);
      proseChars += unit.text.length;
    }
  }
  // The focus passage always contributes some prose, not just a code block.
  const focusProse = units
    .filter((unit) => unit.passage === focus && unit.kind !== 'code' && !selected.includes(unit))
    .sort((a, b) => b.score - a.score || a.order - b.order);
  const proseFromFocus = selected.filter((unit) => unit.passage === focus && unit.kind !== 'code').length;
  selected.push(...focusProse.slice(0, Math.max(0, minimumFocusProse - proseFromFocus)));
  // A quoted code block needs the sentence introducing it.
  for (const unit of selected.filter((candidate) => candidate.kind === 'code')) {
    const introduction = units.find(
      (candidate) => candidate.passage === unit.passage && candidate.order === unit.order - 1,
    );
    if (introduction && introduction.kind !== 'code' && !selected.includes(introduction)) {
      selected.push(introduction);
    }
  }
  return selected;
}

function renderPassageSection(passage: number, units: ScoredUnit[]): string {
  const blocks: string[] = [];
  let prose: string[] = [];
  const flush = () => {
    if (prose.length) blocks.push(`${prose.join(' ')} [${passage}]`);
    prose = [];
  };
  for (const unit of units) {
    if (unit.kind === 'code') {
      // Code is cited through the prose before it; code standing alone gets its own lead-in.
      if (!prose.length) blocks.push(`Example [${passage}]:`);
      flush();
      blocks.push(renderCode(unit));
    } else if (unit.kind === 'list-item') {
      flush();
      blocks.push(`- ${unit.text} [${passage}]`);
    } else {
      prose.push(unit.text);
    }
  }
  flush();
  return blocks.join('\n\n');
}

function renderCode(unit: ExtractedUnit): string {
  const lines = unit.text.split('\n');
  const body = lines.length > maxCodeLines ? [...lines.slice(0, maxCodeLines), '…'] : lines;
  return `\`\`\`${unit.language}\n${body.join('\n')}\n\`\`\``;
}
