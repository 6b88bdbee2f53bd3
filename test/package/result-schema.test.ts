/** The result's zod schemas (src/result-schema.ts) and their TypeScript types (src/result.ts) describe one shape. */
import { describe, expectTypeOf, test } from 'vitest';
import type * as z from 'zod';
import type { DescribedResult, Result } from '../../src/result.js';
import type { describedResultSchema, resultSchema } from '../../src/result-schema.js';

describe('resultSchema and Result', () => {
  test('the compact schema parses to exactly the Result type (fails to type-check on drift)', () => {
    expectTypeOf<z.output<typeof resultSchema>>().toEqualTypeOf<Result>();
  });
  test('the described schema parses to exactly the DescribedResult type', () => {
    expectTypeOf<z.output<typeof describedResultSchema>>().toEqualTypeOf<DescribedResult>();
  });
});
