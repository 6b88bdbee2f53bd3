/**
 * Duplicate deal ids (issue 11): `diff` matched by id and silently kept one of two deals with the
 * same id, hiding a regression. In diff that is an input error naming both places (exit 2); in audit
 * a `duplicate-id` problem (warn by default, configurable like any rule).
 */
import { describe, expect, it } from 'vitest';
import { AS_OF, folder, run } from './io.js';

const deal = (id: string, claimedStep?: number) => JSON.stringify({ id, asOf: AS_OF, outcome: 'won', ...(claimedStep ? { claimedStep } : {}) });

describe('duplicate ids', () => {
  it('diff: an id twice on one side is exit 2 naming both places', async () => {
    const dir = folder({ 'old.jsonl': `${deal('D1')}\n`, 'new.jsonl': `${deal('D1')}\n${deal('D2')}\n${deal('D1')}\n` });
    const r = await run(['diff', 'old.jsonl', 'new.jsonl'], dir);
    expect(r.stderr).toMatch(/^error {2}new\.jsonl:3 \(deal D1\): duplicate deal id: new\.jsonl:1 has the same id/m);
    expect(r.code).toBe(2);
  });

  it('audit: a warning problem duplicate-id naming both places; exit 0 when nothing else is wrong', async () => {
    const dir = folder({ 'a.jsonl': `${deal('D1')}\n`, 'b.jsonl': `${deal('D2')}\n${deal('D1')}\n` });
    const r = await run(['audit', 'a.jsonl', 'b.jsonl'], dir);
    expect(r.stderr).toBe('warn   b.jsonl:2 (deal D1): the id "D1" is also the id of the deal at a.jsonl:1  duplicate-id\n');
    expect(r.stdout).toMatch(/1 problem \(0 errors, 1 warning\) in 3 deals/);
    expect(r.code).toBe(0);
    expect((await run(['audit', 'a.jsonl', 'b.jsonl', '--max-warnings', '0'], dir)).code).toBe(1);
  });

  it('audit: its severity comes from the config (error → exit 1; off → not reported)', async () => {
    const files = { 'a.jsonl': `${deal('D1')}\n${deal('D1')}\n` };
    const error = await run(['audit', 'a.jsonl'], folder({ ...files, 'dealqual.config.json': '{"rules":{"duplicate-id":"error"}}' }));
    expect(error.stderr).toMatch(/^error  a\.jsonl:2 \(deal D1\): .* duplicate-id$/m);
    expect(error.code).toBe(1);
    const off = await run(['audit', 'a.jsonl'], folder({ ...files, 'dealqual.config.json': '{"rules":{"duplicate-id":"off"}}' }));
    expect(off.stderr).toBe('');
    expect(off.code).toBe(0);
  });

  it('audit: ids are compared exactly (Chinese ids, ids whose hashes collide), a JSON array element is named by its place', async () => {
    // D-29845 and D-205580 have the same 32-bit FNV-1a hash (test/cli/first-places.test.ts).
    const dir = folder({
      'a.jsonl': `${deal('商机-1')}\n${deal('D-29845')}\n${deal('D-205580')}\n`,
      'b.json': `[\n${deal('商机-1')},\n${deal('D-205580')},\n${deal('商机-2')}\n]\n`,
    });
    const r = await run(['audit', 'a.jsonl', 'b.json', '-f', 'jsonl'], dir);
    expect(r.stderr).toBe(
      'warn   b.json:2 $[0] (deal 商机-1): the id "商机-1" is also the id of the deal at a.jsonl:1  duplicate-id\n' +
        'warn   b.json:3 $[1] (deal D-205580): the id "D-205580" is also the id of the deal at a.jsonl:3  duplicate-id\n',
    );
    expect(r.code).toBe(0);
  });
});
