/**
 * Charts as static SVG: Vega-Lite specs compiled to Vega and rendered by Vega's SVG string renderer
 * in Node (no canvas, no browser, no network). The libraries are loaded on first use only, so other
 * formats never pay for them. The SVG is deterministic for the same spec.
 */
import type { TopLevelSpec } from 'vega-lite';

/** The font stack of the report: system fonts only (nothing is fetched), CJK faces for zh-CN. */
export const FONT = 'system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

let libraries: Promise<[typeof import('vega'), typeof import('vega-lite')]> | undefined;

/** Renders a Vega-Lite spec to an SVG string. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  libraries ??= Promise.all([import('vega'), import('vega-lite')]);
  const [vega, vl] = await libraries;
  const compiled = vl.compile({ ...spec, config: { font: FONT, ...spec.config } } as TopLevelSpec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
