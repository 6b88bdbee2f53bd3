/**
 * Deep recursion in outputs (issue 11): junit and markdown with 130,000 deals threw "Maximum call
 * stack size exceeded" (pieces spread as call arguments). Every formatter builds its text with loops.
 */
import { describe, expect, it } from 'vitest';
import { FORMATTERS, formatAll } from '../../src/cli/formatters/index.js';
import { CONTEXT, slimRecord } from './records.js';

const N = 130_000;
const records = Array.from({ length: N }, (_, i) => slimRecord(`D-${i}`));
const errors = Array.from({ length: 1000 }, (_, i) => ({ source: { file: 'bad.jsonl', line: i + 1 }, message: 'invalid JSON' }));

describe(`${N.toLocaleString('en')} deals`, () => {
  // The buffered formats: every piece is handed to `end` at once (the streaming ones only join).
  it.each([
    ['junit', '<testcase classname="deals.jsonl:1"'],
    ['markdown', '| ❌ | D-'],
  ])('%s formats them all', async (name, marker) => {
    const text = await formatAll(FORMATTERS[name]!, records, CONTEXT, errors);
    expect(text.split(marker).length - 1).toBe(N);
  });
});
