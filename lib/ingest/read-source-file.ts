import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';

export type SourceRead =
  | { ok: true; text: string; hash: string; bytes: number }
  | { ok: false; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

function megabytes(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}

/**
 * Reads one document, refusing anything that is not usable text: files over `maxBytes`, empty
 * files, binary files (a NUL byte) and invalid UTF-8. The hash covers the raw bytes, so a
 * change of any kind triggers re-ingestion.
 */
export async function readSourceFile(absolutePath: string, maxBytes: number): Promise<SourceRead> {
  let size: number;
  try {
    size = (await fs.stat(absolutePath)).size;
  } catch (error) {
    return { ok: false, reason: `unreadable (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  if (size > maxBytes)
    return { ok: false, reason: `over the size limit (${megabytes(size)} > ${megabytes(maxBytes)})` };
  if (size === 0) return { ok: false, reason: 'empty file' };
  let buffer: Buffer;
  try {
    buffer = await fs.readFile(absolutePath);
  } catch (error) {
    return { ok: false, reason: `unreadable (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  if (buffer.subarray(0, 8192).includes(0)) return { ok: false, reason: 'binary file' };
  let text: string;
  try {
    text = utf8.decode(buffer).replace(/^\uFEFF/, '');
  } catch {
    return { ok: false, reason: 'invalid UTF-8' };
  }
  if (!text.trim()) return { ok: false, reason: 'empty file' };
  return { ok: true, text, hash: createHash('sha256').update(buffer).digest('hex'), bytes: buffer.length };
}
