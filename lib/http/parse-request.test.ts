import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { maxJsonBodyBytes, parseJsonBody } from './parse-request';

const chunkBytes = 64 * 1024;

/** An endless upload of `chunkBytes` chunks that counts what was pulled and whether it was cancelled. */
function endlessUpload() {
  const progress = { pulledBytes: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      progress.pulledBytes += chunkBytes;
      controller.enqueue(new Uint8Array(chunkBytes).fill(0x20));
    },
    cancel() {
      progress.cancelled = true;
    },
  });
  return { stream, progress };
}

/** A body sent in the given pieces, as a client streaming its upload would. */
function chunkedBody(pieces: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const piece of pieces) controller.enqueue(piece);
      controller.close();
    },
  });
}

function post(body: BodyInit, headers: Record<string, string> = {}): Request {
  // Node needs `duplex: 'half'` for a streamed body; the DOM typings do not know the field yet.
  const init: RequestInit & { duplex: 'half' } = {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...headers },
    duplex: 'half',
  };
  return new Request('http://app.test/api/chat', init);
}

const tooLarge = { code: 'bad_request', status: 400, publicMessage: expect.stringContaining('larger than') };

describe('parseJsonBody', () => {
  it('refuses a body whose Content-Length is over the limit without reading it', async () => {
    const upload = endlessUpload();
    const request = post(upload.stream, { 'content-length': String(maxJsonBodyBytes + 1) });
    await expect(parseJsonBody(request, z.unknown())).rejects.toMatchObject(tooLarge);
    // At most the one chunk a stream buffers on its own; the body was never read.
    expect(upload.progress.pulledBytes).toBeLessThanOrEqual(chunkBytes);
    expect(request.bodyUsed).toBe(false);
  });

  it('stops reading a body without Content-Length as soon as it passes the limit', async () => {
    const upload = endlessUpload();
    await expect(parseJsonBody(post(upload.stream), z.unknown())).rejects.toMatchObject(tooLarge);
    expect(upload.progress.pulledBytes).toBeGreaterThan(maxJsonBodyBytes);
    expect(upload.progress.pulledBytes).toBeLessThanOrEqual(maxJsonBodyBytes + 3 * chunkBytes);
    expect(upload.progress.cancelled).toBe(true);
  });

  it('counts the bytes actually sent when Content-Length understates them', async () => {
    const upload = endlessUpload();
    const request = post(upload.stream, { 'content-length': '100' });
    await expect(parseJsonBody(request, z.unknown())).rejects.toMatchObject(tooLarge);
    expect(upload.progress.cancelled).toBe(true);
  });

  it('counts bytes, not characters, and accepts a body of exactly the limit', async () => {
    const exact = JSON.stringify('x'.repeat(maxJsonBodyBytes - 2));
    await expect(parseJsonBody(post(exact), z.string())).resolves.toHaveLength(maxJsonBodyBytes - 2);
    // 'é' is two bytes in UTF-8: under the limit in characters, over it in bytes.
    const wide = JSON.stringify('é'.repeat(maxJsonBodyBytes / 2));
    await expect(parseJsonBody(post(wide), z.string())).rejects.toMatchObject(tooLarge);
  });

  it('decodes UTF-8 characters split across chunks', async () => {
    const bytes = new TextEncoder().encode(JSON.stringify({ question: 'Qu’est-ce qu’un décorateur ? 🐍' }));
    const pieces = Array.from({ length: bytes.length }, (_, index) => bytes.subarray(index, index + 1));
    await expect(
      parseJsonBody(post(chunkedBody(pieces)), z.object({ question: z.string() })),
    ).resolves.toEqual({ question: 'Qu’est-ce qu’un décorateur ? 🐍' });
  });

  it('answers an empty body, invalid JSON, a broken upload and schema violations with a clear 400', async () => {
    const schema = z.object({ question: z.string() });
    await expect(parseJsonBody(post(''), schema)).rejects.toMatchObject({
      status: 400,
      publicMessage: 'The request body is not valid JSON.',
    });
    await expect(parseJsonBody(post('{"question":'), schema)).rejects.toMatchObject({
      publicMessage: 'The request body is not valid JSON.',
    });
    const broken = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"question":'));
        controller.error(new Error('connection reset'));
      },
    });
    await expect(parseJsonBody(post(broken), schema)).rejects.toMatchObject({
      status: 400,
      publicMessage: 'The request body could not be read.',
    });
    await expect(parseJsonBody(post('{"question":42}'), schema)).rejects.toMatchObject({
      status: 400,
      publicMessage: expect.stringMatching(/^question: /),
    });
  });

  it('refuses a body not declared as application/json with 415, before reading it', async () => {
    for (const contentType of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data',
      '',
    ]) {
      const upload = endlessUpload();
      await expect(
        parseJsonBody(post(upload.stream, { 'content-type': contentType }), z.unknown()),
      ).rejects.toMatchObject({ code: 'unsupported_media_type', status: 415 });
      expect(upload.progress.pulledBytes).toBeLessThanOrEqual(chunkBytes);
    }
  });

  it('accepts application/json with parameters, in any case', async () => {
    for (const contentType of [
      'application/json',
      'Application/JSON; charset=utf-8',
      'application/json;charset=UTF-8',
    ]) {
      await expect(
        parseJsonBody(post('{"a":1}', { 'content-type': contentType }), z.unknown()),
      ).resolves.toEqual({
        a: 1,
      });
    }
    await expect(
      parseJsonBody(post('{}', { 'content-type': 'application/jsonp' }), z.unknown()),
    ).rejects.toMatchObject({ status: 415 });
  });
});
