import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { patchedSpec } from './spec';

// Validates responses against Dots' own v2.yaml with a JSON-Schema validator (Ajv 2020-12,
// OpenAPI 3.1's dialect), after the patches listed in `spec.ts`. The spec's own formats
// iso3166 / iso4217 (and `decimal`, `UUID`) are registered.

function loadSpec(): Record<string, unknown> {
  const spec = patchedSpec();
  spec.$id = 'https://dots.dev/v2.yaml';
  return spec;
}

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addFormat('iso3166', /^[A-Z]{2}$/);
ajv.addFormat('iso4217', /^[A-Z]{3}$/);
ajv.addFormat('decimal', /^-?\d+(\.\d+)?$/);
ajv.addFormat('UUID', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
const spec = loadSpec();
ajv.addSchema(spec);

const pointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Validates `body` against the v2.yaml response schema of `method path` (a path template
 * as in the spec, e.g. `/v2/flows/{flow_id}`) for `status`. Returns Ajv's error list
 * (empty when valid); throws when the spec has no such response.
 */
export function contractErrors(
  method: string,
  path: string,
  status: number,
  body: unknown,
): string[] {
  const ref = `https://dots.dev/v2.yaml#/paths/${pointer(path)}/${method.toLowerCase()}/responses/${status}/content/application~1json/schema`;
  const validate = ajv.getSchema(ref);
  if (!validate) throw new Error(`v2.yaml has no ${method} ${path} ${status} JSON response`);
  if (validate(body)) return [];
  return (validate.errors ?? []).map(
    (e) => `${e.instancePath || '(root)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
  );
}

/** True when v2.yaml declares `method path` → `status` without a response body. */
export function declaresNoBody(method: string, path: string, status: number): boolean {
  const paths = spec.paths as Record<
    string,
    Record<string, { responses?: Record<string, object> }>
  >;
  const response = paths[path]?.[method.toLowerCase()]?.responses?.[String(status)];
  return response !== undefined && !('content' in response);
}
