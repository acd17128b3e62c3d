import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

// Dots' v2.yaml as both validators (Ajv and Stoplight Prism) read it, with the known spec
// bugs patched. The spec ships in @dotskit/api (its package.json lists `openapi` in
// `files`), so the tests need nothing outside the repository.
const specPath = join(dirname(fileURLToPath(import.meta.url)), '../../../api/openapi/v2.yaml');

type Json = Record<string, unknown>;

/** One change to v2.yaml, with why it is needed (each is also in DOTS-FACTS.md). */
export interface SpecPatch {
  what: string;
  why: string;
}

/** Every patch applied to v2.yaml before validating, with its reason. */
export const SPEC_PATCHES: SpecPatch[] = [
  {
    what: 'YAML `null` items in `type` lists become the string "null"',
    why: 'a YAML null is not a JSON-Schema type name; validators reject or misread the schema',
  },
  {
    what: '`nullable: true` adds "null" to `type`',
    why: 'an OpenAPI 3.0 keyword that a 3.1 document (JSON Schema 2020-12) ignores, though Dots sends null there',
  },
  {
    what: 'payout-link `payee.*`, `delivery.*` and `claimed_user_id` accept null',
    why: "the seed's real payout-link responses carry null for these optional fields; v2.yaml types them as plain strings",
  },
];

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

/** v2.yaml parsed, with {@link SPEC_PATCHES} applied (a fresh copy per call). */
export function patchedSpec(): Json {
  const spec = normalise(parse(readFileSync(specPath, 'utf8'))) as Json;
  const schemas = (spec.components as Json).schemas as Record<string, Json>;
  const link = schemas['payout-link']!.properties as Record<string, Json>;
  for (const part of ['payee', 'delivery'] as const) {
    for (const prop of Object.values(link[part]!.properties as Record<string, Json>))
      allowNull(prop);
  }
  allowNull(link.claimed_user_id!);
  return spec;
}
