import type { APIRequestContext } from '@playwright/test';
import { e2eServers } from './e2e-ports';
import type { RecordedRequest } from './fake-openai-server';
import type { FakeBehaviour } from './fake-upstream-protocol';

/** Drives the fake upstream of the `fake-upstream` e2e project over its HTTP control API. */
export function fakeUpstream(request: APIRequestContext) {
  const base = e2eServers.fakeUpstream.url;
  const post = async (path: string, data: unknown) => {
    const response = await request.post(`${base}${path}`, { data });
    if (!response.ok())
      throw new Error(`fake upstream ${path}: ${response.status()} ${await response.text()}`);
  };
  return {
    reset: () => post('/__control/reset', {}),
    /** Queues behaviours for the next chat completion requests. */
    script: (behaviours: FakeBehaviour[]) => post('/__control/script', { behaviours }),
    /** The chat completion requests received so far, oldest first. */
    chatRequests: async (): Promise<RecordedRequest[]> => {
      const response = await request.get(`${base}/__control/requests`);
      const body: { requests: RecordedRequest[] } = await response.json();
      return body.requests.filter((entry) => entry.path === '/v1/chat/completions');
    },
  };
}
