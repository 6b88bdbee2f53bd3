/**
 * The bundled fixtures (docs/fixtures.md): every deal in fixtures/deals/ is evaluated and must show
 * what it was written to show (stage, milestone, MAN class, findings), and together they must cover
 * the issue's list: every step 1–7 as the current stage, every milestone, each finding code, each
 * MAN class family, both languages, answers-only deals. A rule change that moves a fixture fails
 * here, so the move is noticed and either the rule or the fixture's table row is corrected.
 * Every file in fixtures/invalid/ must be rejected with an issue at the intended JSON path.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluate, evaluateSync, type Evaluation } from '../src/evaluate.js';
import type { Milestone, Result } from '../src/result.js';

const ROOT = fileURLToPath(new URL('../fixtures', import.meta.url));
const DEALS_DIR = join(ROOT, 'deals');
const INVALID_DIR = join(ROOT, 'invalid');

type Lang = 'zh' | 'en';
type ManClass = 'M-A-N' | 'M-A-n' | 'M-a-N' | 'm-A-N' | 'm-a-N' | 'm-A-n' | 'M-a-n' | 'm-a-n';

interface Intended {
  lang: Lang;
  step: number;
  milestone: Milestone;
  man: ManClass;
  /** Findings (`code item`) the deal is written to show with default options. */
  findings?: string[];
  /** Findings it shows under `{ requireEvidence: true }`. */
  requireEvidence?: string[];
  /** The step under `{ requireEvidence: true }`, where unsupported claims move the deal back. */
  requireEvidenceStep?: number;
  /** Issue 12: the probability band the deal must land in, [low, high]. */
  band?: [number, number];
}

/** What each deal is written to show; keep in step with docs/fixtures.md. */
const DEALS: Record<string, Intended> = {
  '01-hospital-ac-lead.json': { lang: 'zh', step: 1, milestone: 'lead', man: 'm-a-N' },
  '02-logistics-sslvpn-opportunity.json': { lang: 'en', step: 2, milestone: 'opportunity', man: 'm-A-N' },
  '03-citybank-ad-project.json': { lang: 'zh', step: 3, milestone: 'project', man: 'M-A-N' },
  '04-autoparts-sdwan-step4.json': { lang: 'en', step: 4, milestone: 'project', man: 'M-a-N' },
  '05-expressway-ipsec-redflag.json': { lang: 'zh', step: 5, milestone: 'project', man: 'M-A-N', findings: ['red-flag s5.4'] },
  '06-tax-bureau-tender-step6.json': { lang: 'zh', step: 6, milestone: 'project', man: 'M-A-N' },
  '07-retail-chain-step7.json': { lang: 'en', step: 7, milestone: 'project', man: 'M-A-N' },
  '08-chengtou-tender-won.json': { lang: 'zh', step: 7, milestone: 'won', man: 'M-A-N' },
  '09-insurance-ngfw-lost.json': { lang: 'en', step: 3, milestone: 'lost', man: 'M-a-N', findings: ['red-flag s3.9'] },
  '10-answers-only-saas-stale.json': {
    lang: 'en',
    step: 2,
    milestone: 'opportunity',
    man: 'm-A-N',
    findings: ['stale s2.2', 'stale s2.3', 'stale man.money'],
    requireEvidence: ['unsupported s1.1', 'unsupported man.authority'],
    requireEvidenceStep: 1,
  },
  '11-answers-only-edu-bureau.json': {
    lang: 'zh',
    step: 4,
    milestone: 'project',
    man: 'M-A-N',
    requireEvidence: ['unsupported s1.1', 'unsupported s2.2', 'unsupported s3.4', 'unsupported man.money'],
    requireEvidenceStep: 1,
  },
  '12-intl-school-contradiction.json': {
    lang: 'en',
    step: 2,
    milestone: 'opportunity',
    man: 'm-A-N',
    findings: ['contradiction s2.2', 'contradiction s3.2', 'contradiction man.money'],
  },
  '13-pharmacy-chain-stale.json': { lang: 'zh', step: 3, milestone: 'project', man: 'M-A-N', findings: ['stale s3.4', 'stale s3.2'] },
  '14-ceramics-cold-inquiry.json': { lang: 'en', step: 1, milestone: 'lead', man: 'm-a-n' },
  '15-housing-fund-tender-lost.json': { lang: 'zh', step: 5, milestone: 'lost', man: 'M-A-N', findings: ['red-flag s5.6', 'red-flag s6.1'] },
  '16-semiconductor-woc-won.json': { lang: 'en', step: 7, milestone: 'won', man: 'M-A-N' },
  '17-logistics-park-refresh-no-need.json': { lang: 'en', step: 1, milestone: 'lead', man: 'M-A-n' },
  '18-county-hospital-old-friend.json': { lang: 'zh', step: 1, milestone: 'lead', man: 'm-A-n' },
  '19-fund-manager-channel-budget.json': { lang: 'en', step: 1, milestone: 'lead', man: 'M-a-n' },
  // Issue 12: decisive negatives, rules faithful to their item text, one fact one answer.
  '20-machinery-group-hostile-final-say.json': { lang: 'zh', step: 5, milestone: 'project', man: 'M-a-N', findings: ['red-flag s5.4', 'red-flag s5.7'], band: [0, 0.25] },
  '21-logistics-chairman-channel-competitor.json': { lang: 'en', step: 5, milestone: 'project', man: 'M-A-N', findings: ['red-flag s5.6'], band: [0, 0.25] },
  '22-pharma-vp-black-material.json': { lang: 'zh', step: 5, milestone: 'project', man: 'M-A-N', findings: ['red-flag s5.4'], band: [0, 0.25] },
  '23-public-security-tender-competitor-specs.json': { lang: 'zh', step: 6, milestone: 'project', man: 'M-A-N', findings: ['red-flag s6.1'], band: [0, 0.25] },
  '24-fintech-coach-withholding.json': { lang: 'en', step: 4, milestone: 'project', man: 'M-A-N' },
  '25-answers-only-all-c-manufacturer.json': { lang: 'zh', step: 7, milestone: 'project', man: 'M-A-N', requireEvidence: ['unsupported s1.1'], requireEvidenceStep: 1 },
  '26-ecommerce-budget-third-below-quote.json': { lang: 'en', step: 7, milestone: 'project', man: 'M-A-N', findings: ['red-flag bant.budget'], band: [0.6, 0.85] },
  '27-public-hospital-tender-default.json': { lang: 'zh', step: 6, milestone: 'project', man: 'M-A-N' },
  '28-university-lost-trial-no-edge.json': { lang: 'en', step: 3, milestone: 'project', man: 'M-A-N', findings: ['red-flag s3.2', 'red-flag s3.3'], band: [0, 0.6] },
  '30-maternity-hospital-lixiang-registered.json': { lang: 'zh', step: 2, milestone: 'opportunity', man: 'm-a-N' },
  '31-logistics-sdwan-paid-in-full.json': { lang: 'en', step: 3, milestone: 'won', man: 'M-A-N' },
};

/** Each broken file and the JSON path of the issue it is meant to raise (null: the text is not JSON). */
type Rejection = { path: string; code: string } | null;
const INVALID: Record<string, Rejection> = {
  'answer-rating-x.json': { path: '$.answers["s2.2"]', code: 'invalid_union' },
  'bad-date-evidence.json': { path: '$.evidence[0].date', code: 'invalid_format' },
  'bad-enum-role.json': { path: '$.stakeholders[0].role', code: 'invalid_value' },
  'bad-enum-stance-zh.json': { path: '$.stakeholders[0].stance', code: 'invalid_value' },
  'malformed-json-trailing-comma.json': null,
  'missing-id.json': { path: '$.id', code: 'invalid_type' },
  'unknown-key-top-level.json': { path: '$', code: 'unrecognized_keys' },
  'wrong-type-amount-string.json': { path: '$.amount', code: 'invalid_type' },
};

const jsonFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
const readText = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const HAN = /\p{Script=Han}/u;

function ok(evaluation: Evaluation, file: string): Result {
  if (!evaluation.ok) throw new Error(`${file} does not validate: ${JSON.stringify(evaluation.issues)}`);
  return evaluation;
}

const dealFiles = jsonFiles(DEALS_DIR);
const raw = new Map(dealFiles.map((f) => [f, JSON.parse(readText(DEALS_DIR, f)) as Record<string, unknown>]));
const results = new Map(dealFiles.map((f) => [f, ok(evaluateSync(raw.get(f)), f)]));
const strict = new Map(dealFiles.map((f) => [f, ok(evaluateSync(raw.get(f), { requireEvidence: true }), f)]));
const findingKeys = (r: Result) => r.findings.map((x) => `${x.code} ${x.items.join(' ')}`);

describe('fixtures/deals', () => {
  it('every deal file is in the table and every table row has a file', () => {
    expect(dealFiles).toEqual(Object.keys(DEALS).sort());
  });

  it('file names are NN-short-name.json and ids are unique', () => {
    for (const f of dealFiles) expect(f).toMatch(/^\d{2}-[a-z0-9-]+\.json$/);
    const ids = dealFiles.map((f) => raw.get(f)!.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('every deal has the fixed asOf, so results are reproducible', () => {
    for (const f of dealFiles) expect(raw.get(f)!.asOf, f).toBe('2026-11-01');
  });

  describe.each(dealFiles)('%s', (file) => {
    const intended = DEALS[file]!;
    const result = results.get(file)!;

    it('has the intended stage, milestone and MAN class', () => {
      expect({ step: result.stage.step, milestone: result.stage.milestone, man: result.man?.class }).toEqual({
        step: intended.step,
        milestone: intended.milestone,
        man: intended.man,
      });
    });

    it('shows the intended findings', () => {
      expect(findingKeys(result)).toEqual(expect.arrayContaining(intended.findings ?? []));
      expect(findingKeys(strict.get(file)!)).toEqual(expect.arrayContaining(intended.requireEvidence ?? []));
      // Deals backed by facts and fresh evidence keep their stage under requireEvidence.
      expect(strict.get(file)!.stage.step).toBe(intended.requireEvidenceStep ?? intended.step);
    });

    it('lands in its probability band, where it has one', () => {
      const [low, high] = intended.band ?? [0, 1];
      expect(result.probability).toBeGreaterThanOrEqual(low);
      expect(result.probability).toBeLessThanOrEqual(high);
    });

    it('is written in the intended language', () => {
      const id = String(raw.get(file)!.id);
      expect(HAN.test(id) ? 'zh' : 'en').toBe(intended.lang);
      if (intended.lang === 'zh') {
        // Chinese deals use the Chinese enum spellings where they have enums.
        const people = (raw.get(file)!.stakeholders ?? []) as { role?: string; contact?: string; stance?: string }[];
        for (const p of people) for (const v of [p.role, p.contact, p.stance]) if (v !== undefined) expect(v).toMatch(HAN);
      }
    });

    it('the json-rules-engine reference gives the same result', async () => {
      expect(await evaluate(raw.get(file))).toEqual(result);
    });
  });
});

describe('fixture coverage (issue 2 item 7, issue 3)', () => {
  const all = [...results.values()];

  it('has at least 12 deals, in both languages', () => {
    expect(all.length).toBeGreaterThanOrEqual(12);
    const langs = Object.values(DEALS).map((d) => d.lang);
    expect(langs.filter((l) => l === 'zh').length).toBeGreaterThanOrEqual(5);
    expect(langs.filter((l) => l === 'en').length).toBeGreaterThanOrEqual(5);
  });

  it('every step 1–7 is some deal’s current stage', () => {
    expect(new Set(all.map((r) => r.stage.step))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7]));
  });

  it('step 6 holds a tender buyer, and an enterprise deal skips it', () => {
    const step6 = all.filter((r) => r.stage.step === 6);
    expect(step6.length).toBeGreaterThan(0);
    for (const r of step6) expect(r.stage.steps.find((s) => s.step === 6)!.applies).toBe(true);
    const skipping = all.filter((r) => r.stage.step === 7 && !r.stage.steps.find((s) => s.step === 6)!.applies);
    expect(skipping.length).toBeGreaterThan(0);
  });

  it('every milestone appears', () => {
    expect(new Set(all.map((r) => r.stage.milestone))).toEqual(new Set(['lead', 'opportunity', 'project', 'won', 'lost']));
  });

  it('shows contradictions, both red flags and stale items; unsupported claims under requireEvidence', () => {
    const keys = all.flatMap(findingKeys);
    expect(keys.some((k) => k.startsWith('contradiction '))).toBe(true);
    expect(keys).toContain('red-flag s3.9');
    expect(keys).toContain('red-flag s5.4');
    expect(keys.some((k) => k.startsWith('stale '))).toBe(true);
    expect(keys.some((k) => k.startsWith('unsupported '))).toBe(false);
    expect([...strict.values()].flatMap(findingKeys).some((k) => k.startsWith('unsupported '))).toBe(true);
  });

  it('staleness comes both from old dated evidence and from old answers', () => {
    let fromEvidence = false;
    let fromAnswer = false;
    for (const [file, r] of results) {
      const answers = (raw.get(file)!.answers ?? {}) as Record<string, unknown>;
      for (const f of r.findings.filter((x) => x.code === 'stale')) {
        if (f.items[0]! in answers) fromAnswer = true;
        else fromEvidence = true;
      }
    }
    expect({ fromEvidence, fromAnswer }).toEqual({ fromEvidence: true, fromAnswer: true });
  });

  it('has answers-only deals (only id, asOf and answers)', () => {
    const answersOnly = dealFiles.filter((f) => Object.keys(raw.get(f)!).every((k) => ['id', 'asOf', 'answers'].includes(k)));
    expect(answersOnly.length).toBeGreaterThanOrEqual(2);
  });

  it('shows every one of the 8 MAN classes', () => {
    const classes = new Set(all.map((r) => r.man?.class));
    for (const c of ['M-A-N', 'M-A-n', 'M-a-N', 'm-A-N', 'm-a-N', 'm-A-n', 'M-a-n', 'm-a-n']) expect(classes, c).toContain(c);
  });
});

describe('fixtures/invalid', () => {
  const files = jsonFiles(INVALID_DIR);

  it('every broken file is in the table and every table row has a file', () => {
    expect(files).toEqual(Object.keys(INVALID).sort());
    expect(files.length).toBeGreaterThanOrEqual(6);
  });

  it.each(files)('%s is rejected at the intended path', (file) => {
    const text = readText(INVALID_DIR, file);
    expect(file in INVALID, `${file} is listed in INVALID`).toBe(true);
    const intended = INVALID[file] as Rejection;
    if (intended === null) {
      expect(() => JSON.parse(text)).toThrow(SyntaxError);
      return;
    }
    const input = JSON.parse(text) as { id?: unknown };
    const evaluation = evaluateSync(input);
    expect(evaluation.ok).toBe(false);
    if (evaluation.ok) return;
    expect(evaluation.issues).toEqual([expect.objectContaining({ path: intended.path, code: intended.code })]);
    expect(evaluation.issues[0]!.message).not.toBe('');
    // The error names the deal where the input has a readable id.
    expect(evaluation.id).toBe(typeof input.id === 'string' ? input.id : undefined);
  });
});
