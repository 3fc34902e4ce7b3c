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

/** Words Sphinx and Node's docs put before an API name in its heading. */
const apiPrefix =
  /^(?:(?:class|exception|async|await|abstractmethod|classmethod|staticmethod|coroutine)\s+|(?:Class|Static method|Event|Method|Property):\s*)/i;
/** A name with dots or a call: `os.path.splitext(path)`, `fs.readFile(path[, options], callback)`. */
const apiNamePattern = /^@?[A-Za-z_$][\w$]*(?:\.[\w$]+)*(?:\(.*\)|(?<=\.[\w$]+))/;
const maxApiNameChars = 60;

/**
 * The API a section heading names, as it should be written in code (`os.path.splitext(path)`),
 * or undefined for a heading that is prose ("Reading and writing files"). Long parameter lists
 * are elided: the cited passage has them.
 */
export function apiName(heading: string): string | undefined {
  const text = heading.replace(/`/g, '').replace(apiPrefix, '').trim();
  const match = apiNamePattern.exec(text);
  if (!match || match[0].length < text.length - 1) return undefined;
  const name = match[0];
  if (name.length <= maxApiNameChars) return name;
  const open = name.indexOf('(');
  return open > 0 ? `${name.slice(0, open)}(…)` : name.slice(0, maxApiNameChars);
}

/**
 * The answer's first line: the API the focus section documents, when it names one, else the
 * page and section the answer mostly comes from.
 */
export function renderLead(lead: RetrievedChunk, sectionHeading: string): string {
  const name = apiName(sectionHeading);
  if (name) return `Use \`${name}\` (from *${lead.title}*):`;
  const section = sectionHeading || lastHeading(lead.heading);
  const where = section && section !== lead.title ? `${lead.title} › ${section}` : lead.title;
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
 * One section's quoted units (in reading order) as Markdown: consecutive sentences joined into
 * a paragraph, list items as a list, code fenced; each block cited `[passage]`. A section that
 * documents an API other than the lead's opens with its name.
 */
export function renderPassageSection(passage: number, units: ExtractedUnit[], name?: string): string {
  const blocks: string[] = name ? [`\`${name}\`:`] : [];
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
