import { describe, expect, it } from 'vitest';
import { tokenize } from '../text/tokenize';
import { buildApiNameIndex, rankApiNames } from './api-name-index';

const headings = [
  'os — Miscellaneous operating system interfaces > Process Parameters > os.environ',
  'Introduction',
  'venv > Creating virtual environments',
  'File system > `fs.readFileSync(path[, options])`',
  'HTTP > `http.createServer([options][, requestListener])`',
  'Built-in Types > str.join(iterable)',
  'threading > Thread Objects > class threading.Thread > join(timeout=None)',
  "Networking > `net.Server` > Event: `'listening'`",
];
const index = buildApiNameIndex(headings.map((heading) => ({ heading })));

describe('API name ranking', () => {
  it('finds the entry whose whole name the question says, even when nothing else matches', () => {
    expect(rankApiNames(index, tokenize('How do I read environment variables?'), [], 10)).toEqual([0]);
    expect(rankApiNames(index, tokenize('How do I create an HTTP server?'), [], 10)).toEqual([4]);
  });

  it('needs every word of a compound name and ignores section titles', () => {
    expect(rankApiNames(index, tokenize('How do I read a file?'), [], 10)).toEqual([]);
    expect(rankApiNames(index, tokenize('How do I read a file in sync?'), [], 10)).toEqual([3]);
    expect(rankApiNames(index, tokenize('Introduction to virtual environments'), [], 10)).toEqual([0]);
  });

  it('orders entries with more name words first, then by the keyword ranking, within the limit', () => {
    const joins = rankApiNames(index, tokenize('How do I join strings?'), [6, 5], 10);
    expect(joins).toEqual([6, 5]);
    expect(rankApiNames(index, tokenize('How do I join strings?'), [], 1)).toEqual([5]);
  });
});
