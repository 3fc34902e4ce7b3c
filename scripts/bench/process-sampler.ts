import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { type ProcStat, parseProcStat, processTree, statusKilobytes } from './proc-stat';

/** Memory and CPU of a process tree over one sampling window. */
export interface ProcessUsage {
  /** Highest resident set size seen (sampled, or the kernel's high-water mark when readable). */
  peakRssMb: number;
  /** CPU time over wall time, in percent of one core (200 = both cores of this machine busy). */
  averageCpuPercent: number;
  /** The busiest sampling interval. */
  peakCpuPercent: number;
  durationMs: number;
}

let clockTicksPerSecond: number | undefined;

function ticksPerSecond(): number {
  if (clockTicksPerSecond === undefined) {
    try {
      clockTicksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicksPerSecond = 100;
    }
  }
  return clockTicksPerSecond;
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    // The process exited between listing and reading.
    return undefined;
  }
}

function readStat(pid: number): ProcStat | undefined {
  const text = readText(`/proc/${pid}/stat`);
  return text === undefined ? undefined : parseProcStat(text);
}

/** The pids of `root` and its descendants right now. */
function treePids(root: number): number[] {
  const stats = fs
    .readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map((entry) => readStat(Number(entry)))
    .filter((stat): stat is ProcStat => stat !== undefined);
  return processTree(stats, root).map((stat) => stat.pid);
}

/** Current RSS of one process in MB, or undefined when it is gone. */
export function readRssMb(pid: number): number | undefined {
  const text = readText(`/proc/${pid}/status`);
  const kilobytes = text === undefined ? undefined : statusKilobytes(text, 'VmRSS');
  return kilobytes === undefined ? undefined : kilobytes / 1024;
}

/** The kernel's peak RSS (VmHWM) of one process in MB since start or the last reset. */
export function readPeakRssMb(pid: number): number | undefined {
  const text = readText(`/proc/${pid}/status`);
  const kilobytes = text === undefined ? undefined : statusKilobytes(text, 'VmHWM');
  return kilobytes === undefined ? undefined : kilobytes / 1024;
}

/** Resets a process's VmHWM (Linux clear_refs 5) so a scenario's own peak can be read; false if not allowed. */
export function resetPeakRss(pid: number): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/**
 * Samples RSS and CPU of `pid` (and by default its descendants) every `intervalMs` until
 * stopped. The tree is listed once at start: scanning all of /proc on every tick would steal
 * time from the benchmark client that shares this process.
 */
export function startProcessSampler(
  pid: number,
  options: { intervalMs?: number; descendants?: boolean } = {},
): { stop(): ProcessUsage } {
  const intervalMs = options.intervalMs ?? 500;
  const pids = options.descendants === false ? [pid] : treePids(pid);
  const hwmReset = resetPeakRss(pid);
  const read = () => {
    let cpuTicks = 0;
    let rssMb = 0;
    for (const member of pids) {
      cpuTicks += readStat(member)?.cpuTicks ?? 0;
      rssMb += readRssMb(member) ?? 0;
    }
    return { at: performance.now(), cpuTicks, rssMb };
  };
  const first = read();
  let previous = first;
  let peakRssMb = first.rssMb;
  let peakCpuPercent = 0;
  const cpuPercent = (from: typeof first, to: typeof first) =>
    to.at > from.at ? (((to.cpuTicks - from.cpuTicks) / ticksPerSecond()) * 100_000) / (to.at - from.at) : 0;
  const tick = () => {
    const current = read();
    peakRssMb = Math.max(peakRssMb, current.rssMb);
    peakCpuPercent = Math.max(peakCpuPercent, cpuPercent(previous, current));
    previous = current;
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      tick();
      const kernelPeak = hwmReset ? readPeakRssMb(pid) : undefined;
      return {
        peakRssMb: Math.max(peakRssMb, kernelPeak ?? 0),
        averageCpuPercent: cpuPercent(first, previous),
        peakCpuPercent,
        durationMs: previous.at - first.at,
      };
    },
  };
}
