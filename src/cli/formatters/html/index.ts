/**
 * `html`: the audit as one self-contained page a sales manager can open from a CI artifact: a
 * summary band, charts (funnel per step with milestones, probability distribution, weighted pipeline
 * per step, the MAN 2×2×2 matrix with actions, findings by code), a sortable, filterable, paginated
 * deal table (every deal), and cards for at most CARD_LIMIT deals (failing first). Charts are
 * Vega-Lite rendered to SVG at report time (render.ts); see docs/cli.md.
 */
import type { Locale } from '../../../locale/messages.js';
import { MILESTONES, money, type Formatter, type Summary } from '../types.js';
import { inputErrorText } from '../../errors.js';
import { stepLabel } from '../../words.js';
import { funnelSpec, findingsSpec, manSpec, pipelineSpec, probabilitySpec } from './charts.js';
import { addPiece, CARD_LIMIT, dealPiece, emptyState, selectCards, type Card, type DescribedRecord, type Piece, type ReportState } from './data.js';
import { esc, page, scriptJson } from './page.js';
import { renderSvg } from './render.js';
import { TABLE_SCRIPT } from './table.js';
import { htmlWord, type HtmlWord } from './words.js';

const pct = (p: number) => `${Math.round(p * 100)}%`;

function band(summary: Summary, locale: Locale): string {
  const w = (k: HtmlWord, p?: Record<string, string | number>) => htmlWord(locale, k, p);
  const tiles = [
    `<div class="tile"><b>${summary.deals}</b><span>${esc(w('deals'))}</span></div>`,
    `<div class="tile err"><b>${summary.failed}</b><span>${esc(w('failing'))}</span></div>`,
    `<div class="tile err"><b>${summary.errors}</b><span>${esc(w('errors'))}</span></div>`,
    `<div class="tile warn"><b>${summary.warnings}</b><span>${esc(w('warnings'))}</span></div>`,
  ];
  const currencies = Object.keys(summary.pipeline).sort();
  for (const cur of currencies) {
    const p = summary.pipeline[cur]!;
    tiles.push(`<div class="tile"><b>${esc(money(p.weighted))}${cur ? ` ${esc(cur)}` : ''}</b><span>${esc(w('weightedPipeline'))} · ${esc(w('pipelineNote', { deals: p.deals }))}</span></div>`);
  }
  if (currencies.length === 0) tiles.push(`<div class="tile"><b>–</b><span>${esc(w('weightedPipeline'))} · ${esc(w('noPipeline'))}</span></div>`);
  const bad = summary.inputErrors.length + summary.moreInputErrors;
  if (bad) tiles.push(`<div class="tile err"><b>${bad}</b><span>${esc(w('inputErrors'))}</span></div>`);
  return `<div class="band" id="summary">${tiles.join('')}</div>`;
}

const figure = (id: string, title: string, svg: string | undefined, empty: string, extra = '') =>
  `<figure id="${id}"><h2>${esc(title)}</h2>${svg ?? `<p class="empty">${esc(empty)}</p>`}${extra}</figure>`;

async function charts(state: ReportState, locale: Locale): Promise<string> {
  const w = (k: HtmlWord) => htmlWord(locale, k);
  const hasPipeline = Object.keys(state.pipeline).length > 0;
  const hasFindings = Object.keys(state.findings).length > 0;
  const manClasses = Object.keys(state.man).sort();
  const [funnel, probability, pipeline, man, findings] = await Promise.all([
    renderSvg(funnelSpec(state, locale)),
    renderSvg(probabilitySpec(state, locale)),
    hasPipeline ? renderSvg(pipelineSpec(state, locale)) : undefined,
    manClasses.length ? renderSvg(manSpec(state, locale)) : undefined,
    hasFindings ? renderSvg(findingsSpec(state, locale)) : undefined,
  ]);
  const actions = manClasses.length
    ? `<table class="man-actions"><thead><tr><th>${esc(w('manClass'))}</th><th class="num">${esc(w('count'))}</th><th>${esc(w('action'))}</th></tr></thead><tbody>${manClasses
        .sort((a, b) => state.man[b]!.count - state.man[a]!.count || (a < b ? -1 : 1))
        .map((c) => `<tr><td><code>${esc(c)}</code></td><td class="num">${state.man[c]!.count}</td><td>${esc(state.man[c]!.action)}</td></tr>`)
        .join('')}</tbody></table>`
    : '';
  return `<div class="charts">
${figure('chart-funnel', w('funnel'), funnel, '')}
${figure('chart-probability', w('probabilityChart'), probability, '')}
${figure('chart-pipeline', w('pipelineChart'), pipeline, w('noPipeline'))}
${figure('chart-man', w('manChart'), man, w('noMan'), actions)}
${figure('chart-findings', w('findingsChart'), findings, w('noFindings'))}
</div>`;
}

function table(locale: Locale, state: ReportState): string {
  const w = (k: HtmlWord) => htmlWord(locale, k);
  const cols: [HtmlWord, boolean][] = [['id', false], ['file', false], ['step', true], ['milestone', false], ['probability', true], ['man', false], ['errors', true], ['warnings', true], ['amount', true]];
  const head = cols.map(([k, num], i) => `<th data-col="${i}"${num ? ' class="num"' : ''}><button type="button">${esc(w(k))}</button></th>`).join('');
  const options = MILESTONES.map((m) => `<option value="${m}">${esc(w(m))}</option>`).join('');
  const words = { page: w('page'), milestones: Object.fromEntries(MILESTONES.map((m) => [m, w(m)])) };
  return `<section class="panel" id="table"><h2>${esc(w('table'))}</h2>
<div class="controls"><input type="search" id="filter" placeholder="${esc(w('filter'))}" aria-label="${esc(w('filter'))}">
<select id="milestone" aria-label="${esc(w('milestone'))}"><option value="">${esc(w('allMilestones'))}</option>${options}</select>
<label><input type="checkbox" id="failing"> ${esc(w('failingOnly'))}</label></div>
<table id="deals"><thead><tr>${head}</tr></thead><tbody></tbody></table>
<div class="pager"><button type="button" id="prev">${esc(w('previous'))}</button><span id="page-info"></span><button type="button" id="next">${esc(w('next'))}</button></div>
<script type="application/json" id="deal-rows">${scriptJson(state.rows)}</script>
<script type="application/json" id="table-words">${scriptJson(words)}</script>
</section>`;
}

/** Missing items shown open on a card; the rest fold under "n more". */
const MISSING_SHOWN = 5;

function cardHtml(card: Card, index: number, locale: Locale): string {
  const w = (k: HtmlWord, p?: Record<string, string | number>) => htmlWord(locale, k, p);
  const missingItem = (m: Card['missing'][number]) =>
    `<li><b>${esc(m.item)}${m.star ? ' ★' : ''}</b> <span class="chip ${esc(m.rating)}">${esc(m.rating)}</span> ${esc(m.title)} <span class="meta">(${esc(stepLabel(locale, m.step))})</span>${m.signals.length ? `<ul>${m.signals.map((s) => `<li>${esc(s)}</li>`).join('')}</ul>` : ''}</li>`;
  const errors = card.problems.filter((p) => p.severity === 'error').length;
  const cls = errors ? 'failing' : card.problems.length ? 'warned' : 'clean';
  const head = [stepLabel(locale, card.step), ...(card.claimed !== undefined && card.claimed > card.step ? [w('claims', { step: card.claimed })] : []), w(card.milestone as HtmlWord), `${w('probability')} ${pct(card.probability)}`, ...(card.man ? [`MAN ${card.man.class}`] : [])];
  const out = [`<article class="card ${cls}" id="card-${index}" data-deal="${esc(card.id)}"><h3>${esc(card.id)}</h3><div class="meta">${esc(card.source)} · ${esc(head.join(' · '))}</div>`];
  if (card.man) out.push(`<div class="meta">${esc(card.man.action)}</div>`);
  if (card.problems.length)
    out.push(`<h3>${esc(w('problems'))}</h3><ul class="plain">${card.problems.map((p) => `<li><span class="sev-${p.severity}">${esc(w(p.severity === 'error' ? 'error' : 'warn'))}</span> ${esc(p.message)} <code class="meta">${esc(p.rule)}</code></li>`).join('')}</ul>`);
  out.push(
    `<h3>${esc(w('checklist'))}</h3><table class="checklist"><tbody>${card.checklist
      .map(
        (g) =>
          `<tr><td>${esc(g.step !== undefined ? stepLabel(locale, g.step) : g.pack)}</td><td><div class="chips">${g.items
            .map((i) => `<span class="chip ${esc(i.rating)}" title="${esc(i.id)}: ${esc(i.rating)}">${esc(i.id)}${i.star ? '★' : ''} ${esc(i.rating)}</span>`)
            .join('')}</div></td></tr>`,
      )
      .join('')}</tbody></table>`,
  );
  out.push(
    `<h3>${esc(w('missing'))}</h3>${
      card.missing.length
        ? `<ol class="missing">${card.missing.slice(0, MISSING_SHOWN).map(missingItem).join('')}</ol>${
            card.missing.length > MISSING_SHOWN
              ? `<details><summary>${esc(w('moreMissing', { n: card.missing.length - MISSING_SHOWN }))}</summary><ol class="missing" start="${MISSING_SHOWN + 1}">${card.missing.slice(MISSING_SHOWN).map(missingItem).join('')}</ol></details>`
              : ''
          }`
        : `<p class="meta">${esc(w('noMissing'))}</p>`
    }`,
  );
  if (card.findings.length) out.push(`<h3>${esc(w('findings'))}</h3><ul class="plain">${card.findings.map((f) => `<li><code>${esc(f.code)}</code> ${esc(f.message)}</li>`).join('')}</ul>`);
  const max = Math.max(Math.abs(card.intercept), ...card.contributions.map((c) => Math.abs(c.value)), 1e-9);
  const bar = (v: number) => `<span class="bar ${v >= 0 ? 'pos' : 'neg'}" style="width:${Math.round((Math.abs(v) / max) * 120)}px"></span>`;
  out.push(
    `<h3>${esc(w('contributions'))}</h3><table class="contributions"><tbody><tr><td>${esc(w('intercept'))}</td><td class="num">${card.intercept.toFixed(2)}</td><td>${bar(card.intercept)}</td></tr>${card.contributions
      .map((c) => `<tr><td>${esc(c.item)} <span class="chip ${esc(c.rating)}">${esc(c.rating)}</span>${c.level ? ` <span class="meta level">${esc(c.level)}</span>` : ''}</td><td class="num">${c.value >= 0 ? '+' : ''}${c.value.toFixed(2)}</td><td>${bar(c.value)}</td></tr>`)
      .join('')}</tbody></table>`,
  );
  out.push('</article>');
  return out.join('');
}

export const html: Formatter = {
  name: 'html',
  streaming: false,
  texts: true,
  deal: (record, context) => JSON.stringify(dealPiece(record as DescribedRecord, context.locale)),
  emit(text, state) {
    addPiece(((state as { report?: ReportState }).report ??= emptyState()), JSON.parse(text) as Piece);
    return '';
  },
  async end(summary, context, _pieces, state) {
    const { locale } = context;
    const report = (state as { report?: ReportState }).report ?? emptyState();
    const cards = selectCards(report);
    const w = (k: HtmlWord, p?: Record<string, string | number>) => htmlWord(locale, k, p);
    const errors = summary.inputErrors.length
      ? `<section class="panel" id="input-errors"><h2>${esc(w('inputErrors'))}</h2><ul class="plain">${summary.inputErrors.map((e) => `<li class="sev-error">${esc(inputErrorText(e))}</li>`).join('')}${summary.moreInputErrors ? `<li>… +${summary.moreInputErrors}</li>` : ''}</ul></section>`
      : '';
    const body = `<header><h1>${esc(w('title'))}</h1>${band(summary, locale)}</header>
<main>
${await charts(report, locale)}
${errors}
${table(locale, report)}
<section id="cards"><h2>${esc(w('cards'))}</h2><p class="meta">${esc(w('cardsNote', { shown: cards.length, total: summary.deals }))}</p>
<div class="cards">${cards.map((c, i) => cardHtml(c, i, locale)).join('\n')}</div></section>
</main>`;
    return page({ locale, title: w('title'), body, script: TABLE_SCRIPT });
  },
};

export { CARD_LIMIT };
