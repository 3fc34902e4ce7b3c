import { describe, expect, it } from 'vitest';
import type { RouteCandidate } from './route-candidate';
import { routeQuestion } from './router';

/** A candidate whose passages contain terms at the given rates (share of passages). */
function candidate(
  name: string,
  rates: Record<string, number>,
  retrievalScore: number,
  description = '',
): RouteCandidate {
  const passages = 1000;
  return {
    name,
    description,
    passages,
    documentFrequency: (term) => Math.round((rates[term] ?? 0) * passages),
    retrievalScore,
  };
}

describe('routeQuestion', () => {
  it('bypasses routing for a pinned collection', () => {
    expect(routeQuestion('anything', [candidate('a', {}, 5)], { pinned: 'b' })).toEqual({
      collections: ['b'],
      scores: { b: 1 },
      reason: 'pinned by the user',
      confidence: 1,
      pinned: true,
    });
  });

  it('routes to the only collection', () => {
    expect(routeQuestion('anything', [candidate('docs', {}, 0)])).toMatchObject({
      collections: ['docs'],
      confidence: 1,
    });
  });

  it('follows the retrieval evidence when the question has no cue', () => {
    const decision = routeQuestion('How do I measure execution time of snippets?', [
      candidate('python', { measur: 0.01, execut: 0.02, time: 0.05, snippet: 0.01 }, 30),
      candidate('javascript', { measur: 0.01, execut: 0.01, time: 0.05 }, 10),
    ]);
    expect(decision.collections).toEqual(['python']);
    expect(decision.scores.python).toBeGreaterThan(decision.scores.javascript);
    expect(decision.confidence).toBe(decision.scores.python);
    expect(decision.reason).toMatch(/^best match: python/);
  });

  it('lets a cue from the collection name or description outweigh content', () => {
    const decision = routeQuestion('How do I compress a file with gzip in Node?', [
      candidate('python', { compress: 0.02, file: 0.2, gzip: 0.01 }, 22, 'Python standard library'),
      candidate('javascript', { compress: 0.02, file: 0.2, gzip: 0.01 }, 18, 'Node.js API reference'),
    ]);
    expect(decision.collections[0]).toBe('javascript');
    expect(decision.reason).toContain('"node"');
  });

  it('recognises a collection by its dialect: terms common in it and rare elsewhere', () => {
    const decision = routeQuestion('How do I read a file in node?', [
      candidate('py', { read: 0.1, file: 0.2, node: 0.01 }, 20),
      candidate('js', { read: 0.1, file: 0.2, node: 0.6 }, 18),
    ]);
    expect(decision.collections[0]).toBe('js');
  });

  it('searches both collections on a close call', () => {
    const decision = routeQuestion('How do I hash a string?', [
      candidate('python', { hash: 0.02, string: 0.1 }, 20),
      candidate('javascript', { hash: 0.02, string: 0.1 }, 19),
    ]);
    expect(decision.collections).toEqual(['python', 'javascript']);
    expect(decision.reason).toMatch(/close call/);
  });

  it('routes among any number of collections with no per-collection code', () => {
    const decision = routeQuestion('How do I declare a rust trait?', [
      candidate('python', { declar: 0.01 }, 2),
      candidate('javascript', { declar: 0.01 }, 2),
      candidate('rust', { declar: 0.01, rust: 0.3, trait: 0.2 }, 25, 'The Rust book'),
    ]);
    expect(decision.collections[0]).toBe('rust');
    expect(Object.keys(decision.scores)).toHaveLength(3);
  });

  it('searches everything when nothing matches', () => {
    const decision = routeQuestion('zzz', [candidate('a', {}, 0), candidate('b', {}, 0)]);
    expect(decision).toMatchObject({ collections: ['a', 'b'], confidence: 0 });
  });
});
