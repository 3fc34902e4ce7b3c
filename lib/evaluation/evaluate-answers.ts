import { randomUUID } from 'node:crypto';
import { runTurn } from '../agent/run-turn';
import type { TurnDependencies, TurnHandler } from '../agent/turn-types';
import type { ConversationTurn } from '../contracts/conversation';
import type { SourcePart } from '../contracts/ui-message';
import type { AnswerCase } from './answer-questions';

/** Sources whose text is searched for a key: what a reader sees first. */
const sourcesConsidered = 5;

/** What one question got: its answer, its sources, and which checks they pass. */
export interface AnswerOutcome {
  case: AnswerCase;
  answer: string;
  sources: SourcePart[];
  routedTo: string[];
  keyInSources: boolean;
  keyInAnswer: boolean;
  cites: boolean;
  /** Every `[n]` in the answer names a listed source (true when the answer cites nothing). */
  citationsValid: boolean;
  /** The same page appears more than once among the sources. */
  duplicatePages: boolean;
  status: string;
}

/** Shares over all questions, 0..1. */
export interface AnswerSummary {
  questions: number;
  keyInSources: number;
  keyInAnswer: number;
  cites: number;
  citationsValid: number;
  noDuplicatePages: number;
  routing: number;
  outcomes: AnswerOutcome[];
}

interface TurnResult {
  answer: string;
  sources: SourcePart[];
  routedTo: string[];
  status: string;
}

async function askTurn(
  handler: TurnHandler,
  dependencies: TurnDependencies,
  question: string,
  history: ConversationTurn[],
): Promise<TurnResult> {
  const result: TurnResult = { answer: '', sources: [], routedTo: [], status: 'unknown' };
  const events = handler(
    {
      turnId: randomUUID(),
      endpoint: 'chat',
      question,
      history,
      receivedAt: dependencies.now(),
      startedAt: Date.now(),
      signal: AbortSignal.timeout(dependencies.turnTimeoutMs),
    },
    dependencies,
  );
  for await (const event of events) {
    if (event.type === 'text') result.answer += event.text;
    else if (event.type === 'sources') result.sources = event.sources.sources;
    else if (event.type === 'route') result.routedTo = event.route.collections;
    else if (event.type === 'end') result.status = event.outcome.status;
  }
  return result;
}

// As in the chat's renderer, `[n]` inside code (`[10, 20]` in an example) is not a citation.
function citedNumbers(answer: string): number[] {
  const prose = answer.replace(/```[\s\S]*?(?:```|$)/g, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]/g)].flatMap((match) =>
    match[1].split(',').map((number) => Number.parseInt(number.trim(), 10)),
  );
}

/** Checks one finished turn against its case. */
export function judgeAnswer(entry: AnswerCase, turn: TurnResult): AnswerOutcome {
  const top = turn.sources.slice(0, sourcesConsidered);
  const sourceText = top.map((source) => `${source.title}\n${source.heading}\n${source.text}`).join('\n');
  const cited = citedNumbers(turn.answer);
  const listed = new Set(turn.sources.map((source) => source.index));
  const pages = turn.sources.map((source) => `${source.collection}/${source.source}`);
  return {
    case: entry,
    ...turn,
    keyInSources: entry.keys.some((key) => sourceText.includes(key)),
    keyInAnswer: entry.keys.some((key) => turn.answer.includes(key)),
    cites: cited.length > 0,
    citationsValid: cited.every((number) => listed.has(number)),
    duplicatePages: new Set(pages).size < pages.length,
  };
}

/**
 * Asks every case through the real turn (router, retrieval, context, answer model), each in its
 * own conversation: a follow-up's earlier questions are asked first and their answers become its
 * history, as in the chat. Runs one turn at a time so the figures do not depend on load.
 */
export async function evaluateAnswers(
  cases: AnswerCase[],
  dependencies: TurnDependencies,
  handler: TurnHandler = runTurn,
): Promise<AnswerSummary> {
  const outcomes: AnswerOutcome[] = [];
  for (const entry of cases) {
    const history: ConversationTurn[] = [];
    for (const earlier of entry.history) {
      const previous = await askTurn(handler, dependencies, earlier, history);
      history.push({ role: 'user', text: earlier }, { role: 'assistant', text: previous.answer });
    }
    outcomes.push(judgeAnswer(entry, await askTurn(handler, dependencies, entry.question, history)));
  }
  const share = (test: (outcome: AnswerOutcome) => boolean) =>
    outcomes.length ? outcomes.filter(test).length / outcomes.length : 0;
  return {
    questions: outcomes.length,
    keyInSources: share((outcome) => outcome.keyInSources),
    keyInAnswer: share((outcome) => outcome.keyInAnswer),
    cites: share((outcome) => outcome.cites),
    citationsValid: share((outcome) => outcome.citationsValid),
    noDuplicatePages: share((outcome) => !outcome.duplicatePages),
    routing: share((outcome) => outcome.routedTo[0] === outcome.case.collection),
    outcomes,
  };
}
