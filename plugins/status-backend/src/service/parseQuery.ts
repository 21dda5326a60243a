import { InputError } from '@backstage/errors';
import { z } from 'zod';

/** A route's query parsed by its schema, or a 400 naming every parameter that is wrong. */
export function parseQuery<T>(schema: z.ZodType<T>, query: unknown): T {
  const parsed = schema.safeParse(query);
  if (!parsed.success)
    throw new InputError(
      parsed.error.issues
        .map(i => `${i.path.join('.') || 'query'}: ${i.message}`)
        .join('; '),
    );
  return parsed.data;
}
