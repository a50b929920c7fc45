// The fields of a request that its schema does not take, by dotted path. The REST API refuses them (400, each
// field named): an integrator who misspells an optional field (`discount_code` for `discountCode`) must hear so,
// not get a booking made without it. zod's objects drop unknown keys silently, and the booking wizard shares the
// same schemas, so the check is made apart: against the schema's JSON Schema (what the OpenAPI document shows),
// where every object lists the properties it takes.
import { z } from "zod";

export const UNKNOWN_FIELD = "Not a field this request takes: check its name against the API reference";

/** The part of a JSON Schema (draft 2020-12, as zod writes it) that says which fields an object takes. */
type JsonSchema = {
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema | JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  type?: string | string[];
};

const described = new WeakMap<z.ZodType, JsonSchema>();

function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  let json = described.get(schema);
  if (!json) {
    // The input side (what a client sends); a transform's input, which JSON Schema cannot describe, takes anything.
    json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
    described.set(schema, json);
  }
  return json;
}

/** Every field of `raw` (nested in objects and lists) that `schema` does not take: path → UNKNOWN_FIELD. */
export function unknownFields(raw: unknown, schema: z.ZodType): Record<string, string> {
  const root = jsonSchemaOf(schema);
  const found: Record<string, string> = {};
  visit(raw, [root], [], root.$defs ?? {}, found);
  return found;
}

/** The alternatives a value may match: references followed, unions and intersections opened. */
function alternatives(nodes: JsonSchema[], defs: Record<string, JsonSchema>, depth = 0): JsonSchema[] {
  if (depth > 32) return [{}];
  return nodes.flatMap((node) => {
    if (node.$ref) {
      const target = node.$ref.startsWith("#/$defs/") ? defs[node.$ref.slice("#/$defs/".length)] : undefined;
      return target ? alternatives([target], defs, depth + 1) : [{}];
    }
    const branches = [...(node.anyOf ?? []), ...(node.oneOf ?? []), ...(node.allOf ?? [])];
    return branches.length ? alternatives(branches, defs, depth + 1) : [node];
  });
}

/** A schema that takes anything (what zod writes for a transform's input, or z.unknown()). */
const takesAnything = (node: JsonSchema) =>
  node.type === undefined && !node.properties && node.additionalProperties === undefined && node.items === undefined;

function visit(value: unknown, nodes: JsonSchema[], path: (string | number)[], defs: Record<string, JsonSchema>, found: Record<string, string>) {
  const options = alternatives(nodes, defs);
  if (options.length === 0 || options.some(takesAnything)) return;
  if (Array.isArray(value)) {
    const items = options.flatMap((o) => (o.items && !Array.isArray(o.items) ? [o.items] : []));
    if (items.length) value.forEach((v, i) => visit(v, items, [...path, i], defs, found));
    return;
  }
  if (value === null || typeof value !== "object") return;
  const objects = options.filter((o) => o.properties || o.additionalProperties !== undefined);
  if (objects.length === 0) return;
  for (const [key, v] of Object.entries(value)) {
    const taken = objects.flatMap((o): JsonSchema[] => {
      if (o.properties && Object.hasOwn(o.properties, key)) return [o.properties[key]];
      // A map (z.record) or an object that keeps extra keys: its values' schema.
      if (typeof o.additionalProperties === "object") return [o.additionalProperties];
      return o.additionalProperties === true ? [{}] : [];
    });
    if (taken.length === 0) found[[...path, key].join(".")] = UNKNOWN_FIELD;
    else visit(v, taken, [...path, key], defs, found);
  }
}
