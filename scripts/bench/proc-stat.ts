/** Pure readers for Linux /proc files, so the sampler's parsing is testable without a process. */

export interface ProcStat {
  pid: number;
  parentPid: number;
  /** User + system CPU time, in clock ticks. */
  cpuTicks: number;
}

/**
 * Parses `/proc/<pid>/stat`. The command name is in parentheses and may itself contain spaces
 * and parentheses, so fields are counted from the last `)`.
 */
export function parseProcStat(text: string): ProcStat | undefined {
  const close = text.lastIndexOf(')');
  const pid = Number.parseInt(text, 10);
  if (close === -1 || !Number.isInteger(pid)) return undefined;
  // After ") ": state(3) ppid(4) ... utime(14) stime(15), so field n is at index n - 3.
  const fields = text
    .slice(close + 2)
    .trim()
    .split(/\s+/);
  const parentPid = Number(fields[1]);
  const userTicks = Number(fields[11]);
  const systemTicks = Number(fields[12]);
  if (![parentPid, userTicks, systemTicks].every(Number.isFinite)) return undefined;
  return { pid, parentPid, cpuTicks: userTicks + systemTicks };
}

/** A `kB` field of `/proc/<pid>/status` (VmRSS, VmHWM, ...) in kilobytes, or undefined. */
export function statusKilobytes(text: string, field: string): number | undefined {
  const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(text);
  return match ? Number(match[1]) : undefined;
}

/** `root` and all its descendants, from the parent links of every process. */
export function processTree(stats: readonly ProcStat[], root: number): ProcStat[] {
  const children = new Map<number, ProcStat[]>();
  for (const stat of stats) children.set(stat.parentPid, [...(children.get(stat.parentPid) ?? []), stat]);
  const tree = stats.filter((stat) => stat.pid === root);
  for (let index = 0; index < tree.length; index++) tree.push(...(children.get(tree[index].pid) ?? []));
  return tree;
}
