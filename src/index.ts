/**
 * dealqual: qualify B2B sales deals against declarative sales-method checklists.
 * The pure evaluation core: no I/O, no platform APIs; the CLI and the spreadsheet bundle adapt it.
 * The opt-in rule packs are in `dealqual/packs`.
 */
export { evaluate, evaluateSync, type DescribedEvaluation, type EvaluateOptions, type Evaluation, type InvalidSnapshot } from './evaluate.js';
export { describe, levelText, type DescribeOptions } from './describe.js';
export { listItems, type ItemListing } from './packs/items.js';
export { builtinPack, isBuiltinPack, BUILTIN_PACK_IDS, ALL_PACK_IDS, type BuiltinPackId, type DefaultPackId } from './packs/builtin.js';
export { parsePack, type PackIssue, type PackParse, type PackSource } from './packs/load.js';
export { packSchema, packJsonSchema, type Pack, type Item, type PackInput } from './packs/schema.js';
export { snapshotSchema, snapshotJsonSchema, ratingSchema, answerSchema, type Snapshot, type SnapshotInput, type Rating, type Answer } from './snapshot/schema.js';
export { parseSnapshot, type SnapshotIssue, type SnapshotParse } from './snapshot/issues.js';
export { vocabularies, canonicalValue } from './snapshot/vocabulary.js';
export { priorModel, sigmoid, levelPrior, levelContribution, type Model, type ItemWeights } from './model/prior.js';
export { parseModel, parseModelText, modelFileSchema, modelJsonSchema, modelWarnings, MAX_WEIGHT, type ModelFile, type ModelIssue, type ModelParse, type ModelWarning } from './model/file.js';
export { calibrate, crossValidate, repeatedCrossValidate, modelFileOf, type HeldOutPrediction, type RepeatedCrossValidation, type Headline, type CalibrateOptions, type ItemCounts, type Calibration, type CrossValidateOptions, type CrossValidationReport, type FoldReport, type ScoreSummary } from './model/calibrate.js';
export { prepareHistory, type PreparedHistory, type HistoryOptions, type HistoryItem, type HistoryDeal, type InvalidDeal } from './model/history.js';
export {
  readHistory,
  HistoryError,
  sourceText,
  invalidInputTexts,
  columnIssueText,
  type HistoryInput,
  type HistoryTable,
  type HistoryRead,
  type ReadHistoryOptions,
  type InputSource,
  type InputIssue,
  type InvalidInput,
  type ColumnIssue,
} from './model/inputs.js';
export { explainProbability, whatIf, contributions, type Explanation, type Contribution } from './model/explain.js';
export { scores, type Scores, type ReliabilityBin } from './model/metrics.js';
export { observableItems } from './model/observable.js';
export { syntheticHistory, type SyntheticOptions, type SyntheticHistory } from './model/synthetic.js';
export { format, LOCALES, type Locale } from './locale/messages.js';
export { resultSchema, resultJsonSchema } from './result-schema.js';
export {
  rowToSnapshot,
  tableToSnapshots,
  recordToSnapshot,
  resultRow,
  columnReport,
  fedPaths,
  parseMapping,
  PRESETS,
  PRESET_NAMES,
  type FlatOptions,
  type TableOptions,
  type RowResult,
  type FlatIssue,
  type FailedRow,
  type MappingInput,
  type MappingIssue,
  type Mapping,
  type ColumnMapping,
  type ColumnSpec,
  type ColumnType,
  type MappedValue,
  type Preset,
  type PresetName,
} from './flat/index.js';
export type * from './result.js';
