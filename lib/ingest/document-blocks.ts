import { errorMark, hasErrorMark, markError } from '../error-mark';

const unreadableDocumentMark = errorMark('unreadable-document-error');

/**
 * The format-neutral shape every loader produces: a title and a flat list of headings, prose
 * and code blocks in reading order. The chunker only ever sees this, so all formats are split
 * by the same rules.
 */
export type DocumentBlock =
  /** `api`: the heading names one documented function, class, option or event (its signature). */
  /** `anchor`: the fragment that links to it on the original page (`os.path.splitext`). */
  | { kind: 'heading'; level: number; text: string; api?: boolean; anchor?: string }
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string; language: string }
  /** Closes the section opened by the heading at `level` (HTML API entries have no next heading). */
  | { kind: 'section-end'; level: number };

export interface ParsedDocument {
  title: string;
  blocks: DocumentBlock[];
}

/**
 * A document the ingester refuses to parse, with a reason fit for the ingest report (the file
 * is skipped and the rest of the collection goes on).
 */
export class UnreadableDocumentError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'UnreadableDocumentError';
    markError(this, unreadableDocumentMark);
  }
}

/** True for an UnreadableDocumentError from any copy of this module. */
export function isUnreadableDocumentError(value: unknown): value is UnreadableDocumentError {
  return hasErrorMark(value, unreadableDocumentMark);
}

/** Collapses runs of spaces and tabs and trims; keeps line breaks. */
export function tidyText(text: string): string {
  return text
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
