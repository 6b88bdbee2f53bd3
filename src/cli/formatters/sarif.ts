/**
 * `sarif`: SARIF 2.1.0 (the OASIS standard code-scanning tools read, e.g. GitHub code scanning).
 * One result per problem, at the deal's file and line (JSON Lines and CSV lines, JSON array
 * elements; line 1 for a one-deal file). A missing-evidence problem about one item is filed under
 * the item's id, whose rule descriptor carries the item's title, its signals (how to prove it) and
 * its docs as help; other problems under the policy rule id. Unreadable inputs are tool notifications.
 */
import pkg from '../../../package.json';
import { DEFAULT_SEVERITY, RULE_IDS, type RuleId } from '../config.js';
import type { InputError, Source } from '../errors.js';
import { isStdin, problemJson, reportedRule } from './problems.js';
import type { AuditRecord, Formatter, FormatContext, ItemMeta } from './types.js';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** What each policy rule means (docs/cli.md), for the rule descriptors. */
const RULE_TEXT: Record<RuleId, string> = {
  'stage-unearned': 'The deal claims a later step than it has earned: gate (★) items of the steps before the claimed step are not C.',
  'missing-star': 'A gate (★) item of the current step is not C: the gate holding the deal.',
  missing: 'An item at or before the current step is not C.',
  contradiction: "The seller's answer disagrees with the facts.",
  'cross-pack-contradiction': 'Answers for the same fact disagree across packs.',
  'method-disagreement': 'Two methods (packs) read the same fact and disagree: one rates it C, the other W from facts or evidence.',
  'red-flag': 'A red-flag item is W from facts or fresh evidence (against us); a decisive one (s5.4, s5.6, s5.7, s6.1) holds the stage at its step.',
  stale: 'The latest answer or evidence is older than staleDays.',
  unsupported: 'A C answer with no supporting fact or evidence (requireEvidence).',
  'low-probability': 'The probability is below thresholds.minProbability.',
  'duplicate-id': 'Two deals of one audit have the same id.',
};

/** A relative path as a URI reference (`deals/a b.json` → `deals/a%20b.json`); absolute paths as file URIs. */
export function fileUri(file: string): string {
  const slashed = file.replace(/\\/g, '/');
  const encoded = slashed.split('/').map(encodeURIComponent).join('/');
  if (/^[A-Za-z]:\//.test(slashed)) return `file:///${encoded.replace('%3A', ':')}`;
  return slashed.startsWith('/') ? `file://${encoded}` : encoded;
}

const location = (source: Source) =>
  isStdin(source.file)
    ? []
    : [
        {
          physicalLocation: {
            artifactLocation: { uri: fileUri(source.file), ...(source.file.startsWith('/') ? {} : { uriBaseId: '%SRCROOT%' }) },
            region: { startLine: source.line ?? 1 },
          },
          ...(source.at ? { logicalLocations: [{ fullyQualifiedName: source.at, kind: 'element' }] } : {}),
        },
      ];

const level = (severity: 'error' | 'warn') => (severity === 'error' ? 'error' : 'warning');

function itemDescriptor(item: ItemMeta) {
  const signals = item.signals.map((s) => `${s.n}. ${s.en} (${s.zh})`);
  const text = [`${item.title.en} — ${item.title.zh}`, '', 'Signals that prove it:', ...signals, '', item.docs].join('\n');
  const markdown = [
    `**${item.title.en}** — ${item.title.zh}${item.star ? ' ★' : ''}`,
    '',
    'Signals that prove it:',
    '',
    ...item.signals.map((s) => `${s.n}. ${s.en} (${s.zh})`),
    '',
    item.docs,
  ].join('\n');
  return {
    id: item.id,
    name: item.id,
    shortDescription: { text: `${item.title.en}${item.star ? ' ★' : ''}` },
    fullDescription: { text: `${item.title.en} (${item.title.zh}). Pack ${item.pack}, step ${item.step}${item.star ? ', ★ gate item' : ''}.` },
    help: { text, markdown },
    properties: { pack: item.pack, step: item.step, star: item.star, tags: [item.pack, `step-${item.step}`] },
  };
}

function ruleDescriptor(id: RuleId) {
  return {
    id,
    name: id,
    shortDescription: { text: RULE_TEXT[id] },
    help: { text: `${RULE_TEXT[id]} Severity is policy: set it in dealqual.config.json "rules" (docs/cli.md).` },
    defaultConfiguration: { level: DEFAULT_SEVERITY[id] === 'error' ? 'error' : DEFAULT_SEVERITY[id] === 'warn' ? 'warning' : 'none' },
  };
}

/** Where a result object sits in the log: `{ "runs": [ { "results": [ ⟨here⟩` — 8 spaces, its keys 10. */
const RESULT_INDENT = '        ';

/**
 * The per-deal piece: per problem, the result as it is printed in the log (pretty, indented for its
 * place), led by the `,\n` that joins results. `ruleIndex` depends on every deal before it: the
 * piece names its rule as a key (`\u0001s2.2\u0001`), numbered in order of first use when the log is
 * written (`Formatter.spool`). So the pretty-printing runs per deal (on workers with --jobs) and
 * the results wait in a temporary file until the rules that lead the log are known.
 */
function piece(record: AuditRecord): string {
  return record.problems
    .map((p) => {
      const text = JSON.stringify(
        {
          ruleId: reportedRule(p),
          level: level(p.severity),
          message: { text: `${record.result.id}: ${p.message}` },
          locations: location(record.source),
          properties: { deal: record.result.id, ...problemJson(p), rule: p.rule },
        },
        null,
        2,
      );
      // Line breaks inside the text are escaped by JSON: each newline starts a line of the object.
      const open = `${RESULT_INDENT}${text.slice(0, -2).replace(/\n/g, '\n' + RESULT_INDENT)}`;
      return `,\n${open},\n${RESULT_INDENT}  "ruleIndex": \u0001${reportedRule(p)}\u0001\n${RESULT_INDENT}}`;
    })
    .join('');
}

const RESULTS = '\u0000results\u0000';

/** The log as an object, with `results` standing for the results' text (see `sarif.spool`). */
export function sarifLog(ruleIds: readonly string[], context: FormatContext, inputErrors: readonly InputError[]): Record<string, unknown> {
  const items = new Map((context.items ?? []).map((i) => [i.id, i]));
  const rules = ruleIds.map((id) => (items.has(id) ? itemDescriptor(items.get(id)!) : (RULE_IDS as readonly string[]).includes(id) ? ruleDescriptor(id as RuleId) : { id }));
  return {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'dealqual', version: pkg.version, semanticVersion: pkg.version, informationUri: 'https://www.npmjs.com/package/dealqual', rules } },
        invocations: [
          {
            executionSuccessful: inputErrors.length === 0,
            toolExecutionNotifications: inputErrors.map((e) => ({
              level: 'error',
              message: { text: `${e.id ? `deal ${e.id}: ` : ''}${e.path ? `${e.path}: ` : ''}${e.message}` },
              locations: location(e.source),
            })),
          },
        ],
        columnKind: 'unicodeCodePoints',
        results: RESULTS,
      },
    ],
  };
}

/**
 * The SARIF log, pretty-printed (as `JSON.stringify(log, null, 2)`), around the results (the log of
 * 100,000 deals is longer than a string can be): rule descriptors for the rules that have results,
 * in order of first use (deterministic), and each result's `ruleIndex` into them.
 */
export const sarif: Formatter = {
  name: 'sarif',
  streaming: false,
  deal: piece,
  spool: {
    parts: 1,
    keys: true,
    layout(summary, context, sizes, ruleIds) {
      const text = JSON.stringify(sarifLog(ruleIds, context, summary.inputErrors), null, 2);
      const at = text.lastIndexOf(JSON.stringify(RESULTS));
      // The first result's `,\n` (2 bytes) is left out.
      const results = sizes[0]! > 0 ? ['[\n', { part: 0, skip: 2 }, '\n      ]'] : ['[]'];
      return [text.slice(0, at), ...results, text.slice(at + JSON.stringify(RESULTS).length) + '\n'];
    },
  },
};
