/**
 * The schemas dealqual exports are built on first use (src/lazy-schema.ts) so that importing the
 * library stays cheap; to a caller they are zod schemas like any other.
 */
import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { lazySchema } from '../../src/lazy-schema.js';
import { snapshotSchema, ratingSchema } from '../../src/snapshot/schema.js';

describe('lazySchema', () => {
  it('builds once, on first use, not at definition', () => {
    let builds = 0;
    const text = lazySchema(() => (builds++, z.string().trim().min(1)));
    expect(builds).toBe(0);
    expect(text.parse(' a ')).toBe('a');
    expect(text.safeParse('  ').success).toBe(false);
    expect(builds).toBe(1);
  });

  it('is a zod schema to callers: instanceof, inside other schemas, extend, shape', () => {
    expect(snapshotSchema instanceof z.ZodType).toBe(true);
    expect(ratingSchema instanceof z.ZodEnum).toBe(true);
    const wrapper = z.object({ deal: snapshotSchema, ratings: z.array(ratingSchema) });
    expect(wrapper.safeParse({ deal: { id: 'D-1', outcome: '赢单' }, ratings: ['C'] })).toEqual({ success: true, data: { deal: { id: 'D-1', outcome: 'won' }, ratings: ['C'] } });
    expect(wrapper.safeParse({ deal: { id: 'D-1' }, ratings: ['X'] }).success).toBe(false);
    expect(snapshotSchema.extend({ crm: z.string() }).parse({ id: 'D-1', crm: 'sf' })).toEqual({ id: 'D-1', crm: 'sf' });
    expect(Object.keys(snapshotSchema.shape)).toContain('answers');
  });

  it('keeps metadata: JSON Schema of a lazy schema equals that of the schema it builds', () => {
    const build = () => z.object({ when: z.iso.date().describe('a day') }).describe('a thing');
    expect(z.toJSONSchema(lazySchema(build))).toEqual(z.toJSONSchema(build()));
    expect(z.toJSONSchema(z.object({ a: lazySchema(build) }))).toEqual(z.toJSONSchema(z.object({ a: build() })));
  });
});
