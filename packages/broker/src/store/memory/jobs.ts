import { jsonClone } from '../json';
import type { Job, JobsPort } from '../ports';
import type { MemoryPart, MemoryPortContext } from './context';

interface JobEntry {
  job: Job;
  dueAt: number;
  done: boolean;
}

/** The jobs port in memory, with the SQL stores' semantics (see `sql/jobs.ts`). */
export function memoryJobs(ctx: MemoryPortContext): MemoryPart<JobsPort> {
  const { now, open, wrote } = ctx;
  const jobs = new Map<string, JobEntry>();
  const pending = (id: string) => {
    const entry = jobs.get(id);
    return entry && !entry.done ? entry : undefined;
  };
  return {
    sweep(_at, cutoff) {
      for (const [id, entry] of jobs)
        if (entry.done && entry.job.createdAt <= cutoff) jobs.delete(id);
    },
    methods: {
      async enqueueJob(job, options = {}) {
        open();
        wrote();
        if (jobs.has(job.id)) return false;
        const held = options.leaseMs !== undefined;
        const at = now();
        jobs.set(job.id, {
          job: { ...job, payload: jsonClone(job.payload), attempts: held ? 1 : 0, createdAt: at },
          dueAt: at + (held ? (options.leaseMs as number) : (options.dueInMs ?? 0)),
          done: false,
        });
        return true;
      },
      async claimDueJobs(limit, leaseMs) {
        open();
        const at = now();
        const due = [...jobs.values()]
          .filter((e) => !e.done && e.dueAt <= at)
          .sort((a, b) => a.dueAt - b.dueAt)
          .slice(0, Math.max(0, Math.floor(limit)));
        return due.map((e) => {
          e.dueAt = at + leaseMs;
          e.job.attempts += 1;
          return { ...e.job, payload: jsonClone(e.job.payload) };
        });
      },
      async extendJobLease(id, leaseMs) {
        open();
        const entry = pending(id);
        if (entry) entry.dueAt = now() + leaseMs;
      },
      async rescheduleJob(id, dueInMs, payload) {
        open();
        const entry = pending(id);
        if (!entry) return;
        entry.dueAt = now() + dueInMs;
        if (payload !== undefined) entry.job.payload = jsonClone(payload);
      },
      async completeJob(id) {
        open();
        const entry = jobs.get(id);
        if (entry) entry.done = true;
      },
      async countPendingJobs(withinMs) {
        open();
        const horizon = now() + withinMs;
        return [...jobs.values()].filter((e) => !e.done && e.dueAt <= horizon).length;
      },
      async countJobs(kind) {
        open();
        return [...jobs.values()].filter((e) => !kind || e.job.kind === kind).length;
      },
    },
  };
}
