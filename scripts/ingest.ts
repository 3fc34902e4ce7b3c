import { commandFailure, parseCommandLine } from '@/lib/cli/command-line';
import { ConfigError } from '@/lib/config';
import { auditIngestRun } from '@/lib/ingest/audit-ingest-run';
import { CollectionBusyError } from '@/lib/ingest/collection-lock';
import { IngestInputError, type IngestProgress, ingestCollection } from '@/lib/ingest/ingest-collection';
import { formatIngestSummary, formatProgress } from '@/lib/ingest/ingest-summary';

const usage =
  'usage: npm run ingest -- <dir> --collection <name> [--description "<text>"] [--base-url <url>] [--rebuild]';

const fail: (message: string) => never = commandFailure('ingest');

/**
 * Progress goes to stderr: rewritten in place on a terminal, otherwise one line every few
 * seconds and at each new phase.
 */
function progressPrinter(): (progress: IngestProgress) => void {
  let last = 0;
  let phase = '';
  const interactive = process.stderr.isTTY;
  return (progress) => {
    const now = Date.now();
    if (progress.phase === phase && now - last < (interactive ? 200 : 3000)) return;
    last = now;
    phase = progress.phase;
    if (interactive) process.stderr.write(`\r\x1b[2K${formatProgress(progress)}`);
    else process.stderr.write(`${formatProgress(progress)}\n`);
  };
}

async function main(): Promise<void> {
  const parsed = parseCommandLine(fail, usage, {
    allowPositionals: true,
    options: {
      collection: { type: 'string' },
      description: { type: 'string' },
      'base-url': { type: 'string' },
      rebuild: { type: 'boolean', default: false },
    },
  });
  const [directory, ...extra] = parsed.positionals;
  const collection = parsed.values.collection;
  if (!directory || extra.length) fail(`expected exactly one directory\n${usage}`);
  if (typeof collection !== 'string') fail(`missing --collection <name>\n${usage}`);
  const description = typeof parsed.values.description === 'string' ? parsed.values.description : undefined;

  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort(new Error('interrupted')));
  try {
    const report = await ingestCollection({
      directory,
      collection,
      description,
      baseUrl: typeof parsed.values['base-url'] === 'string' ? parsed.values['base-url'] : undefined,
      rebuild: parsed.values.rebuild === true,
      onProgress: progressPrinter(),
      signal: controller.signal,
    });
    auditIngestRun({ collection, directory, report });
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[2K');
    for (const line of formatIngestSummary(report)) console.log(line);
  } catch (error) {
    auditIngestRun({ collection, directory, error });
    if (
      error instanceof IngestInputError ||
      error instanceof CollectionBusyError ||
      error instanceof ConfigError
    ) {
      fail(error.message);
    }
    if (controller.signal.aborted) fail('interrupted; the previous index is unchanged');
    fail(
      `failed: ${error instanceof Error ? error.message : String(error)}; the previous index is unchanged`,
    );
  }
}

void main();
