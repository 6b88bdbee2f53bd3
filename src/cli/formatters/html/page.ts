/**
 * The HTML page shell shared by the audit and calibration reports: one self-contained file (inline
 * CSS, inline script, charts as inline SVG, system fonts; a Content-Security-Policy that allows no
 * network), deterministic (no dates, no random ids).
 */
import type { Locale } from '../../../locale/messages.js';

/** Escapes text for HTML content and attribute values. */
export const esc = (s: string | number): string =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** JSON safe inside a <script> element (no `</script>`, no `<!--`). */
export const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

const CSS = `
:root{--fg:#1d2330;--muted:#5b6475;--line:#dde2ea;--bg:#f5f7fa;--card:#fff;--err:#c62828;--warn:#b26a00;--ok:#2e7d32;--C:#2e7d32;--F:#b26a00;--W:#c62828}
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;color:var(--fg);background:var(--bg)}
header{padding:20px 28px 8px}
h1{margin:0 0 12px;font-size:22px}
h2{font-size:16px;margin:0 0 10px}
h3{font-size:14px;margin:12px 0 6px}
main{padding:0 28px 40px}
.band{display:flex;flex-wrap:wrap;gap:12px;margin-bottom:16px}
.tile{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 16px;min-width:140px}
.tile b{display:block;font-size:24px}
.tile span{color:var(--muted);font-size:12px}
.tile.err b{color:var(--err)}.tile.warn b{color:var(--warn)}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(520px,1fr));gap:16px;margin-bottom:20px}
figure{margin:0;background:var(--card);border:1px solid var(--line);border-radius:8px;padding:14px;overflow-x:auto}
figure svg{max-width:100%;height:auto}
figure p.empty{color:var(--muted)}
section.panel{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:14px;margin-bottom:20px}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{background:#eef1f6;font-weight:600;white-space:nowrap}
th button{all:unset;cursor:pointer}
th[aria-sort=ascending] button::after{content:" ▲"}th[aria-sort=descending] button::after{content:" ▼"}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.controls{display:flex;flex-wrap:wrap;gap:10px;align-items:center;margin-bottom:10px}
.controls input[type=search]{padding:5px 8px;min-width:240px;border:1px solid var(--line);border-radius:6px}
.pager{display:flex;gap:10px;align-items:center;margin-top:8px;color:var(--muted)}
.sev-error{color:var(--err);font-weight:600}.sev-warn{color:var(--warn);font-weight:600}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(460px,1fr));gap:16px;align-items:start}
code,td.nowrap{white-space:nowrap}
details summary{cursor:pointer;color:var(--muted)}
article.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:14px}
article.card.failing{border-left:4px solid var(--err)}article.card.warned{border-left:4px solid var(--warn)}
article.card h3{margin-top:0}
.meta{color:var(--muted);font-size:12px}
.chips{display:flex;flex-wrap:wrap;gap:4px}
.chip{font-size:12px;border-radius:4px;padding:0 5px;color:#fff;white-space:nowrap}
.chip.C{background:var(--C)}.chip.F{background:var(--F)}.chip.W{background:var(--W)}
.checklist td:first-child{white-space:nowrap;color:var(--muted);width:1%}
ol.missing{padding-left:20px;margin:4px 0}ol.missing li{margin-bottom:4px}
ol.missing ul{margin:2px 0;padding-left:18px;color:var(--muted);font-size:12px}
.bar{display:inline-block;height:10px;vertical-align:middle}.bar.pos{background:var(--C)}.bar.neg{background:var(--W)}
ul.plain{margin:4px 0;padding-left:18px}
`;

export interface Shell {
  locale: Locale;
  title: string;
  body: string;
  script?: string;
}

/** The whole document. */
export function page({ locale, title, body, script }: Shell): string {
  return `<!DOCTYPE html>
<html lang="${locale === 'zh-CN' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="dealqual">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
${body}
${script ? `<script>${script}</script>` : ''}
</body>
</html>
`;
}
