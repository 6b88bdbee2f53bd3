/**
 * dealqual: qualify B2B sales deals against declarative sales-method checklists.
 * The pure evaluation core: no I/O, no platform APIs; the CLI and the spreadsheet bundle adapt it.
 */
export { evaluate, evaluateSync, type EvaluateOptions, type Evaluation, type InvalidSnapshot } from './evaluate.js';
export { listItems, type ItemListing } from './packs/items.js';
export { builtinPack, isBuiltinPack, BUILTIN_PACK_IDS, ALL_PACK_IDS, type BuiltinPackId } from './packs/builtin.js';
export { parsePack, type PackIssue, type PackParse, type PackSource } from './packs/load.js';
export { packSchema, packJsonSchema, type Pack, type Item, type PackInput } from './packs/schema.js';
export { snapshotSchema, snapshotJsonSchema, type Snapshot, type SnapshotInput, type Rating, type Answer } from './snapshot/schema.js';
export { parseSnapshot, type SnapshotIssue, type SnapshotParse } from './snapshot/issues.js';
export { vocabularies, canonicalValue } from './snapshot/vocabulary.js';
export { priorModel, sigmoid, type Model, type ItemWeights } from './model/prior.js';
export { parseModel, parseModelText, modelFileSchema, modelJsonSchema, type ModelFile, type ModelIssue, type ModelParse } from './model/file.js';
export { calibrate, crossValidate, modelFileOf, type CalibrateOptions, type Calibration, type CrossValidateOptions, type CrossValidationReport, type FoldReport, type ScoreSummary } from './model/calibrate.js';
export { prepareHistory, type PreparedHistory, type HistoryOptions } from './model/history.js';
export { explainProbability, whatIf, contributions, type Explanation, type Contribution } from './model/explain.js';
export { scores, type Scores, type ReliabilityBin } from './model/metrics.js';
export { syntheticHistory, type SyntheticOptions, type SyntheticHistory } from './model/synthetic.js';
export { format, LOCALES, type Locale } from './locale/messages.js';
export type * from './result.js';
