/** The result's zod schema (src/result-schema.ts) and its TypeScript type (src/result.ts) describe one shape. */
import { describe, expectTypeOf, test } from 'vitest';
import type * as z from 'zod';
import type { Result } from '../../src/result.js';
import type { resultSchema } from '../../src/result-schema.js';

describe('resultSchema and Result', () => {
  test('the schema parses to exactly the Result type (fails to type-check on drift)', () => {
    expectTypeOf<z.output<typeof resultSchema>>().toEqualTypeOf<Result>();
  });
});
