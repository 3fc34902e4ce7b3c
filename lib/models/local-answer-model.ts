import type { AnswerEvent, AnswerModel, AnswerRequest } from '../contracts/models';
import type { RetrievedChunk } from '../contracts/retrieval';
import { notCoveredSentence } from '../prompts/answer-prompt';
import { contentTerms } from '../text/query-terms';
import { defaultMaxTokenDelayMs, defaultTargetStreamMs, howToPattern } from './local-answer-constants';
import { apiName, renderLead, renderNotCovered, renderPassageSection } from './local-answer-markdown';
import { paceAnswer } from './local-answer-pacing';
import { passageOfGroup, rankSections, scoreUnits } from './local-unit-scoring';
import { selectUnits } from './local-unit-selection';

/** The model id the embedded generator reports in the UI and metrics. */
export const localAnswerModelId = 'local-extractive';

export interface LocalAnswerModelOptions {
  /** Upper bound for the pause between streamed tokens, so the answer visibly streams. */
  maxTokenDelayMs?: number;
  /** Target total streaming time; long answers stream faster to stay near it. */
  targetStreamMs?: number;
}

/**
 * The embedded generator used when no model is configured: an extractive answer made of the
 * sentences and code blocks of the retrieved passages that best match the question, each
 * group cited `[n]`, streamed token by token. No network, no model download.
 */
export function createLocalAnswerModel(options: LocalAnswerModelOptions = {}): AnswerModel {
  const pacing = {
    maxTokenDelayMs: options.maxTokenDelayMs ?? defaultMaxTokenDelayMs,
    targetStreamMs: options.targetStreamMs ?? defaultTargetStreamMs,
  };
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
      yield* paceAnswer(answer, pacing, request.signal);
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
  // The collection's own name ("python") says where to search, not what to quote.
  const collections = new Set(context.flatMap((chunk) => contentTerms(chunk.collection)));
  const questionTerms = contentTerms(question);
  const terms = questionTerms.filter((term) => !collections.has(term));
  const { units: allUnits, weights } = scoreUnits(terms, context);
  const chosen = chooseCollection(context, questionTerms);
  const units = allUnits.filter((unit) => !chosen || context[unit.passage - 1].collection === chosen.name);
  const sections = rankSections(units, weights, howToPattern.test(question));
  if (lowConfidence || !sections.length) return renderNotCovered(context);

  const selected = selectUnits(units, sections);
  const [focus] = sections;
  const focusHeading = units.find((unit) => unit.group === focus)?.sectionHeading ?? '';
  const rendered = sections
    .filter((group) => selected.some((unit) => unit.group === group))
    .map((group) => {
      const own = selected.filter((unit) => unit.group === group).sort((a, b) => a.order - b.order);
      const name = group === focus ? undefined : apiName(own[0].sectionHeading);
      return renderPassageSection(passageOfGroup(group), own, name);
    });
  const lead = renderLead(context[passageOfGroup(focus) - 1], focusHeading);
  return [...(chosen?.note ? [chosen.note] : []), lead, ...rendered].join('\n\n');
}

/**
 * When the passages come from several collections (a close routing call), the answer keeps to
 * the one the question names or else to the one retrieval ranked first, saying so in one line:
 * an answer mixing two languages' APIs answers neither. A question naming both gets both.
 */
function chooseCollection(
  context: RetrievedChunk[],
  questionTerms: string[],
): { name: string; note?: string } | undefined {
  const names = [...new Set(context.map((chunk) => chunk.collection))];
  if (names.length < 2) return undefined;
  const named = names.filter((name) => contentTerms(name).some((term) => questionTerms.includes(term)));
  if (named.length > 1) return undefined;
  if (named.length === 1) return { name: named[0] };
  const [name] = names;
  const others = names
    .filter((other) => other !== name)
    .map((other) => `*${other}*`)
    .join(' or ');
  return { name, note: `This could be about *${name}* or ${others}; this answer is for *${name}*.` };
}
