import { createHash } from 'node:crypto';
import type { DocumentBlock, ParsedDocument } from './document-blocks';

export interface DocumentChunk {
  /** Heading path inside the document, outermost first, joined with ` > `. */
  heading: string;
  text: string;
  /** Identity of the chunk for dedupe and embedding reuse: hash of everything that is embedded (title, heading, text). */
  hash: string;
  /** The fragment of its innermost heading that has one, to link to the original page. */
  anchor?: string;
}

export interface ChunkOptions {
  /** Hard ceiling for a chunk; code is cut at line breaks, and inside a line only when it alone is too long. */
  maxChars: number;
  /** A section shorter than this is merged with the next one instead of standing alone. */
  minChars: number;
}

/**
 * Version of the chunking rules; files ingested under another version are chunked again.
 * 2: API entries are chunks of their own; merged sections keep their headings as text.
 */
export const chunkingVersion = 2;

export const defaultChunkOptions: ChunkOptions = { maxChars: 1200, minChars: 500 };

/** A stable short hash of a chunk's content and context. */
export function chunkHash(title: string, heading: string, text: string): string {
  return createHash('sha256')
    .update(title)
    .update('\u0000')
    .update(heading)
    .update('\u0000')
    .update(text)
    .digest('hex')
    .slice(0, 24);
}

type ContentBlock = Exclude<DocumentBlock, { kind: 'section-end' }>;

function renderBlock(block: ContentBlock): string {
  if (block.kind === 'code') return `\`\`\`${block.language}\n${block.text}\n\`\`\``;
  if (block.kind === 'heading') return `${'#'.repeat(Math.min(block.level, 6))} ${block.text}`;
  return block.text;
}

/** Cuts text at sentence ends, then at spaces, into pieces no longer than `maxChars`. */
function splitProse(text: string, maxChars: number): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const sentence of text.split(/(?<=[.!?:;])\s+|\n/)) {
    for (let rest = sentence; rest; ) {
      let part = rest;
      if (part.length > maxChars) {
        const cut = part.lastIndexOf(' ', maxChars);
        part = part.slice(0, cut > maxChars / 2 ? cut : maxChars);
      }
      rest = rest.slice(part.length).trimStart();
      if (current && current.length + 1 + part.length > maxChars) {
        pieces.push(current);
        current = '';
      }
      current = current ? `${current} ${part}` : part;
    }
  }
  if (current) pieces.push(current);
  return pieces;
}

/** Cuts `line` into slices of at most `width` characters, never inside a surrogate pair. */
function sliceLine(line: string, width: number): string[] {
  const slices: string[] = [];
  let start = 0;
  while (line.length - start > width) {
    let end = start + width;
    const last = line.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff) end -= 1;
    slices.push(line.slice(start, end));
    start = end;
  }
  slices.push(line.slice(start));
  return slices;
}

/**
 * Cuts code at line breaks into fenced pieces of about `maxChars`. A single line longer than
 * the budget (minified code, a data blob) is cut too: an unbounded chunk would be embedded and
 * tokenized whole.
 */
function splitCode(block: Extract<DocumentBlock, { kind: 'code' }>, maxChars: number): string[] {
  // The fence and language are part of every piece; a long language tag must not eat the budget.
  const language = block.language.slice(0, 32);
  const budget = Math.max(64, maxChars - language.length - 8);
  const pieces: string[] = [];
  let lines: string[] = [];
  let size = 0;
  for (const line of block.text.split('\n').flatMap((text) => sliceLine(text, budget))) {
    if (lines.length && size + line.length + 1 > budget) {
      pieces.push(renderBlock({ ...block, language, text: lines.join('\n') }));
      lines = [];
      size = 0;
    }
    lines.push(line);
    size += line.length + 1;
  }
  if (lines.length) pieces.push(renderBlock({ ...block, language, text: lines.join('\n') }));
  return pieces;
}

interface OpenHeading {
  level: number;
  text: string;
  api: boolean;
  anchor?: string;
}

function commonPrefix(left: OpenHeading[], right: OpenHeading[]): OpenHeading[] {
  let length = 0;
  while (length < left.length && length < right.length && left[length] === right[length]) length += 1;
  return left.slice(0, length);
}

/**
 * Splits a parsed document into chunks of at most `maxChars` that follow its structure: a
 * heading starts a new chunk unless the open one is still short, code blocks are split only
 * when they alone exceed the limit (at line breaks, and inside a line that alone is too long),
 * and every chunk carries the heading path it sits under. An API entry (a heading marked
 * `api`: one function, class, option or event) is always a chunk of its own, never merged with
 * its neighbours, so the passage that documents a name carries that name as its heading.
 */
export function chunkDocument(
  document: ParsedDocument,
  options: ChunkOptions = defaultChunkOptions,
): DocumentChunk[] {
  const chunks: DocumentChunk[] = [];
  const stack: OpenHeading[] = [];
  let parts: string[] = [];
  let size = 0;
  let chunkPath: OpenHeading[] = [];
  let contentSinceHeading = true;

  const flush = () => {
    const text = parts.join('\n\n').trim();
    if (text) {
      const names = chunkPath.map((entry) => entry.text);
      // The document title is stored separately; repeating it as the first heading adds nothing.
      const headingPath = names[0] === document.title ? names.slice(1) : names;
      const heading = headingPath.join(' > ');
      const anchor = chunkPath.findLast((entry) => entry.anchor)?.anchor;
      chunks.push({
        heading,
        text,
        hash: chunkHash(document.title, heading, text),
        ...(anchor ? { anchor } : {}),
      });
    }
    parts = [];
    size = 0;
  };
  const add = (rendered: string) => {
    if (parts.length === 0) chunkPath = [...stack];
    else if (size + rendered.length + 2 > options.maxChars) {
      flush();
      chunkPath = [...stack];
    }
    parts.push(rendered);
    size += rendered.length + 2;
  };
  const inApiEntry = () => chunkPath.at(-1)?.api === true;
  /** Widens the open chunk to the path it shares with the new heading; the headings it leaves become text. */
  const widen = () => {
    const shared = commonPrefix(chunkPath, stack);
    const left = chunkPath
      .slice(shared.length)
      .map((entry) => renderBlock({ kind: 'heading', level: entry.level, text: entry.text }));
    if (left.length) {
      parts.unshift(left.join('\n\n'));
      size += left.join('\n\n').length + 2;
    }
    chunkPath = shared;
  };

  for (const block of document.blocks) {
    if (block.kind === 'section-end') {
      if (parts.length && inApiEntry()) flush();
      while (stack.length && (stack.at(-1)?.level ?? 0) >= block.level) stack.pop();
      contentSinceHeading = true;
      continue;
    }
    if (block.kind === 'heading') {
      const previous = stack.at(-1);
      if (!contentSinceHeading && previous && previous.level === block.level) {
        // Consecutive same-level headings with nothing between (overloaded signatures) name one section.
        previous.text = `${previous.text}; ${block.text}`;
        if (parts.length && !chunkPath.includes(previous))
          parts[parts.length - 1] = renderBlock({ ...block, text: previous.text });
        continue;
      }
      if (parts.length && (block.api || inApiEntry() || size >= options.minChars)) flush();
      while (stack.length && (stack.at(-1)?.level ?? 0) >= block.level) stack.pop();
      stack.push({ level: block.level, text: block.text, api: block.api === true, anchor: block.anchor });
      contentSinceHeading = false;
      if (parts.length) {
        // Short open chunk: keep the heading inline and widen the chunk to the shared parent path.
        widen();
        add(renderBlock(block));
      }
      continue;
    }
    contentSinceHeading = true;
    const rendered = renderBlock(block);
    if (rendered.length + 2 <= options.maxChars) {
      add(rendered);
      continue;
    }
    const pieces =
      block.kind === 'code' ? splitCode(block, options.maxChars) : splitProse(block.text, options.maxChars);
    for (const piece of pieces) add(piece);
  }
  flush();
  return chunks;
}
