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

/** The per-deal piece: one JSON line per problem (rule, level, message, location), kept small. */
function piece(record: AuditRecord): string {
  return record.problems
    .map((p) =>
      JSON.stringify({
        ruleId: reportedRule(p),
        level: level(p.severity),
        message: { text: `${record.result.id}: ${p.message}` },
        locations: location(record.source),
        properties: { deal: record.result.id, ...problemJson(p), rule: p.rule },
      }),
    )
    .join('\n');
}

export function sarifLog(pieces: readonly string[], context: FormatContext, inputErrors: readonly InputError[]): Record<string, unknown> {
  const results = pieces.flatMap((p) => (p ? p.split('\n').map((line) => JSON.parse(line) as { ruleId: string; ruleIndex?: number }) : []));
  const items = new Map((context.items ?? []).map((i) => [i.id, i]));
  // Descriptors for the rules that have results, in order of first use (deterministic).
  const order: string[] = [];
  const index = new Map<string, number>();
  for (const r of results) {
    if (!index.has(r.ruleId)) {
      index.set(r.ruleId, order.length);
      order.push(r.ruleId);
    }
    r.ruleIndex = index.get(r.ruleId)!;
  }
  const rules = order.map((id) => (items.has(id) ? itemDescriptor(items.get(id)!) : (RULE_IDS as readonly string[]).includes(id) ? ruleDescriptor(id as RuleId) : { id }));
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
        results,
      },
    ],
  };
}

export const sarif: Formatter = {
  name: 'sarif',
  streaming: false,
  deal: piece,
  end: (summary, context, pieces) => JSON.stringify(sarifLog(pieces, context, summary.inputErrors), null, 2) + '\n',
};
