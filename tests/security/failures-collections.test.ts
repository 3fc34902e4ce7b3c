import fs from 'node:fs';
import fsPromises from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { GET as collections } from '@/app/api/collections/route';
import { GET as health } from '@/app/api/health/route';
import { GET as prometheus } from '@/app/api/metrics/route';
import { setConfig } from '@/lib/config';
import type { HealthComponent, HealthReport } from '@/lib/contracts/dashboard';
import { ingestCollection } from '@/lib/ingest/ingest-collection';
import { resetFailureEvents } from '@/lib/telemetry/failure-events';
import { useTemporaryDataDir } from '@/tests/support/metrics-fixtures';
import { type RouteServer, serveRoute } from '@/tests/support/route-server';

const adminToken = 'failures-collections-admin-token';
const admin = { authorization: `Bearer ${adminToken}` };
let dataDir: ReturnType<typeof useTemporaryDataDir>;
let servers: { collections: RouteServer; health: RouteServer; prometheus: RouteServer };

const settings = () => ({
  DATA_DIR: dataDir.directory,
  EMBEDDINGS: 'local',
  OPENAI_API_KEY: '',
  OPENAI_BASE_URL: '',
  ADMIN_TOKEN: adminToken,
  LOG_LEVEL: 'silent',
});

async function healthComponents(): Promise<HealthComponent[]> {
  const response = await fetch(`${servers.health.url}/api/health`, { headers: admin });
  return ((await response.json()) as HealthReport).components;
}

async function failureCount(kind: string): Promise<number> {
  const body = await (await fetch(`${servers.prometheus.url}/api/metrics`, { headers: admin })).text();
  return Number(body.match(new RegExp(`docs_chat_failures_total\\{kind="${kind}"\\} (\\d+)`))?.[1] ?? 0);
}

beforeAll(async () => {
  dataDir = useTemporaryDataDir();
  setConfig(settings());
  await ingestCollection({ directory: path.resolve('data/corpus/python'), collection: 'python' });
  servers = {
    collections: await serveRoute(() => collections()),
    health: await serveRoute(health),
    prometheus: await serveRoute(prometheus),
  };
}, 60_000);
afterAll(async () => {
  dataDir.cleanup();
  setConfig({});
  await Promise.all(Object.values(servers).map((server) => server.close()));
});
beforeEach(() => {
  setConfig(settings());
  resetFailureEvents();
});
afterEach(() => vi.restoreAllMocks());

describe('a collection whose manifest is corrupt', () => {
  it('is logged, counted and degraded in health by name, without its path', async () => {
    const broken = path.join(dataDir.directory, 'collections', 'broken');
    fs.mkdirSync(broken, { recursive: true });
    fs.writeFileSync(path.join(broken, 'manifest.json'), '{"formatVersion": 1, "name": "bro');
    try {
      const listed = await (await fetch(`${servers.collections.url}/api/collections`)).json();
      expect(listed.collections.map((collection: { name: string }) => collection.name)).toEqual(['python']);
      expect(await failureCount('collection_unreadable')).toBe(1);

      const components = await healthComponents();
      const component = components.find((entry) => entry.name === 'index:broken');
      expect(component).toMatchObject({ status: 'degraded' });
      expect(component?.detail).toContain('manifest is not valid JSON');
      expect(component?.detail).not.toContain(dataDir.directory);
      expect(components.find((entry) => entry.name === 'index:python')?.status).toBe('healthy');
    } finally {
      fs.rmSync(broken, { recursive: true, force: true });
    }
  });
});

describe('a collections directory that cannot be read', () => {
  it('EACCES is not "no collections": health is down with the reason, the API answers 503', async () => {
    const denied = Object.assign(new Error('permission denied'), { code: 'EACCES' });
    vi.spyOn(fsPromises, 'readdir').mockRejectedValue(denied);

    const components = await healthComponents();
    expect(components.find((entry) => entry.kind === 'index')).toMatchObject({
      name: 'index',
      status: 'down',
      detail: expect.stringContaining('collections directory unreadable (EACCES)'),
    });
    expect(components.find((entry) => entry.kind === 'index')?.detail).not.toContain('npm run setup');

    const response = await fetch(`${servers.collections.url}/api/collections`);
    expect(response.status).toBe(503);
    expect((await response.json()).error.code).toBe('index_unreadable');
    expect(await failureCount('collections_directory_unreadable')).toBeGreaterThanOrEqual(1);
  });

  it('a missing collections directory still reads as nothing ingested yet', async () => {
    const missing = Object.assign(new Error('no such directory'), { code: 'ENOENT' });
    vi.spyOn(fsPromises, 'readdir').mockRejectedValue(missing);
    const component = (await healthComponents()).find((entry) => entry.kind === 'index');
    expect(component?.detail).toContain('no collections ingested');
    expect(await failureCount('collections_directory_unreadable')).toBe(0);
  });
});
