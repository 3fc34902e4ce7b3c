import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { FakeOpenAIServer } from '@/tests/support/fake-openai-server';
import { type AppServer, startAppServer } from './app-server';
import { freePort } from './free-port';
import { benchServerEnvironment } from './server-environment';
import { runTimedCommand } from './timed-command';

/** A server the workspace started, with the data directory it serves. */
export type BenchServer = AppServer & { dataDirectory: string };

/** One run's temporary directory, its fake upstream, and the servers and agents to clean up. */
export interface BenchWorkspace {
  root: string;
  directory: string;
  logFile: string;
  upstream: FakeOpenAIServer;
  cpuProfileDirectory?: string;
  /** Keep-alive client connections; one per server so idle sockets never outlive it. */
  createAgent(): http.Agent;
  /** A fresh data directory inside the workspace. */
  dataDirectory(name: string): string;
  /** Ingests `directory` as `collection` with the CLI, timing it (the CLI's start-up included). */
  ingest(dataDirectory: string, directory: string, collection: string): Promise<number>;
  /** Starts the production server on a free port over `dataDirectory`. */
  startServer(dataDirectory: string): Promise<BenchServer>;
  /** Stops every server, destroys every agent, and removes the directory unless kept. */
  close(keep: boolean): Promise<void>;
}

/** Creates the workspace under the OS temp directory. */
export function createBenchWorkspace(
  root: string,
  upstream: FakeOpenAIServer,
  options: { cpuProfile: boolean },
): BenchWorkspace {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'docs-chat-bench-'));
  const logFile = path.join(directory, 'bench.log');
  const cpuProfileDirectory = options.cpuProfile ? path.join(directory, 'cpu-profiles') : undefined;
  const servers: AppServer[] = [];
  const agents: http.Agent[] = [];
  const environment = (dataDirectory: string, port: number) =>
    benchServerEnvironment(process.env, { dataDirectory, port, upstreamBaseURL: upstream.baseURL });

  return {
    root,
    directory,
    logFile,
    upstream,
    cpuProfileDirectory,
    createAgent() {
      const agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
      agents.push(agent);
      return agent;
    },
    dataDirectory(name) {
      const dataDirectory = path.join(directory, name);
      fs.mkdirSync(dataDirectory, { recursive: true });
      return dataDirectory;
    },
    async ingest(dataDirectory, source, collection) {
      const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
      const { durationMs } = await runTimedCommand(
        tsx,
        ['scripts/ingest.ts', source, '--collection', collection],
        {
          cwd: root,
          environment: environment(dataDirectory, 3000),
          logFile,
          timeoutMs: 15 * 60_000,
        },
      );
      return durationMs;
    },
    async startServer(dataDirectory) {
      const port = await freePort();
      const server = await startAppServer({
        root,
        port,
        environment: environment(dataDirectory, port),
        logFile: path.join(directory, `server-${port}.log`),
        cpuProfileDirectory,
      });
      servers.push(server);
      return { ...server, dataDirectory };
    },
    async close(keep) {
      for (const agent of agents) agent.destroy();
      await Promise.all(servers.map((server) => server.stop()));
      if (!keep) fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
