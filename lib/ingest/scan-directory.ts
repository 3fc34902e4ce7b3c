import fs from 'node:fs/promises';
import path from 'node:path';
import { supportedExtensions } from './parse-document';

export interface SourceFile {
  /** Path relative to the scanned directory, with forward slashes. */
  relativePath: string;
  absolutePath: string;
}

export interface SkippedFile {
  path: string;
  reason: string;
}

export interface DirectoryScan {
  files: SourceFile[];
  skipped: SkippedFile[];
}

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * Lists the documents under `root` in a stable order. Hidden entries and node_modules are not
 * entered; symlinks are followed only while they stay inside `root` (others are skipped with a
 * reason, as are files of unsupported types). Directory cycles are visited once.
 */
export async function scanDirectory(root: string): Promise<DirectoryScan> {
  const realRoot = await fs.realpath(root);
  const files: SourceFile[] = [];
  const skipped: SkippedFile[] = [];
  const visited = new Set<string>([realRoot]);

  const visit = async (directory: string, relativeDirectory: string): Promise<void> => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(directory, { withFileTypes: true });
    } catch (error) {
      skipped.push({
        path: relativeDirectory || '.',
        reason: `unreadable directory (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      });
      return;
    }
    entries.sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const absolutePath = path.join(directory, entry.name);
      const relativePath = relativeDirectory ? `${relativeDirectory}/${entry.name}` : entry.name;
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        let target: string;
        try {
          target = await fs.realpath(absolutePath);
        } catch {
          skipped.push({ path: relativePath, reason: 'broken symlink' });
          continue;
        }
        if (!isInside(realRoot, target)) {
          skipped.push({ path: relativePath, reason: 'symlink pointing outside the directory' });
          continue;
        }
        const stat = await fs.stat(target);
        isDirectory = stat.isDirectory();
        isFile = stat.isFile();
        if (isDirectory && visited.has(target)) continue;
        if (isDirectory) visited.add(target);
      }
      if (isDirectory) {
        await visit(absolutePath, relativePath);
      } else if (isFile) {
        if (supportedExtensions.has(path.extname(entry.name).toLowerCase()))
          files.push({ relativePath, absolutePath });
        else skipped.push({ path: relativePath, reason: 'unsupported file type' });
      } else {
        skipped.push({ path: relativePath, reason: 'not a regular file' });
      }
    }
  };

  await visit(realRoot, '');
  return { files, skipped };
}
