/**
 * Bench section: the compiled engine against json-rules-engine and against hand-written code, on
 * the same 10,000 seeded realistic snapshots (bench/generate.mjs), in one process.
 *
 *   1. load + compile time of the built-in packs (parsePack, preparePack, compilePack), and
 *      json-rules-engine's engine build for comparison;
 *   2. rule matching only (facts derived beforehand), per pack and for all packs:
 *      compiled closures vs one reused json-rules-engine Engine per pack vs bench/handwritten.mjs;
 *   3. the full default evaluation (all packs, stage, missing, probability): `evaluateSync` from
 *      dist/ vs the same pipeline with json-rules-engine (one reused Engine per pack) vs the same
 *      pipeline with the hand-written matchers;
 *   4. where the time goes: parse, derive, assemble (shared by every engine) and matching, in µs
 *      per deal; the ceiling that the shared steps put on any engine's ratio; and the floor under
 *      any evaluation returning this result (the result's own objects plus hand-written matching,
 *      then also a copy of the input);
 *   5. bytes allocated per deal (heap growth over a batch between forced GCs, no GC during it).
 *
 * Before timing, every deal's matches (all three matchers) and every full result (three ways)
 * are checked equal; a difference stops the section. Targets: evaluateSync ≥ 60× json-rules-engine
 * (goal 100×), and within 2× of hand-written. Results are compact (the default); the bytes of a
 * result as JSON, compact and with `detail: 'full'`, are printed too.
 *
 * Run alone: node --expose-gc bench/run.mjs engine (after npm run build).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { HANDWRITTEN } from '../handwritten.mjs';

const PACKS = ['sangfor-7step', 'man', 'bant'];
const now = () => process.hrtime.bigint();
const seconds = (from) => Number(now() - from) / 1e9;
const fmt = (n) => Math.round(n).toLocaleString('en-US');
const ratio = (a, b) => `${(a / b).toFixed(a / b >= 10 ? 0 : 2)}×`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Deals per second of `fn` over all items, best of `rounds` after one warm-up round. */
function rate(items, fn, rounds = 5) {
  const times = [];
  for (let r = 0; r <= rounds; r++) {
    const t = now();
    for (let i = 0; i < items.length; i++) fn(items[i]);
    if (r > 0) times.push(seconds(t));
  }
  return items.length / Math.min(...times);
}

async function rateAsync(items, fn) {
  for (let i = 0; i < Math.min(200, items.length); i++) await fn(items[i]); // warm-up
  const t = now();
  for (let i = 0; i < items.length; i++) await fn(items[i]);
  return items.length / seconds(t);
}

/** Heap bytes allocated per call, measured over a batch with no garbage collection in it. */
async function allocated(items, fn, batch) {
  if (!globalThis.gc) return undefined;
  const starts = [];
  const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => starts.push(e.startTime)));
  observer.observe({ entryTypes: ['gc'] });
  const tick = () => new Promise((r) => setTimeout(r, 5));
  const samples = [];
  for (let attempt = 0; attempt < 12 && samples.length < 3; attempt++) {
    const start = (attempt * batch) % Math.max(1, items.length - batch);
    globalThis.gc();
    await tick();
    const from = performance.now();
    const before = process.memoryUsage().heapUsed;
    for (let i = start; i < start + batch; i++) await fn(items[i]);
    const after = process.memoryUsage().heapUsed;
    const to = performance.now();
    await tick(); // let the observer report
    if (!starts.some((t) => t >= from && t <= to)) samples.push((after - before) / batch);
    else batch = Math.max(1, Math.floor(batch / 2));
  }
  observer.disconnect();
  return samples.length > 0 ? median(samples) : undefined;
}

function readPackSources(root) {
  const read = (path) => JSON.parse(readFileSync(join(root, 'rules', path), 'utf8'));
  return PACKS.map((id) => {
    const manifest = read(`${id}/pack.json`);
    const itemFiles = Object.fromEntries((manifest.itemFiles ?? []).map((f) => [f, read(`${id}/${f}`)]));
    return { file: `rules/${id}/pack.json`, manifest, itemFiles };
  });
}

/** A plain deep copy: what parsing at least does to an input. */
function plainCopy(value) {
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = plainCopy(value[i]);
    return out;
  }
  if (value === null || typeof value !== 'object') return value;
  const out = {};
  for (const key in value) out[key] = plainCopy(value[key]);
  return out;
}

/** New copies of the objects a result owns: the items record and entries, missing entries, stage, findings. */
function resultOwnObjects(r) {
  const items = {};
  for (const id in r.items) items[id] = { ...r.items[id] };
  return {
    ...r,
    items,
    missing: r.missing.map((m) => ({ ...m })),
    stage: { ...r.stage, steps: r.stage.steps.map((s) => ({ ...s, open: [...s.open] })) },
    findings: r.findings.map((f) => ({ ...f, items: [...f.items], params: { ...f.params } })),
    ...(r.man ? { man: { ...r.man } } : {}),
  };
}

const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

export async function run(ctx) {
  const log = ctx.log;
  const internals = await ctx.internals();
  const dist = await import(pathToFileURL(join(ctx.root, 'dist', 'index.js')).href);
  const snapshots = ctx.snapshots(10_000);
  const n = snapshots.length;
  log(`engine: ${fmt(n)} generated snapshots (seed ${ctx.seed}), default options, asOf ${snapshots[0].asOf}`);

  // 1. load + compile
  const sources = readPackSources(ctx.root);
  const loads = [];
  const compiles = [];
  const engines = [];
  let rules = 0;
  for (let r = 0; r < 15; r++) {
    const fresh = JSON.parse(JSON.stringify(sources)); // no cached pack objects
    let t = now();
    const packs = fresh.map((s) => {
      const parsed = internals.parsePack(s);
      if (!parsed.ok) throw new Error(`${s.file}: ${JSON.stringify(parsed.issues[0])}`);
      return parsed.pack;
    });
    loads.push(seconds(t) * 1000);
    t = now();
    const prepared = packs.map((p) => internals.preparePack(p));
    prepared.forEach((p) => internals.compilePack(p));
    compiles.push(seconds(t) * 1000);
    t = now();
    prepared.forEach((p) => internals.buildEngine(p));
    engines.push(seconds(t) * 1000);
    rules = packs.reduce((sum, p) => sum + p.items.reduce((k, i) => k + i.rules.length, 0), 0);
  }
  log(`load + compile, ${PACKS.length} packs, ${rules} rules: load (validate) ${median(loads).toFixed(1)} ms + compile ${median(compiles).toFixed(2)} ms (median of 15; json-rules-engine engine build ${median(engines).toFixed(2)} ms)`);

  // 2. rule matching only
  const prepared = PACKS.map((id) => internals.preparePack(internals.builtinPack(id)));
  const facts = snapshots.map((s) => {
    const ready = internals.prepare(s, {});
    if ('ok' in ready) throw new Error(`generated snapshot ${s.id} is invalid: ${JSON.stringify(ready.issues[0])}`);
    return ready.facts;
  });
  const compiled = prepared.map((p) => internals.compilePack(p));
  const reference = prepared.map((p) => internals.referenceMatcher(p));
  const hand = PACKS.map((id) => HANDWRITTEN[id]);

  const jreMatches = [];
  const tJre = now();
  for (const f of facts) {
    const row = [];
    for (const m of reference) row.push(await m(f));
    jreMatches.push(row);
  }
  const jreAllRate = n / seconds(tJre);
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < PACKS.length; p++) {
      const c = [...compiled[p](facts[i])];
      const h = [...hand[p](facts[i].deal, facts[i].derived)];
      const j = [...jreMatches[i][p]];
      if (!same(c, j)) throw new Error(`${snapshots[i].id} ${PACKS[p]}: compiled ${c} but json-rules-engine ${j}`);
      if (!same(c, h)) throw new Error(`${snapshots[i].id} ${PACKS[p]}: compiled ${c} but hand-written ${h} — bench/handwritten.mjs is out of step with rules/`);
    }
  }
  log(`check: on all ${fmt(n)} deals, every item's matching rule is the same in the compiled engine, json-rules-engine and hand-written code`);

  log('rule matching only (facts derived beforehand), deals/s:');
  for (let p = 0; p < PACKS.length; p++) {
    const c = rate(facts, (f) => compiled[p](f));
    const h = rate(facts, (f) => hand[p](f.deal, f.derived));
    const j = await rateAsync(facts.slice(0, p === 0 ? n : 3000), (f) => reference[p](f));
    const count = prepared[p].rules.reduce((k, r) => k + r.length, 0);
    log(`  ${PACKS[p].padEnd(14)} ${String(count).padStart(3)} rules  compiled ${fmt(c).padStart(11)}  json-rules-engine ${fmt(j).padStart(7)}  hand-written ${fmt(h).padStart(11)}  compiled/JRE ${ratio(c, j)}  compiled/hand ${ratio(c, h)}`);
  }
  const cAll = rate(facts, (f) => {
    for (let p = 0; p < 3; p++) compiled[p](f);
  });
  const hAll = rate(facts, (f) => {
    for (let p = 0; p < 3; p++) hand[p](f.deal, f.derived);
  });
  log(`  ${'all 3 packs'.padEnd(14)} ${String(rules).padStart(3)} rules  compiled ${fmt(cAll).padStart(11)}  json-rules-engine ${fmt(jreAllRate).padStart(7)}  hand-written ${fmt(hAll).padStart(11)}  compiled/JRE ${ratio(cAll, jreAllRate)}  compiled/hand ${ratio(cAll, hAll)}`);

  // 3. the full default evaluation
  const handFor = new Map(prepared.map((p, i) => [p, (f) => hand[i](f.deal, f.derived)]));
  const refFor = new Map(prepared.map((p, i) => [p, reference[i]]));
  const viaHand = (s) => internals.evaluateWith((p) => handFor.get(p), s);
  const viaJre = (s) => internals.evaluateWithAsync((p) => refFor.get(p), s);
  // The two synchronous pipelines are timed first, the json-rules-engine one after (its time is
  // almost all json-rules-engine's own); every result is compared after all three ran.
  const syncFull = rate(snapshots, (s) => dist.evaluateSync(s), 3);
  const parseRate = rate(snapshots, (s) => dist.parseSnapshot(s), 3);
  // The hand-written pipeline runs on the bench's own bundle of the sources (bench/internals.ts):
  // it is compared with evaluateSync from that same bundle, so both run the same code but the matching.
  const syncSame = rate(snapshots, (s) => internals.evaluateSync(s), 3);
  const handFull = rate(snapshots, viaHand, 3);
  const tJreFull = now();
  const jreResults = [];
  for (const s of snapshots) jreResults.push(await viaJre(s));
  const jreFull = n / seconds(tJreFull);
  for (let i = 0; i < n; i++) {
    const sync = JSON.stringify(dist.evaluateSync(snapshots[i]));
    if (sync !== JSON.stringify(jreResults[i])) throw new Error(`${snapshots[i].id}: evaluateSync and json-rules-engine results differ`);
    if (sync !== JSON.stringify(viaHand(snapshots[i]))) throw new Error(`${snapshots[i].id}: evaluateSync and the hand-written pipeline differ`);
  }
  log(`check: on all ${fmt(n)} deals, evaluateSync's whole result equals the json-rules-engine and hand-written pipelines' (JSON-identical)`);
  log('full default evaluation (parse, derive, all 3 packs, stage, missing, probability), deals/s:');
  log(`  evaluateSync (dist)                             ${fmt(syncFull).padStart(8)}`);
  log(`  json-rules-engine, one reused Engine per pack   ${fmt(jreFull).padStart(8)}   evaluateSync is ${ratio(syncFull, jreFull)} faster   (target ≥ 60×, goal 100×)`);
  log(`  hand-written matchers, same pipeline            ${fmt(handFull).padStart(8)}   evaluateSync of the same bundle (${fmt(syncSame)}) runs at ${(syncSame / handFull).toFixed(2)}× its speed   (target ≥ 0.5×, i.e. within 2×)`);

  // 4. where evaluateSync's time goes. Derived from evaluateSync's own figure, so that the split adds up:
  // parse (dist's parseSnapshot), matching (the compiled matchers above), and the rest (derive, plan, assemble).
  const us = (perSecond) => 1e6 / perSecond;
  const f2 = (x) => x.toFixed(2);
  const parseUs = us(parseRate);
  const totalUs = us(syncFull);
  const shared = totalUs - us(cAll);
  log(`where evaluateSync's ${f2(totalUs)} µs per deal go: parse ${f2(parseUs)} + derive, rate, stage, missing, probability ${f2(shared - parseUs)} (shared by every engine) + compiled matching ${f2(us(cAll))}; json-rules-engine matching takes ${f2(us(jreAllRate))}`);
  log(`  ceiling: with matching free, evaluateSync could be at most ${ratio(us(jreFull), shared)} faster than the json-rules-engine pipeline (${f2(us(jreFull))} µs per deal)`);
  // The floor under any evaluation returning this result: match the rules (at hand-written speed)
  // and make the objects a result owns (pack texts and shared reasons are referenced, not copied),
  // with no parsing, deriving or rating at all; then also copy the input, as parsing to canonical
  // values does (zod makes new objects too).
  const results = snapshots.map((s) => dist.evaluateSync(s));
  const ownUs = us(rate(results, resultOwnObjects, 3));
  const copyUs = us(rate(snapshots, plainCopy, 3));
  const floorUs = ownUs + us(hAll);
  log(`  floor: making the objects a result owns ${f2(ownUs)} + hand-written matching ${f2(us(hAll))} = ${f2(floorUs)} µs, with no parsing, deriving or rating: at most ${ratio(us(jreFull), floorUs)} faster than the json-rules-engine pipeline; with a copy of the input as parsing makes (${f2(copyUs)} µs) at most ${ratio(us(jreFull), floorUs + copyUs)}`);

  // 6. bytes per result as JSON: compact (the default) and with every text (detail: 'full')
  let compactBytes = 0;
  let fullBytes = 0;
  for (const s of snapshots) {
    compactBytes += Buffer.byteLength(JSON.stringify(dist.evaluateSync(s)));
    fullBytes += Buffer.byteLength(JSON.stringify(dist.evaluateSync(s, { detail: 'full' })));
  }
  log(`bytes per result (JSON, UTF-8): compact ${fmt(compactBytes / n)} B, with detail: 'full' ${fmt(fullBytes / n)} B (${ratio(fullBytes, compactBytes)})`);

  // 5. allocation
  const bytes = await allocated(snapshots, (s) => dist.evaluateSync(s), 400);
  const bytesHand = await allocated(snapshots, viaHand, 400);
  const bytesMatch = await allocated(facts, (f) => {
    for (let p = 0; p < 3; p++) compiled[p](f);
  }, 4000);
  const bytesJre = await allocated(snapshots, viaJre, 20);
  if (bytes === undefined) log('bytes allocated per deal: run with node --expose-gc');
  else {
    const kb = (b) => (b === undefined ? 'n/a' : `${fmt(b)} B`);
    log(`bytes allocated per deal: evaluateSync ${kb(bytes)} (of which compiled matching ${kb(bytesMatch)}), hand-written pipeline ${kb(bytesHand)}, json-rules-engine pipeline ${kb(bytesJre)}`);
  }
}
