/**
 * The built-in default model as a model file: the method-based prior (prior.ts) for the default pack
 * set, with the reasoning written beside every weight. models/default.json is this file, generated;
 * a test fails when the two drift apart.
 */
import { BUILTIN_PACK_IDS, builtinPack } from '../packs/builtin.js';
import type { Item } from '../packs/schema.js';
import { MODEL_FORMAT, MODEL_VERSION, type ModelFile } from './file.js';
import { RED_FLAG_UNIT, SPAN, VETO_LANDING, countedItems, isRedFlagItem, priorModel } from './prior.js';

export const DEFAULT_MODEL_COMMAND = 'UPDATE_DEFAULT_MODEL=1 npx vitest run test/model/default-model.test.ts';

const r3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * The default model for the built-in packs (all step-6 items applying: a tender deal).
 * @example defaultModelFile().packs['sangfor-7step'].items['s1.1'].C // 0.19155663022503563
 */
export function defaultModelFile(): ModelFile {
  const packs = BUILTIN_PACK_IDS.map((id) => builtinPack(id));
  const items: { item: Item; pack: string }[] = packs.flatMap((pack) => pack.items.map((item) => ({ item, pack: pack.id })));
  const model = priorModel(items.map((i) => i.item));
  const counted = countedItems(items.map((i) => i.item));
  const units = items.reduce((sum, { item }) => sum + (counted.has(item.id) ? (item.star ? 2 : 1) : 0), 0);
  const file: ModelFile = {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    generated: {
      by: DEFAULT_MODEL_COMMAND,
      from: `priorModel (src/model/prior.ts) over the built-in packs ${packs.map((p) => `${p.id}@${p.version}`).join(', ')}`,
      warning: 'Generated: do not edit. Change the packs or src/model/prior.ts, then regenerate.',
    },
    name: 'default',
    description:
      'The method-based prior: no history needed. ★ items weigh two units, the others one; F earns half of C; W is the reference (0). ' +
      `The C weights of the ${counted.size} counted items (${units} units) sum to SPAN = 2·ln(0.92/0.08) = ${r3(SPAN)}, so a deal with every item C sits at p = 0.92 and one with every item W at p = 0.08. ` +
      `W from facts or fresh evidence (against us, not merely unknown) adds redFlag on red-flag items (risk items, items marked redFlag, −SPAN/6 = ${r3(-RED_FLAG_UNIT)} per unit) and veto on decisive items (an otherwise all-C deal lands at p = ${VETO_LANDING}). ` +
      'Anchor of the source (seed 003): 8 C, 1 F, 0 W → win rate ≥ 0.60, read as eight ninths of the checklist confirmed, one ninth fuzzy, nothing unknown or against us: every item C but one ★ item F gives p ≈ 0.91, and the proportional reading (8/9 of the C weight C, 1/9 F) p ≈ 0.90 (docs/probability.md).',
    intercept: model.intercept,
    interceptNote: `−SPAN/2 = ${r3(model.intercept)}: the log-odds of a deal with every item W (p = 0.08).`,
    packs: {},
  };
  for (const { item, pack } of items) {
    const w = model.weights[item.id]!;
    const entry = (file.packs[pack] ??= { version: builtinPack(pack as (typeof BUILTIN_PACK_IDS)[number]).version, items: {} });
    let note: string;
    if (!counted.has(item.id)) {
      const first = items.find(({ item: other }) => item.sameFactAs.includes(other.id) && counted.has(other.id))?.item.id ?? item.sameFactAs[0];
      note = `Reads the same fact as ${first} (sameFactAs), which is counted: C and F weigh 0, so the fact counts once when the packs are evaluated together. Evaluated alone, this pack's items share the whole span.`;
      if (isRedFlagItem(item)) note += ` Red-flag item: a W from facts or fresh evidence on a fact of its own (e.g. a budget far below the quote) adds redFlag = −SPAN/6 = ${r3(w.redFlag)}.`;
    } else {
      const unit = item.star ? `★ 重要 item: 2 of the ${units} units` : `1 of the ${units} units`;
      note = `${unit} → C = SPAN·${item.star ? 2 : 1}/${units} = ${r3(w.C)}; F = C/2 = ${r3(w.F)} (partly shown, claimed or stale); W = 0 (reference: unknown).`;
      if (item.decisive)
        note += ` Decisive item: a W from facts or fresh evidence adds veto = logit(${VETO_LANDING}) − (SPAN/2 − C) = ${r3(w.veto ?? 0)}, so with it an otherwise all-C deal sits at p = ${VETO_LANDING}.`;
      else if (isRedFlagItem(item))
        note += ` Red-flag item (${item.kind === 'risk' ? 'risk' : 'the customer’s verdict against us'}): a W from facts or fresh evidence adds redFlag = −SPAN/6 per unit = ${r3(w.redFlag)}; a W from nothing known adds 0.`;
      if (pack === 'sangfor-7step' && item.step === 6)
        note += ' Step 6 applies only where the buyer runs a tender; elsewhere the item adds nothing (the built-in prior then spreads the span over the remaining items).';
    }
    entry.items[item.id] = { C: w.C, F: w.F, redFlag: w.redFlag, ...(w.veto !== undefined ? { veto: w.veto } : {}), note };
  }
  return file;
}
