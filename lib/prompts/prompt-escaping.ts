/**
 * Untrusted text placed into a prompt (documents, the question, earlier messages, collection
 * descriptions) must not be able to end the block it sits in or speak in another role. Our
 * delimiters are XML-like tags, and model servers read chat-template markers as role switches,
 * so both are rewritten into an inert, still readable form.
 */

/** Tags our prompts use as delimiters, and tag-shaped role markers of common chat templates. */
const tagNames = [
  'documents?',
  'question',
  'conversation',
  'message',
  'system',
  'instructions?',
  'start_of_turn',
  'end_of_turn',
  's',
].join('|');

/**
 * An opening angle bracket (ASCII, fullwidth or small form, or an HTML entity that a reader
 * would decode to one), optional `/` and spaces, then one of {@link tagNames}: `</ document>`,
 * `</DOCUMENT >`, `&lt;/document&gt;`, `<document index="9">`. Gaps are bounded (linear).
 */
const delimiterTag = new RegExp(
  `(?:<|\\uff1c|\\ufe64|&lt;?|&#0{0,4}60;?|&#x0{0,4}3c;?)(?=\\s{0,8}\\/?\\s{0,8}(?:${tagNames})(?![\\w-]))`,
  'giu',
);

/** `<|im_end|>`, `<|endoftext|>`, `<|eot_id|>`, `<｜end▁of▁sentence｜>`: special-token spellings. */
const specialToken = /<([|\uff5c])([^<>|\uff5c\s]{1,48})([|\uff5c])>/gu;

/** Llama 2 role markers: `[INST]`, `[/INST]`, `<<SYS>>`, `<</SYS>>`, and Mistral's bracketed ones. */
const bracketMarker =
  /\[(\s{0,4}\/?\s{0,4}(?:INST|SYSTEM_PROMPT|AVAILABLE_TOOLS|TOOL_CALLS|TOOL_RESULTS)\s{0,4})\]|<<(\s{0,4}\/?\s{0,4}SYS\s{0,4})>>/gi;

/**
 * Rewrites delimiter tags and chat-template markers in untrusted text so they are read as
 * text: `</document>` becomes `&lt;/document>`, `&lt;/document&gt;` becomes
 * `&amp;lt;/document&gt;`, `<|im_end|>` becomes `&lt;|im_end|&gt;` and `[INST]` becomes
 * `&#91;INST&#93;`. Everything else is left as written.
 */
export function escapePromptText(text: string): string {
  return text
    .replace(delimiterTag, (bracket) => (bracket.startsWith('&') ? `&amp;${bracket.slice(1)}` : '&lt;'))
    .replace(specialToken, '&lt;$1$2$3&gt;')
    .replace(bracketMarker, (_marker, inst: string | undefined, sys: string | undefined) =>
      inst === undefined ? `&lt;&lt;${sys}&gt;&gt;` : `&#91;${inst}&#93;`,
    );
}
