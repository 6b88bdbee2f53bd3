/**
 * The deal snapshot: the contract's fixed part (`id`, `asOf`, `outcome`, `answers`) plus the
 * structured facts the rule packs derive ratings from. Every enumerated field accepts the English
 * value and the Chinese words of the seed documents (see `vocabulary.ts`) and parses to the English
 * value, so rules only ever see one spelling.
 */
import * as z from 'zod';
import { lazySchema } from '../lazy-schema.js';
import { exactCanonicalValue, spellings, type Vocabulary, type VocabularyValue } from './vocabulary.js';

/** A field of a bilingual vocabulary: accepts every spelling, yields the canonical English value. */
function term<V extends Vocabulary>(name: V) {
  const all = spellings(name) as [string, ...string[]];
  return z.enum(all).transform((v) => exactCanonicalValue(name, v) as VocabularyValue<V>);
}

const isoDate = /* @__PURE__ */ lazySchema(() => z.iso.date());
const text = /* @__PURE__ */ lazySchema(() => z.string().trim().min(1));

/** The zod schema of a rating: `C` (confirmed), `F` (fuzzy) or `W` (unknown, or against us). */
export const ratingSchema = /* @__PURE__ */ lazySchema(() => z.enum(['C', 'F', 'W']));

/** The zod schema of a seller's answer: a rating, or `{ rating, note?, at? }`. */
export const answerSchema = /* @__PURE__ */ lazySchema(() =>
  z.union([
    ratingSchema,
    z.object({
      rating: ratingSchema,
      note: z.string().optional(),
      at: isoDate.optional().describe('When the seller last confirmed this answer; older than the staleness window drops C to F.'),
    }),
  ]),
);

const stakeholderSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({
    name: text,
    title: z.string().optional().describe('Job title, free text.'),
    role: term('role').optional().describe('职务属性: 拍板者 final-say / 决策者 decision-maker / 评估者 evaluator / 使用者 user.'),
    personality: term('personality').optional().describe('性格属性: 前卫者/创新者/实用主义者/保守者/顽固派.'),
    contact: term('contact').optional().describe('交往程度: 不接触/一般接触/较多接触/深交.'),
    stance: term('stance').optional().describe('立场属性: 导师/支持者/中立者/不支持者/敌人.'),
    coach: z.boolean().optional().describe('Our coach (教练/枪手).'),
    sharesInfo: z.boolean().optional().describe('Coach only: tells us the decision chain, whom to work on, interests, channel ties (s5.2).'),
    helpsUs: z.boolean().optional().describe('Actively helps us run the deal (s5.5).'),
    backsCompetitor: z.boolean().optional().describe('Openly backs a competitor (s5.4 red flag).'),
    worksAgainstUs: z
      .boolean()
      .optional()
      .describe('Works against us: sets obstacles in technical acceptance, hands the customer 黑材料 against us, or passes our information to the competitor (s5.4 signals 2, 3).'),
    endorsesTech: z.boolean().optional().describe('Endorses our technical direction and product (s3.5).'),
    faction: z.string().optional().describe('Internal faction or circle (派系/圈子).'),
  }),
);

const competitorSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({
    name: text,
    primary: z.boolean().optional().describe('The main competitor (s3.6).'),
    channel: z.string().optional().describe('The channel the competitor is bound to (s4.5).'),
    channelRelation: z.string().optional().describe("That channel's relationship with the customer."),
    supporters: z.array(z.string()).optional().describe('People inside the customer who back this competitor; [] means known to be none (s3.7).'),
  }),
);

const channelSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({
    name: text,
    relation: term('channelRelation').optional(),
    trustedByTop: z.boolean().optional().describe('Trusted by the top decision maker (s5.6).'),
    worksWithUs: z.boolean().optional(),
  }),
);

const evidenceSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({
    item: z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'an item id such as "s2.2" or "man.money"'),
    signal: z.number().int().positive().optional().describe("The number of the source's signal (结果行为判断提示) shown."),
    date: isoDate,
    note: z.string().optional(),
    against: z.boolean().optional().describe('Evidence against us: the item is contrary (W).'),
  }),
);

/** The zod schema of a deal snapshot; parses Chinese and English spellings to the English values. */
export const snapshotSchema = /* @__PURE__ */ lazySchema(() =>
  z
    .object({
      $schema: z.string().optional().describe('The JSON Schema this file follows (for editors); not used in evaluation.'),
      id: text.describe('The deal id.'),
      asOf: isoDate.optional().describe('Evaluation date (ISO). Default: today.'),
      outcome: term('outcome').optional(),
      claimedStep: z
        .number()
        .int()
        .min(1)
        .max(7)
        .optional()
        .describe('The seven-step step the CRM or the seller records for the deal; an audit fails a deal that has not earned it.'),
      answers: z.record(z.string(), answerSchema).optional().describe("The seller's own rating per item id."),
      customer: z
        .object({
          name: z.string().optional(),
          segment: term('segment').optional(),
          industry: z.string().optional(),
          biggestProject: z.string().optional().describe('用户现在正在进行最大项目: the largest project the customer is running now (立项 checklist, seed 001).'),
        })
        .optional(),
      amount: z.number().nonnegative().optional().describe('Estimated signing amount (预签金额).'),
      currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as "CNY"').optional(),
      productLines: z.array(text).optional().describe('AC, SSL, AD, SG, 加速, IPSec, BM, or free text.'),
      source: term('opportunitySource').optional().describe('商机来源.'),
      need: z
        .object({
          problems: z.array(text).optional().describe('Problems the customer must solve (s1.1).'),
          deadline: isoDate.optional().describe('Go-live / solve-by date (s1.2).'),
          deadlineReason: z.string().optional().describe('Why that date: year-end budget, an event (s1.2 signal 2).'),
          raisedBy: term('raisedBy').optional().describe('Who raised the need (s1.5).'),
          products: z
            .array(z.object({ line: text, model: z.string().optional(), quantity: z.number().int().positive().optional() }))
            .optional()
            .describe('Products the customer asked for, with model and quantity when told (s1.6).'),
          networkMapped: z.boolean().optional().describe('Network drawn in front of the customer and corrected by them (s1.7).'),
          installedBaseKnown: z.boolean().optional().describe('Deployed equipment brands and models recorded (s1.7).'),
          alternatives: z.boolean().optional().describe('The customer has other alternatives (s1.4 signal 1).'),
          metrics: z.array(text).optional().describe('Quantified results the customer expects, e.g. "cut overtime by half" (seed 002 结果可以量化; MEDDPICC Metrics).'),
        })
        .optional(),
      funding: z
        .object({
          approval: term('approval').optional().describe('Top decision maker / body approved the project (立项, s2.1).'),
          budgetInPlace: z.boolean().optional().describe('资金已到位 (s2.2).'),
          budget: z.number().nonnegative().optional().describe('Allocated budget amount.'),
          source: term('fundingSource').optional(),
          breakdown: z.array(z.object({ item: text, amount: z.number().nonnegative().optional() })).optional().describe('s2.4.'),
        })
        .optional(),
      technical: z
        .object({
          requirementsMet: z.boolean().optional().describe('Our solution meets every requirement (s3.1, s3.9).'),
          standardAdopted: z.boolean().optional().describe('The customer uses our standard as the purchase standard (s3.1 signal 8).'),
          edgeAcknowledged: z.boolean().optional().describe('The customer acknowledges our edge over the competitor (s3.2).'),
          trial: term('trial').optional().describe('Trial/POC result against the competitor (s3.3).'),
          visits: z
            .array(z.object({ kind: term('visitKind'), date: isoDate.optional(), visitors: z.array(z.string()).optional() }))
            .optional()
            .describe('HQ or reference visits; visitors are stakeholder names (s3.4).'),
          lockIn: z.boolean().optional().describe('Our solution locks competitors out (屏蔽性, s1.4).'),
          barriers: z.array(term('barrier')).optional().describe('Technical barriers set (s3.8).'),
          concerns: z
            .array(z.object({ text: text, resolved: z.boolean().optional(), blocking: z.boolean().optional() }))
            .optional()
            .describe('Open technical concerns (s3.9 red flag).'),
        })
        .optional(),
      stakeholders: z.array(stakeholderSchema).optional(),
      competitors: z.array(competitorSchema).optional(),
      competition: term('competition')
        .optional()
        .describe('What we checked about the competition: none (we checked, no competitor or alternative vendor is in the deal) or contested (s3.6, s4.5).'),
      channels: z.array(channelSchema).optional().describe('Channel relationships behind the customer (s4.4, s5.6).'),
      procurement: z
        .object({
          processKnown: z.boolean().optional().describe('Procurement flow and each person’s part can be drawn (s4.3).'),
          historyKnown: z.boolean().optional().describe('Past buying habits known (s4.3 signal 2).'),
          tender: z.boolean().optional().describe('The buyer runs a formal tender (step 6 applies).'),
          specsInfluenced: term('specsInfluence').optional().describe('Tender specs and scoring drafted with our input (s6.1).'),
          scheduleKnown: z.boolean().optional().describe('Tender schedule known (s6.2).'),
          agency: z.string().optional().describe('Tender agency (s6.2).'),
        })
        .optional(),
      commercial: z
        .object({
          modelAccepted: z.boolean().optional().describe('Key people accept our cooperation model (s5.3).'),
          specsFromUs: z.boolean().optional().describe('The customer asks us for the tender parameters (s5.3 signal 4).'),
          terms: term('terms').optional().describe('Senior people and the commercial terms (s5.8).'),
        })
        .optional(),
      contract: z
        .object({
          approvalSteps: z.array(text).optional(),
          currentStep: z.string().optional().describe('Where the contract approval is now (s7.1).'),
          handler: z.string().optional().describe('Department and person handling it (s7.1 signal 1).'),
          delayReason: z.string().optional(),
          status: term('contractStatus').optional().describe('s7.2 (extension).'),
          payment: term('payment').optional().describe('Money received under the contract: none, partial or full (摧龙六式 steps 5–6: 收款, 回收全部账款).'),
        })
        .optional(),
      entryPlan: z
        .object({
          date: isoDate.optional().describe('When we enter the deal (立项 checklist: 切入具体时间计划).'),
          action: z.string().optional().describe('What we do then (the first call, a demo, a visit).'),
        })
        .optional()
        .describe('Our own concrete entry plan for the deal (seed 001, 立项).'),
      evidence: z.array(evidenceSchema).optional().describe('Dated evidence of signals, per item.'),
      custom: z.record(z.string(), z.unknown()).optional().describe('Free facts for user packs (read as fact "custom").'),
    })
    .strict(),
);

/** A snapshot as it is written (Chinese or English spellings). */
export type SnapshotInput = z.input<typeof snapshotSchema>;
/** A parsed snapshot: canonical English values only. */
export type Snapshot = z.output<typeof snapshotSchema>;
/** An item rating: `C` (confirmed), `F` (fuzzy: partly shown, claimed without evidence, or stale) or `W` (unknown, or against us). */
export type Rating = z.output<typeof ratingSchema>;
/** A seller's own rating of an item, short (`'C'`) or long (`{ rating, note, at }`). */
export type Answer = z.output<typeof answerSchema>;
export type Stakeholder = NonNullable<Snapshot['stakeholders']>[number];
export type Evidence = NonNullable<Snapshot['evidence']>[number];

/** The JSON Schema (draft 2020-12) of a snapshot as it is written. */
export function snapshotJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(snapshotSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
}
