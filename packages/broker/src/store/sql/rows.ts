import { fromJson } from '../json';
import type { StreamEvent } from '../ports';

/** A `stream_events` row as read from either dialect. */
export interface StreamEventRow {
  id: number | string;
  owner: string;
  type: string;
  data: string;
  created_at: number | string;
}

/** Maps a `stream_events` row (int8 columns may come back as strings) to a `StreamEvent`. */
export function toStreamEvent(row: StreamEventRow): StreamEvent {
  return {
    id: Number(row.id),
    owner: row.owner,
    type: row.type,
    data: fromJson(row.data),
    createdAt: Number(row.created_at),
  };
}
