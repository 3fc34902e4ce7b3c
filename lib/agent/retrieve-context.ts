import type { RouteDecision } from '../contracts/retrieval';
import type { SourcePart } from '../contracts/ui-message';
import { buildContext, type ContextPassage } from '../prompts/context-builder';
import { raceAbort } from '../resilience/race-abort';
import { assessCoverage } from './grounding';
import type { TurnDependencies } from './turn-types';

/** What retrieval gave a turn: where it searched, the numbered passages, and how sure it is. */
export interface TurnContext {
  route: RouteDecision;
  passages: ContextPassage[];
  lowConfidence: boolean;
  coverage: number;
}

/** Candidates fetched per turn; the token budget then decides how many reach the prompt. */
const candidateCount = 8;

/**
 * Searches the routed collection(s) for the standalone query, fits the best passages into the
 * token budget (in the answer model's encoding) and judges whether they cover the question. Rejects with the signal's reason as
 * soon as it aborts (client gone, turn deadline), even if the retriever does not honour the
 * signal itself.
 */
export async function retrieveContext(
  dependencies: Pick<TurnDependencies, 'retrieve' | 'contextTokenBudget' | 'answerModel'>,
  query: string,
  route: RouteDecision,
  signal: AbortSignal,
): Promise<TurnContext> {
  const result = await raceAbort(dependencies.retrieve({ query, route, k: candidateCount, signal }), signal);
  const { passages } = buildContext(
    result.sources,
    dependencies.contextTokenBudget,
    dependencies.answerModel.id,
  );
  const { coverage, lowConfidence } = assessCoverage(
    query,
    passages.map((passage) => passage.chunk),
  );
  return { route: result.route, passages, lowConfidence, coverage };
}

/** The numbered sources streamed to the client; `[n]` in the answer is `index` n. */
export function toSourceParts(passages: ContextPassage[]): SourcePart[] {
  return passages.map(({ index, chunk, text }) => ({
    index,
    collection: chunk.collection,
    source: chunk.source,
    title: chunk.title,
    heading: chunk.heading,
    score: chunk.score,
    text,
  }));
}
