/**
 * The schema of a route's query string: its named parameters, each given at most once. Fastify
 * makes `?page=1&page=2` an array and keeps `page[]=1` or `page[x]=1` as keys of their own; both
 * are a client sending a list where the route takes one value, so they are refused (400 naming
 * the parameter) rather than a value picked silently or a type the handler never expected.
 * Parameters the route does not name are ignored; those it names `repeatable` (the list's `tag`)
 * may come several times.
 */
import { z } from 'zod';

const LIST_SUFFIX = /\[.*$/;

export function queryParameters<Shape extends z.ZodRawShape>(
  shape: Shape,
  repeatable: readonly (keyof Shape & string)[] = [],
) {
  return z.preprocess((query, ctx) => {
    if (typeof query !== 'object' || query === null) return query;
    const repeated = new Set<string>();
    for (const [key, value] of Object.entries(query)) {
      const name = key.replace(LIST_SUFFIX, '');
      if (!Object.hasOwn(shape, name) || repeatable.includes(name)) continue;
      if (key !== name || Array.isArray(value)) repeated.add(name);
    }
    for (const name of repeated) {
      ctx.addIssue({ code: 'custom', path: [name], message: 'must be given once' });
    }
    return query;
  }, z.object(shape));
}
