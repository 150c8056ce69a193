/**
 * zod schemas as JSON Schema 2020-12 (OpenAPI 3.1's dialect), through zod's own converter.
 * Requests are described as the client sends them (`io: 'input'`: a default makes a field
 * optional, a transform shows what it takes), responses as the server sends them. What JSON
 * Schema cannot say (a refinement such as "must be in the future") stays in the 400's message.
 */
import { z } from 'zod';

export type JsonSchema = Record<string, unknown>;

type Io = 'input' | 'output';

export function jsonSchemaOf(schema: z.ZodType, io: Io): JsonSchema {
  const converted: JsonSchema = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => describePreprocessed(zodSchema, jsonSchema, io),
  });
  // The document states the dialect once (OpenAPI 3.1's default); each schema need not.
  delete converted.$schema;
  return converted;
}

/**
 * `z.preprocess(fn, target)` (one `?tag=` as a list, a query's repeated-parameter check) would
 * be an unrepresentable function; what the client must send is what the target takes.
 */
function describePreprocessed(schema: z.core.$ZodType, json: JsonSchema, io: Io): void {
  const target = preprocessedTarget(schema);
  if (target) Object.assign(json, jsonSchemaOf(target, io));
}

function preprocessedTarget(schema: z.core.$ZodType): z.ZodType | undefined {
  const def = schema._zod.def;
  if (def.type !== 'pipe') return undefined;
  const { in: first, out } = def as z.core.$ZodPipeDef;
  return first._zod.def.type === 'transform' ? (out as z.ZodType) : undefined;
}

/**
 * The object a query schema validates, under its preprocessing and transforms
 * (`queryParameters(shape).transform(...)`): its fields are the query's parameters.
 */
export function queryObjectOf(schema: z.core.$ZodType): z.ZodObject | undefined {
  if (schema instanceof z.ZodObject) return schema;
  const def = schema._zod.def;
  if (def.type !== 'pipe') return undefined;
  const { in: first, out } = def as z.core.$ZodPipeDef;
  return queryObjectOf(first._zod.def.type === 'transform' ? out : first);
}
