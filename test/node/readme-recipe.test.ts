/** The README's serverless recipe runs as written, against the built package (imported as 'dealqual'). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../cli/helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function recipe(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const match = /<!-- recipe:webhook -->\n```js\n([\s\S]*?)```\n<!-- \/recipe:webhook -->/.exec(readme);
  if (!match) throw new Error('README: the webhook recipe block is missing');
  return match[1]!;
}

beforeAll(ensureBuilt);

describe('README: serverless handler scoring a CRM webhook', () => {
  it('scores a HubSpot deal payload (string amount, date-time close date) and rejects a bad one with the field path', () => {
    // Inside the package, `import 'dealqual'` resolves to the package itself (its exports map).
    const dir = mkdtempSync(join(ROOT, 'test', '.recipe-'));
    try {
      writeFileSync(join(dir, 'handler.mjs'), recipe());
      const driver = `
        import { handler } from './handler.mjs';
        const ok = await handler({ body: JSON.stringify({ objectId: 42, asOf: '2026-11-01', properties: { dealname: 'Acme', amount: '120000', closedate: '2026-12-31T00:00:00.000Z', dealstage: 'contractsent' } }) });
        const bad = await handler({ body: JSON.stringify({ objectId: 43, properties: { amount: 'lots' } }) });
        console.log(JSON.stringify({ ok, bad }));`;
      writeFileSync(join(dir, 'driver.mjs'), driver);
      const run = spawnSync(process.execPath, [join(dir, 'driver.mjs')], { encoding: 'utf8', cwd: dir });
      expect(run.stderr).toBe('');
      const { ok, bad } = JSON.parse(run.stdout) as { ok: { statusCode: number; body: string }; bad: { statusCode: number; body: string } };
      expect(ok.statusCode).toBe(200);
      const body = JSON.parse(ok.body);
      expect(body).toMatchObject({ id: '42', step: expect.any(Number), milestone: 'lead', missing: expect.stringMatching(/^s1\.1★/) });
      expect(body.probability).toBeGreaterThan(0);
      expect(bad.statusCode).toBe(422);
      expect(JSON.parse(bad.body).issues[0]).toMatchObject({ path: '$.amount', column: 'amount', message: expect.stringMatching(/^expected a number/) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
