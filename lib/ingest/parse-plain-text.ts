import { type DocumentBlock, type ParsedDocument, tidyText } from './document-blocks';

/** Splits plain text into paragraphs; a short first line becomes the title. */
export function parsePlainText(source: string): ParsedDocument {
  const paragraphs = source
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((paragraph) => tidyText(paragraph))
    .filter(Boolean);
  const blocks: DocumentBlock[] = paragraphs.map((text) => ({ kind: 'text', text }));
  const firstLine = paragraphs[0]?.split('\n')[0] ?? '';
  return { title: firstLine.length <= 80 ? firstLine : '', blocks };
}
