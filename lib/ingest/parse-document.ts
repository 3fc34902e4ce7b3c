import path from 'node:path';
import { logger } from '../logger';
import { isUnreadableDocumentError, type ParsedDocument } from './document-blocks';
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

/**
 * {@link parseDocument}, with a refusal instead of a throw: a document its parser refuses,
 * or on which it fails, becomes a reason for the ingest report, so one bad file never stops
 * a collection from being ingested.
 */
export function tryParseDocument(
  relativePath: string,
  source: string,
): { ok: true; document: ParsedDocument } | { ok: false; reason: string } {
  try {
    return { ok: true, document: parseDocument(relativePath, source) };
  } catch (error) {
    if (isUnreadableDocumentError(error)) return { ok: false, reason: error.reason };
    logger.error('document_parse_failed', { path: relativePath, error });
    return { ok: false, reason: 'the parser failed on this file (see the log)' };
  }
}
