import type { ParsedDocument } from './document-blocks';
import { markdownBlocks } from './markdown-blocks';
import { assertParsableMarkdown } from './markdown-structure-guard';

/** The front matter's title and the line where the body starts (front matter is not Markdown). */
function frontMatter(lines: string[]): { title?: string; bodyStart: number } {
  if (lines[0]?.trim() !== '---') return { bodyStart: 0 };
  const end = lines.findIndex((line, index) => index > 0 && line.trim() === '---');
  if (end < 0) return { bodyStart: 0 };
  const titleLine = lines.slice(1, end).find((line) => /^title\s*:/.test(line));
  const title = titleLine
    ?.replace(/^title\s*:\s*/, '')
    .replace(/^["']|["']$/g, '')
    .trim();
  return { title: title || undefined, bodyStart: end + 1 };
}

/**
 * Parses Markdown (and MDX, whose import/export lines are dropped) into blocks (see
 * {@link markdownBlocks}), titled by its front matter or else its first heading.
 * Throws `UnreadableDocumentError` for structure the parser would take more than linear
 * time on (see `assertParsableMarkdown`).
 */
export function parseMarkdown(source: string, options: { mdx?: boolean } = {}): ParsedDocument {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const { title: frontTitle, bodyStart } = frontMatter(lines);
  const body = lines.slice(bodyStart).join('\n');
  assertParsableMarkdown(body);
  const blocks = markdownBlocks(body, options);
  const firstHeading = blocks.find((block) => block.kind === 'heading');
  return { title: frontTitle ?? (firstHeading?.kind === 'heading' ? firstHeading.text : ''), blocks };
}
