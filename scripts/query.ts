import { commandFailure, parseCommandLine } from '@/lib/cli/command-line';
import { ConfigError } from '@/lib/config';
import { AppError } from '@/lib/errors';
import { retrieveJson } from '@/lib/retrieval/retrieval-json';
import { maxK } from '@/lib/retrieval/retrieve';

const usage = 'usage: npm run query -- [--json] "<question>" [--collection <name>] [--k N]';

const fail: (message: string) => never = commandFailure('query');

async function main(): Promise<void> {
  const parsed = parseCommandLine(fail, usage, {
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      collection: { type: 'string' },
      k: { type: 'string' },
    },
  });
  const query = parsed.positionals.join(' ').trim();
  if (!query) fail(`missing the question\n${usage}`);
  const k = parsed.values.k === undefined ? undefined : Number(parsed.values.k);
  if (k !== undefined && (!Number.isInteger(k) || k < 1 || k > maxK))
    fail(`--k must be a whole number from 1 to ${maxK}`);
  const collection = typeof parsed.values.collection === 'string' ? parsed.values.collection : undefined;

  try {
    const result = await retrieveJson({ query, collection, k });
    if (parsed.values.json) {
      console.log(JSON.stringify(result, null, 2));
      return;
    }
    console.log(`route: ${result.route.collections.join(', ')} (${result.route.reason})`);
    result.sources.forEach((source, index) => {
      const where = source.heading ? `${source.source} > ${source.heading}` : source.source;
      console.log(`\n${index + 1}. [${source.collection}] ${where} (score ${source.score})`);
      console.log(
        `   ${source.text.slice(0, 240).replace(/\s+/g, ' ')}${source.text.length > 240 ? ' ...' : ''}`,
      );
    });
  } catch (error) {
    if (error instanceof AppError) fail(error.publicMessage);
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
}

void main();
