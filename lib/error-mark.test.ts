import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isChatRequestError } from './chat-ui/chat-request-error';
import { AppError, isAppError, toAppError } from './errors';
import { isUnreadableDocumentError } from './ingest/document-blocks';
import { isIngestInputError } from './ingest/ingest-collection';
import { findBodyError, isUpstreamBodyError, UpstreamBodyError } from './models/upstream-body-error';
import { describeFailure, isUpstreamTimeoutError, UpstreamTimeoutError } from './resilience/upstream-errors';

afterEach(() => vi.resetModules());

/** A fresh copy of a module, as Next produces when it bundles one twice. */
async function secondCopy<Module>(load: () => Promise<Module>): Promise<Module> {
  vi.resetModules();
  return load();
}

describe('error marks', () => {
  it('recognise an AppError thrown by a second copy of the errors module', async () => {
    const copy = await secondCopy(() => import('./errors'));
    const foreignCopyError = new copy.AppError('rate_limited', { retryAfterSeconds: 3 });
    expect(copy.AppError).not.toBe(AppError);
    expect(foreignCopyError instanceof AppError).toBe(false);
    expect(isAppError(foreignCopyError)).toBe(true);
    expect(toAppError(foreignCopyError)).toBe(foreignCopyError);
  });

  it('recognise upstream errors from a second copy, so failures are classified the same', async () => {
    const resilience = await secondCopy(() => import('./resilience/upstream-errors'));
    const timeout = new resilience.UpstreamTimeoutError('first-token', 2000);
    expect(timeout instanceof UpstreamTimeoutError).toBe(false);
    expect(isUpstreamTimeoutError(timeout)).toBe(true);
    expect(describeFailure(timeout)).toMatchObject({ kind: 'timeout', retryable: true });
    const models = await secondCopy(() => import('./models/upstream-body-error'));
    const wrapped = new Error('connection error', { cause: new models.UpstreamBodyError('JSON', 'HTML') });
    expect(isUpstreamBodyError(wrapped.cause)).toBe(true);
    expect(findBodyError(wrapped)).toBe(wrapped.cause);
  });

  it('recognise the ingest and chat UI errors from a second copy', async () => {
    const blocks = await secondCopy(() => import('./ingest/document-blocks'));
    expect(isUnreadableDocumentError(new blocks.UnreadableDocumentError('binary file'))).toBe(true);
    const ingest = await secondCopy(() => import('./ingest/ingest-collection'));
    expect(isIngestInputError(new ingest.IngestInputError('not a directory'))).toBe(true);
    const chatUi = await secondCopy(() => import('./chat-ui/chat-request-error'));
    expect(isChatRequestError(new chatUi.ChatRequestError('busy', { status: 503 }))).toBe(true);
    expect(isIngestInputError(new blocks.UnreadableDocumentError('binary file'))).toBe(false);
  });

  it('recognise a marked error from another realm', () => {
    const otherRealmError = runInNewContext(
      `Object.assign(new Error('slow'), { phase: 'idle', limitMs: 500, [Symbol.for('docs-chat.upstream-timeout-error')]: true })`,
    ) as unknown;
    expect(otherRealmError instanceof Error).toBe(false);
    expect(isUpstreamTimeoutError(otherRealmError)).toBe(true);
  });

  it('recognise a plain object carrying the mark', () => {
    const marked = { code: 'not_found', status: 404, [Symbol.for('docs-chat.app-error')]: true };
    expect(isAppError(marked)).toBe(true);
  });

  it('do not recognise foreign errors, however alike they look', () => {
    const lookalike = Object.assign(new Error('nope'), { name: 'AppError', code: 'not_found', status: 404 });
    expect(isAppError(lookalike)).toBe(false);
    expect(isAppError({ [Symbol.for('docs-chat.app-error')]: 'yes' })).toBe(false);
    expect(isAppError(new UpstreamBodyError('JSON', 'HTML'))).toBe(false);
    expect(isUpstreamTimeoutError(new AppError('timeout'))).toBe(false);
    for (const value of [undefined, null, 'AppError', 404]) expect(isAppError(value)).toBe(false);
  });

  it('stay out of logs and equality: the mark is not enumerable', () => {
    const error = new AppError('internal');
    expect(Object.keys(error)).not.toContain(Symbol.for('docs-chat.app-error'));
    expect(Object.getOwnPropertySymbols({ ...error })).toEqual([]);
  });
});
