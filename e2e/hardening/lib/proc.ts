import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

// What /proc says about a child process: the soak reads its servers' memory and CPU from
// outside, so that measuring them costs them nothing.

/** Resident set size of process `pid` in bytes (VmRSS of /proc/<pid>/status). */
export function procRssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb * 1024;
}

/** User + system CPU of process `pid` in ms, from /proc/<pid>/stat (clock ticks of 10 ms); NaN once it is gone. */
export function procCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

/**
 * Stops a child for good: SIGTERM, then SIGKILL if it has not exited within 5 s. Resolves
 * once `exited` does; at once when the child has already exited.
 */
export async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
