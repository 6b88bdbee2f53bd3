/** Problems as JSON data (json, jsonl, sarif): ESLint's messages, with our rule ids and codes. */
import type { Problem } from '../policy.js';

/** A problem as printed in `json`/`jsonl` results: `{ rule, severity, items, code, params, message }`. */
export const problemJson = (p: Problem): Problem => ({ rule: p.rule, severity: p.severity, items: p.items, code: p.code, params: p.params, message: p.message });

/**
 * The rule a report files a problem under: the item id for missing-evidence problems about one item
 * (`s2.2`: the rule whose help says how to prove it), else the policy rule id (`contradiction`).
 */
export const reportedRule = (p: Problem): string => ((p.rule === 'missing-star' || p.rule === 'missing') && p.items.length === 1 ? p.items[0]! : p.rule);

/** Whether a source is stdin (`-`), which has no file for a report to point at. */
export const isStdin = (file: string): boolean => file === '-' || file === '<stdin>';
