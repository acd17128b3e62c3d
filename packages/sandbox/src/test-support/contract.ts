import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

// Validates responses against Dots' own v2.yaml with a JSON-Schema validator (Ajv 2020-12,
// OpenAPI 3.1's dialect). Normalisations, each one documented in DOTS-FACTS.md:
// - YAML `null` in `type` lists becomes the string "null"; `nullable: true` adds "null";
// - formats iso3166 / iso4217 (and the spec's `decimal`, `UUID`) are registered;
// - the optional payout-link fields real responses send as null (payee.*, delivery.*,
//   claimed_user_id, transfer_id) accept null.

// The spec ships in @dotskit/api (its package.json lists `openapi` in `files`).
const specPath = join(dirname(fileURLToPath(import.meta.url)), '../../../api/openapi/v2.yaml');

type Json = Record<string, unknown>;

function normalise(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(normalise);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node as Json)) out[k] = normalise(v);
  if (Array.isArray(out.type)) out.type = out.type.map((t) => (t === null ? 'null' : t));
  if (out.nullable === true) {
    const types = Array.isArray(out.type) ? out.type : out.type ? [out.type] : [];
    if (types.length > 0 && !types.includes('null')) out.type = [...types, 'null'];
    delete out.nullable;
  }
  return out;
}

const allowNull = (schema: Json) => {
  const t = schema.type;
  if (typeof t === 'string') schema.type = [t, 'null'];
  else if (Array.isArray(t) && !t.includes('null')) schema.type = [...t, 'null'];
};

function loadSpec(): Json {
  const spec = normalise(parse(readFileSync(specPath, 'utf8'))) as Json;
  const schemas = (spec.components as Json).schemas as Record<string, Json>;
  const link = schemas['payout-link']!.properties as Record<string, Json>;
  for (const part of ['payee', 'delivery'] as const) {
    for (const prop of Object.values(link[part]!.properties as Record<string, Json>))
      allowNull(prop);
  }
  allowNull(link.claimed_user_id!);
  allowNull(link.transfer_id!);
  spec.$id = 'https://dots.dev/v2.yaml';
  return spec;
}

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addFormat('iso3166', /^[A-Z]{2}$/);
ajv.addFormat('iso4217', /^[A-Z]{3}$/);
ajv.addFormat('decimal', /^-?\d+(\.\d+)?$/);
ajv.addFormat('UUID', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
ajv.addSchema(loadSpec());

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
