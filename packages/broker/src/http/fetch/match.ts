import { type ApiRoute, apiRoutes } from '../route-table';

/** A browser-facing route a request path matches: its name, table entry and path id. */
export interface ApiMatch {
  /** As in metrics and logs, e.g. `GET /flows/:id`. */
  name: string;
  /** `undefined` for `GET /events`, which is served by the adapter itself. */
  entry?: ApiRoute;
  id?: string;
}

const patterns = apiRoutes.map((entry) => ({
  entry,
  regex: new RegExp(`^${entry.path.replace(':id', '([^/]+)')}$`),
}));

const decode = (segment: string) => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

/** The route `method path` names (any method when `method` is undefined: a preflight). */
export function matchApi(method: string | undefined, path: string): ApiMatch | undefined {
  if (path === '/events' && (method === undefined || method === 'GET'))
    return { name: 'GET /events' };
  for (const { entry, regex } of patterns) {
    if (method !== undefined && entry.method !== method) continue;
    const found = regex.exec(path);
    if (!found) continue;
    const id = found[1] === undefined ? undefined : decode(found[1]);
    return { name: `${entry.method} ${entry.path}`, entry, ...(id === undefined ? {} : { id }) };
  }
  return undefined;
}
