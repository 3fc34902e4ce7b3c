import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSourceFile } from './read-source-file';
import { scanDirectory } from './scan-directory';

let root: string;
let outside: string;

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'scan-'));
  outside = fs.mkdtempSync(path.join(os.tmpdir(), 'outside-'));
  fs.mkdirSync(path.join(root, 'guide/deep'), { recursive: true });
  fs.mkdirSync(path.join(root, '.git'));
  fs.mkdirSync(path.join(root, 'node_modules'));
  fs.writeFileSync(path.join(root, 'README.md'), '# Readme\n\nHello.');
  fs.writeFileSync(path.join(root, 'guide/page.HTML'), '<p>page</p>');
  fs.writeFileSync(path.join(root, 'guide/deep/notes.rst'), 'Notes\n=====\n');
  fs.writeFileSync(path.join(root, 'guide/logo.png'), Buffer.from([0x89, 0x50]));
  fs.writeFileSync(path.join(root, '.git/config.md'), 'hidden');
  fs.writeFileSync(path.join(root, 'node_modules/dep.md'), 'dependency');
  fs.writeFileSync(path.join(outside, 'secret.md'), '# Secret');
  fs.symlinkSync(path.join(outside, 'secret.md'), path.join(root, 'escape.md'));
  fs.symlinkSync(outside, path.join(root, 'escape-dir'));
  fs.symlinkSync(path.join(root, 'README.md'), path.join(root, 'alias.md'));
  fs.symlinkSync(path.join(root, 'missing.md'), path.join(root, 'broken.md'));
  fs.symlinkSync(root, path.join(root, 'guide/loop'));
});

afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
  fs.rmSync(outside, { recursive: true, force: true });
});

describe('scanDirectory', () => {
  it('lists supported files in stable order with paths relative to the root, skipping hidden folders and node_modules', async () => {
    const scan = await scanDirectory(root);
    expect(scan.files.map((file) => file.relativePath)).toEqual([
      'README.md',
      'alias.md',
      'guide/deep/notes.rst',
      'guide/page.HTML',
    ]);
  });

  it('skips symlinks that leave the directory, broken symlinks and unsupported types, with reasons', async () => {
    const scan = await scanDirectory(root);
    expect(scan.skipped).toEqual(
      expect.arrayContaining([
        { path: 'escape.md', reason: 'symlink pointing outside the directory' },
        { path: 'escape-dir', reason: 'symlink pointing outside the directory' },
        { path: 'broken.md', reason: 'broken symlink' },
        { path: 'guide/logo.png', reason: 'unsupported file type' },
      ]),
    );
    expect(JSON.stringify(scan)).not.toContain('secret');
  });
});

describe('readSourceFile', () => {
  const write = (name: string, content: string | Buffer) => {
    const file = path.join(root, name);
    fs.writeFileSync(file, content);
    return file;
  };

  it('reads UTF-8 text and hashes its bytes', async () => {
    const read = await readSourceFile(write('ok.md', '\uFEFF# Café'), 1000);
    expect(read).toMatchObject({ ok: true, text: '# Café' });
    if (read.ok) expect(read.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ['an empty file', '', 'empty file'],
    ['a whitespace-only file', '  \n\t\n', 'empty file'],
    ['a binary file', Buffer.from([0x23, 0x20, 0x00, 0x01, 0x02]), 'binary file'],
    ['invalid UTF-8', Buffer.from([0x23, 0x20, 0xc3, 0x28, 0x41]), 'invalid UTF-8'],
  ])('refuses %s', async (_label, content, reason) => {
    expect(await readSourceFile(write('bad.md', content), 1000)).toEqual({ ok: false, reason });
  });

  it('refuses files over the size limit without reading them', async () => {
    const read = await readSourceFile(write('big.md', 'x'.repeat(3 * 1_048_576)), 2 * 1_048_576);
    expect(read).toEqual({ ok: false, reason: 'over the size limit (3.0 MB > 2.0 MB)' });
  });
});
