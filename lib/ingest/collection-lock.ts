import fs from 'node:fs/promises';
import path from 'node:path';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Thrown when another live process is ingesting the same collection. */
export class CollectionBusyError extends Error {
  override name = 'CollectionBusyError';
}

/**
 * Takes an exclusive lock on a collection for one ingest (a file holding the owner's pid,
 * created with O_EXCL). A lock left by a killed process is taken over. Returns the release.
 */
export async function lockCollection(
  collectionsDirectory: string,
  name: string,
): Promise<() => Promise<void>> {
  await fs.mkdir(collectionsDirectory, { recursive: true });
  const lockPath = path.join(collectionsDirectory, `.${name}.lock`);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      await fs.writeFile(lockPath, String(process.pid), { flag: 'wx' });
      return () => fs.rm(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = Number.parseInt(await fs.readFile(lockPath, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isRunning(owner)) {
      throw new CollectionBusyError(
        `collection "${name}" is being ingested by another process (pid ${owner})`,
      );
    }
    await fs.rm(lockPath, { force: true });
  }
  throw new CollectionBusyError(`could not lock collection "${name}"`);
}
