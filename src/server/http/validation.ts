import type { FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';
import { fromZodIssues } from './errors.ts';

/**
 * Zod at every boundary. Input is kept on issues (reportInput) so messages can
 * be rendered later in the caller's language; the error names the part of the
 * request ('body', 'query', 'params') in each field path.
 */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    const result = schema.safeParse(data, { reportInput: true });
    if (result.success) return { value: result.data };
    const prefix = httpPart === 'body' ? undefined : httpPart === 'querystring' ? 'query' : httpPart;
    return { error: fromZodIssues(result.error.issues, prefix) };
  };
