import type { RetrievedChunk } from '../contracts/retrieval';
import { notCoveredSentence } from '../prompts/answer-prompt';
import { maxCodeLines } from './local-answer-constants';
import type { ExtractedUnit } from './local-passage-units';

function lastHeading(heading: string): string {
  return heading.split('>').at(-1)?.trim() || heading;
}

function describeChunk(chunk: RetrievedChunk): string {
  return chunk.heading && lastHeading(chunk.heading) !== chunk.title
    ? `*${chunk.title}* › ${lastHeading(chunk.heading)}`
    : `*${chunk.title}*`;
}

/** The answer's first line, naming the page and section the answer mostly comes from. */
export function renderLead(lead: RetrievedChunk): string {
  const where = lead.heading ? `${lead.title} › ${lastHeading(lead.heading)}` : lead.title;
  return `Here is what the documentation says (from *${where}*):`;
}

/** Says the passages do not cover the question and points at the closest ones instead of guessing. */
export function renderNotCovered(context: RetrievedChunk[]): string {
  const closest = context
    .slice(0, 3)
    .map((chunk, position) => `- ${describeChunk(chunk)} [${position + 1}]`)
    .join('\n');
  return `${notCoveredSentence} The closest related passages I found are:\n\n${closest}`;
}

function renderCode(unit: ExtractedUnit): string {
  const lines = unit.text.split('\n');
  const body = lines.length > maxCodeLines ? [...lines.slice(0, maxCodeLines), '…'] : lines;
  return `\`\`\`${unit.language}\n${body.join('\n')}\n\`\`\``;
}

/**
 * One passage's quoted units (in reading order) as Markdown: consecutive sentences joined into
 * a paragraph, list items as a list, code fenced; each block cited `[passage]`.
 */
export function renderPassageSection(passage: number, units: ExtractedUnit[]): string {
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
