import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';

/** One callback that fired. */
export interface LogEntry {
  seq: number;
  at: string;
  source: string;
  name: string;
  detail: string;
}

type Log = (source: string, name: string, detail?: unknown) => void;

const LogContext = createContext<{ entries: LogEntry[]; log: Log; clear: () => void } | null>(null);

function summarize(detail: unknown): string {
  if (detail === undefined) return '';
  if (detail instanceof Error) return detail.message;
  if (detail && typeof detail === 'object') {
    const o = detail as Record<string, unknown>;
    const parts = ['id', 'status', 'step', 'completed_steps', 'user_id', 'amount', 'code']
      .filter((k) => o[k] !== undefined && o[k] !== null)
      .map((k) => `${k}=${Array.isArray(o[k]) ? (o[k] as unknown[]).join('+') : String(o[k])}`);
    if (parts.length > 0) return parts.join(' ');
  }
  const text = JSON.stringify(detail) ?? String(detail);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

/** Holds the event log: every widget callback of the session, newest first. */
export function EventLogProvider({ children }: { children: ReactNode }) {
  const [entries, setEntries] = useState<LogEntry[]>([]);
  const log = useCallback<Log>((source, name, detail) => {
    setEntries((prev) => [
      {
        seq: (prev[0]?.seq ?? 0) + 1,
        at: new Date().toLocaleTimeString(),
        source,
        name,
        detail: summarize(detail),
      },
      ...prev,
    ]);
  }, []);
  const clear = useCallback(() => setEntries([]), []);
  const value = useMemo(() => ({ entries, log, clear }), [entries, log, clear]);
  return <LogContext.Provider value={value}>{children}</LogContext.Provider>;
}

/** The `log(source, name, detail)` function; needs `<EventLogProvider>`. */
export function useLog(): Log {
  const context = useContext(LogContext);
  if (!context) throw new Error('useLog must be used inside <EventLogProvider>');
  return context.log;
}

/** The event log panel. */
export function EventLog() {
  const context = useContext(LogContext);
  if (!context) throw new Error('<EventLog> must be used inside <EventLogProvider>');
  const { entries, clear } = context;
  return (
    <aside className="event-log" aria-labelledby="event-log-title">
      <header>
        <h2 id="event-log-title">Event log</h2>
        <button type="button" className="link-button" onClick={clear} disabled={!entries.length}>
          Clear
        </button>
      </header>
      {entries.length === 0 ? (
        <p className="muted">Callbacks appear here as they fire.</p>
      ) : (
        <ol reversed data-testid="event-log">
          {entries.map((e) => (
            <li key={e.seq} data-event={`${e.source}.${e.name}`}>
              <time>{e.at}</time> <code>{e.source}</code> <strong>{e.name}</strong>
              {e.detail && <span className="detail"> {e.detail}</span>}
            </li>
          ))}
        </ol>
      )}
    </aside>
  );
}
