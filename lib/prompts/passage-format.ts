import type { RetrievedChunk } from '../contracts/retrieval';
import { escapePromptText } from './prompt-escaping';

/** The parts of a chunk that its passage's opening tag names. */
export type PassageSource = Pick<RetrievedChunk, 'collection' | 'source' | 'title' | 'heading'>;

/** Ends every passage; counted together with the passage text. */
export const passageClosingTag = '\n</document>';

const attribute = (value: string) =>
  value.replace(/[&"<>\n]/g, (character) => `&#${character.charCodeAt(0)};`);

/** The opening tag's start: the only part of it that changes from turn to turn. */
export function indexAttribute(index: number): string {
  return `<document index="${index}"`;
}

/**
 * The rest of the opening tag, ending with `>\n`: fixed for a chunk, so its tokens are
 * cached apart from the index. Values are escaped so a title cannot end the tag.
 */
export function sourceAttributes(chunk: PassageSource): string {
  const heading = chunk.heading ? ` heading="${attribute(chunk.heading)}"` : '';
  return (
    ` collection="${attribute(chunk.collection)}" source="${attribute(chunk.source)}"` +
    ` title="${attribute(chunk.title)}"${heading}>\n`
  );
}

/**
 * One passage as it appears in the prompt. Its text is escaped ({@link escapePromptText}), so
 * a document cannot close its own `<document>` element or switch roles.
 */
export function formatPassage(index: number, chunk: PassageSource, text: string): string {
  return `${indexAttribute(index)}${sourceAttributes(chunk)}${escapePromptText(text)}${passageClosingTag}`;
}
