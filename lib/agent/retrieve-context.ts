import type { RouteDecision } from '../contracts/retrieval';
import type { SourcePart } from '../contracts/ui-message';
import { buildContext, type ContextPassage } from '../prompts/context-builder';
import { raceAbort } from '../resilience/race-abort';
import { groupByPage } from '../retrieval/group-by-page';
import { assessCoverage } from './grounding';
import type { TurnDependencies } from './turn-types';

/** What retrieval gave a turn: where it searched, the numbered passages, and how sure it is. */
export interface TurnContext {
  route: RouteDecision;
  passages: ContextPassage[];
  lowConfidence: boolean;
  coverage: number;
}

/** Passages fetched per turn, then grouped into pages; the token budget decides how many reach the prompt. */
const candidateCount = 24;

/** One source per page: the pages cited at most, and the sections of each quoted. */
const pageGrouping = { maxPages: 6, maxSections: 12, minSectionsPerPage: 2 };

/** Headings name APIs in code spans (`` `fs.readFile(path)` ``); labels show them without the ticks. */
function label(heading: string): string {
  return heading.replace(/`/g, '');
}

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
    groupByPage(result.sources, pageGrouping),
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
    title: label(chunk.title),
    heading: label(chunk.heading),
    score: chunk.score,
    text,
    sections: (chunk.sections ?? [chunk.heading]).map(label),
    ...(chunk.url ? { url: chunk.url } : {}),
  }));
}
