import { type DocumentBlock, type ParsedDocument, tidyText } from './document-blocks';

const adornmentPattern = /^([=\-~^"'`#*+:.<>_])\1{2,}\s*$/;
const codeDirectivePattern = /^\.\.\s+(?:code-block|code|sourcecode)::\s*(\S*)/;
const directivePattern = /^\.\.\s+([\w:-]+)::\s*(.*)$/;
const droppedDirectives = new Set([
  'image',
  'figure',
  'toctree',
  'include',
  'raw',
  'meta',
  'index',
  'contents',
]);

/** Reduces reStructuredText inline markup to its visible text. */
function cleanInline(text: string): string {
  return text
    .replace(/`([^`<]+?)\s*<[^>]+>`_{1,2}/g, '$1')
    .replace(/:[\w:-]+:`([^`]+)`/g, '$1')
    .replace(/``([^`]+)``/g, '`$1`')
    .replace(/`([^`]+)`_{1,2}/g, '$1')
    .replace(/\*\*([^*]+)\*\*/g, '$1');
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/** Collects the indented block after `start` (blank lines included), returning its dedented lines. */
function indentedBlock(lines: string[], from: number): { body: string[]; end: number } {
  let start = from;
  while (start < lines.length && !lines[start].trim()) start += 1;
  if (start < lines.length && indentOf(lines[start]) === 0) return { body: [], end: from };
  let end = start;
  while (end < lines.length && (!lines[end].trim() || indentOf(lines[end]) > 0)) end += 1;
  while (end > start && !lines[end - 1].trim()) end -= 1;
  const body = lines.slice(start, end);
  const indents = body.filter((line) => line.trim()).map(indentOf);
  const common = indents.length ? Math.min(...indents) : 0;
  return { body: body.map((line) => line.slice(common)), end };
}

/**
 * Parses reStructuredText into blocks: underlined (and overlined) section titles with levels in
 * order of first appearance, `::` literal blocks and code directives as code, other directive
 * bodies as prose; comments, images and tables of contents are dropped.
 */
export function parseRst(source: string): ParsedDocument {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: DocumentBlock[] = [];
  const levels: string[] = [];
  let paragraph: string[] = [];
  let literalNext = false;

  const levelFor = (style: string) => {
    if (!levels.includes(style)) levels.push(style);
    return levels.indexOf(style) + 1;
  };
  const flush = () => {
    let text = paragraph.join('\n');
    paragraph = [];
    if (/::\s*$/.test(text)) {
      // "Example::" reads "Example:", while "Example ::" and a lone "::" vanish; a literal block follows.
      literalNext = true;
      text = /(^|\s)::\s*$/.test(text) ? text.replace(/\s*::\s*$/, '') : text.replace(/::\s*$/, ':');
    }
    const cleaned = tidyText(cleanInline(text));
    if (cleaned) blocks.push({ kind: 'text', text: cleaned });
  };

  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index];
    const next = lines[index + 1] ?? '';
    if (adornmentPattern.test(line) && line.trim() && paragraph.length === 0 && lines[index + 1]?.trim()) {
      // Overline: title on the next line, underline after it.
      const title = next.trim();
      if (adornmentPattern.test(lines[index + 2] ?? '') && !adornmentPattern.test(next)) {
        blocks.push({
          kind: 'heading',
          level: levelFor(`over${line.trim()[0]}`),
          text: tidyText(cleanInline(title)),
        });
        index += 2;
        continue;
      }
    }
    if (
      line.trim() &&
      indentOf(line) === 0 &&
      adornmentPattern.test(next) &&
      next.trim().length >= Math.min(line.trim().length, 3) &&
      paragraph.length === 0
    ) {
      blocks.push({
        kind: 'heading',
        level: levelFor(next.trim()[0]),
        text: tidyText(cleanInline(line.trim())),
      });
      index += 1;
      continue;
    }
    if (!line.trim()) {
      flush();
      continue;
    }
    if (indentOf(line) > 0 && paragraph.length === 0) {
      const { body, end } = indentedBlock(lines, index);
      const text = body.join('\n');
      if (literalNext) blocks.push({ kind: 'code', text, language: '' });
      else {
        const cleaned = tidyText(cleanInline(text));
        if (cleaned) blocks.push({ kind: 'text', text: cleaned });
      }
      literalNext = false;
      index = end - 1;
      continue;
    }
    literalNext = false;
    const codeDirective = codeDirectivePattern.exec(line);
    const directive = directivePattern.exec(line);
    if (codeDirective || line.startsWith('.. ')) {
      flush();
      let start = index + 1;
      while (start < lines.length && /^\s+:[\w-]+:/.test(lines[start])) start += 1;
      const { body, end } = indentedBlock(lines, start);
      const name = directive?.[1] ?? '';
      if (codeDirective && body.length) {
        blocks.push({ kind: 'code', text: body.join('\n'), language: codeDirective[1] ?? '' });
      } else if (directive && !droppedDirectives.has(name)) {
        const text = tidyText(cleanInline([directive[2], ...body].join('\n')));
        if (text) blocks.push({ kind: 'text', text });
      }
      index = Math.max(index, end - 1);
      continue;
    }
    paragraph.push(line);
  }
  flush();
  const firstHeading = blocks.find((block) => block.kind === 'heading');
  return { title: firstHeading?.kind === 'heading' ? firstHeading.text : '', blocks };
}
