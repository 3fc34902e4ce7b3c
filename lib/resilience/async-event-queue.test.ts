import { describe, expect, it } from 'vitest';
import { AsyncEventQueue } from './async-event-queue';

/** Words merge; a '!'-marked event (a notice) stays on its own. */
const joinWords = (earlier: string, later: string) =>
  earlier.startsWith('!') || later.startsWith('!') ? undefined : earlier + later;

describe('AsyncEventQueue', () => {
  it('delivers pushed events in order, then ends', async () => {
    const queue = new AsyncEventQueue<string>();
    queue.push('a');
    queue.push('b');
    queue.end();
    const received: string[] = [];
    for await (const item of queue) received.push(item);
    expect(received).toEqual(['a', 'b']);
  });

  it('delivers the buffered events before the failure', async () => {
    const queue = new AsyncEventQueue<string>();
    queue.push('a');
    queue.fail(new Error('boom'));
    const iterator = queue[Symbol.asyncIterator]();
    expect(await iterator.next()).toEqual({ done: false, value: 'a' });
    await expect(iterator.next()).rejects.toThrow('boom');
  });

  it('wakes a waiting consumer at once for a pushed event', async () => {
    const queue = new AsyncEventQueue<string>(joinWords);
    const iterator = queue[Symbol.asyncIterator]();
    const first = iterator.next();
    queue.push('a');
    expect(await first).toEqual({ done: false, value: 'a' });
  });

  it('merges events pushed soon in the same event-loop turn into one', async () => {
    const queue = new AsyncEventQueue<string>(joinWords);
    const iterator = queue[Symbol.asyncIterator]();
    const pending = iterator.next();
    queue.pushSoon('b');
    queue.pushSoon('c');
    queue.pushSoon('d');
    expect(await pending).toEqual({ done: false, value: 'bcd' });
    queue.pushSoon('e');
    queue.end();
    expect(await iterator.next()).toEqual({ done: false, value: 'e' });
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
  });

  it('keeps events the merge function refuses apart, in order', async () => {
    const queue = new AsyncEventQueue<string>(joinWords);
    queue.pushSoon('a');
    queue.push('!notice');
    queue.pushSoon('b');
    queue.pushSoon('c');
    queue.end();
    const received: string[] = [];
    for await (const item of queue) received.push(item);
    expect(received).toEqual(['a', '!notice', 'bc']);
  });
});
