import { describe, expect, it } from 'vitest';
import { parseProcStat, processTree, statusKilobytes } from './proc-stat';

const stat = (pid: number, name: string, parentPid: number, user: number, system: number) =>
  `${pid} (${name}) S ${parentPid} ${pid} ${pid} 0 -1 4194560 100 0 0 0 ${user} ${system} 0 0 20 0 11 0 5000 1000000 2500 18446744073709551615`;

describe('parseProcStat', () => {
  it('reads pid, parent and CPU ticks', () => {
    expect(parseProcStat(stat(42, 'node', 7, 150, 25))).toEqual({ pid: 42, parentPid: 7, cpuTicks: 175 });
  });

  it('copes with spaces and parentheses in the command name', () => {
    expect(parseProcStat(stat(9, 'next-server (v16) x', 1, 3, 4))).toEqual({
      pid: 9,
      parentPid: 1,
      cpuTicks: 7,
    });
  });

  it('rejects text that is not a stat line', () => {
    expect(parseProcStat('')).toBeUndefined();
    expect(parseProcStat('12 (x) S')).toBeUndefined();
  });
});

describe('statusKilobytes', () => {
  const status = 'Name:\tnode\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\nThreads:\t11\n';

  it('reads kB fields', () => {
    expect(statusKilobytes(status, 'VmRSS')).toBe(102400);
    expect(statusKilobytes(status, 'VmHWM')).toBe(204800);
  });

  it('returns undefined for a missing field', () => {
    expect(statusKilobytes(status, 'VmSwap')).toBeUndefined();
  });
});

describe('processTree', () => {
  it('collects the root and every descendant, not siblings', () => {
    const stats = [
      { pid: 1, parentPid: 0, cpuTicks: 0 },
      { pid: 10, parentPid: 1, cpuTicks: 1 },
      { pid: 11, parentPid: 10, cpuTicks: 2 },
      { pid: 12, parentPid: 11, cpuTicks: 3 },
      { pid: 20, parentPid: 1, cpuTicks: 4 },
    ];
    expect(processTree(stats, 10).map((entry) => entry.pid)).toEqual([10, 11, 12]);
    expect(processTree(stats, 99)).toEqual([]);
  });
});
