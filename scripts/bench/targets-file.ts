import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { TargetEntry, TargetTable } from './targets';

/** The targets the benchmark reports against, kept as data beside the tool. */
export const defaultTargetsFile = path.join(__dirname, 'targets.json');

const targetSchema = z
  .object({
    /** The figure's key, as in bench-results.json. */
    figure: z.string().min(1),
    value: z.number().finite(),
    /** The figure's unit ('' for ratios and counts), so a limit cannot be read in the wrong one. */
    unit: z.string(),
    direction: z.enum(['at_most', 'at_least']),
    /** The issue that set the target, and what it measures. */
    source: z.string().min(1),
  })
  .strict();

const fileSchema = z.object({ targets: z.array(targetSchema) }).strict();

/** A targets file that is not valid JSON or not of the expected shape. */
export class TargetsFileError extends Error {
  override name = 'TargetsFileError';
}

/** Validates the text of a targets file; `file` only names it in error messages. */
export function parseTargets(text: string, file: string): TargetTable {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new TargetsFileError(`invalid targets file ${file}: not JSON (${(error as Error).message})`);
  }
  const result = fileSchema.safeParse(json);
  if (!result.success) {
    const lines = result.error.issues.map(
      (issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    throw new TargetsFileError(`invalid targets file ${file}:\n${lines.join('\n')}`);
  }
  const table = new Map<string, TargetEntry>();
  for (const entry of result.data.targets) {
    if (table.has(entry.figure)) {
      throw new TargetsFileError(`invalid targets file ${file}: ${entry.figure} has more than one target`);
    }
    table.set(entry.figure, {
      unit: entry.unit,
      target: {
        comparison: entry.direction === 'at_most' ? '<=' : '>=',
        limit: entry.value,
        source: entry.source,
      },
    });
  }
  return table;
}

/** Reads and validates a targets file (the benchmark's own by default). */
export function loadTargets(file: string = defaultTargetsFile): TargetTable {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new TargetsFileError(`cannot read targets file ${file}: ${(error as Error).message}`);
  }
  return parseTargets(text, file);
}
