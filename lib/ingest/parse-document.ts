import path from 'node:path';
import type { ParsedDocument } from './document-blocks';
import { parseHtml } from './parse-html';
import { parseMarkdown } from './parse-markdown';
import { parsePlainText } from './parse-plain-text';
import { parseRst } from './parse-rst';

const parsers: Record<string, (source: string) => ParsedDocument> = {
  '.md': (source) => parseMarkdown(source),
  '.markdown': (source) => parseMarkdown(source),
  '.mdx': (source) => parseMarkdown(source, { mdx: true }),
  '.txt': parsePlainText,
  '.rst': parseRst,
  '.html': parseHtml,
  '.htm': parseHtml,
};

/** File extensions the ingester reads (lowercase, with the dot). */
export const supportedExtensions = new Set(Object.keys(parsers));

/**
 * Parses a document by its extension. A document without a title of its own is titled after
 * its file name, so every chunk can say where it came from.
 */
export function parseDocument(relativePath: string, source: string): ParsedDocument {
  const extension = path.extname(relativePath).toLowerCase();
  const parse = parsers[extension] ?? parsePlainText;
  const document = parse(source);
  return { ...document, title: document.title || path.basename(relativePath, path.extname(relativePath)) };
}
