import { describe, expect, it } from 'vitest';
import { markdownStructure } from './markdown-structure-guard';

describe('markdownStructure', () => {
  it('counts containers opened on one line', () => {
    expect(markdownStructure('> - 1. x\n- y').deepestNesting).toBe(3);
    expect(markdownStructure('---\n-x\n1.5 apples\n**bold**').deepestNesting).toBe(0);
  });

  it('counts lazy lines per quoted or listed paragraph', () => {
    expect(markdownStructure('> a\nb\nc\n\n> d\ne').mostLazyLines).toBe(2);
    expect(markdownStructure('- a\nb\n- c\nd').mostLazyLines).toBe(1);
    expect(markdownStructure('- a\n\n  b\nc\nd').mostLazyLines).toBe(2);
  });

  it('does not count what ends the paragraph: blank lines, headings, fences and their code', () => {
    const fencedInList = `- step\n  \`\`\`sh\n${'  echo\n'.repeat(500)}  \`\`\`\n`;
    const fenced = `- step\n\`\`\`\n${'code\n'.repeat(500)}\`\`\`\n`;
    const prose = `${'plain words\n'.repeat(500)}`;
    const afterHeading = `> quote\n# Heading\n${'text\n'.repeat(500)}`;
    for (const source of [fencedInList, fenced, prose, afterHeading]) {
      expect(markdownStructure(source).mostLazyLines).toBe(0);
    }
  });
});
