/**
 * The flat-row convention (one spreadsheet row per deal): reading rows into snapshots and writing
 * result columns. Used by the CLI (CSV, xlsx) and the Google Sheets bundle. See docs/sheets.md.
 */
export { rowToSnapshot, tableToSnapshots, recordToSnapshot, formatFlatIssue, headerTexts, isBlankRow, columnLetter, columnRoles, columnReport, customKey, isResultColumn, fedPaths, MAX_CELL_CHARS } from './row.js';
export { RESERVED_KEYS, reservedSegment } from './keys.js';
export { parseMapping, mappingIssues, resolveMapping, translate, mappingSchema, type MappingInput, type Mapping, type ColumnMapping, type ColumnSpec, type ColumnType, type MappedValue, type MappingIssue } from './mapping.js';
export { PRESETS, PRESET_NAMES, CONTACT_ROLE_WORDS, type Preset, type PresetName } from './presets.js';
export type { FlatIssue, FlatOptions, RowResult, TableOptions, ColumnRole } from './row.js';
export { RESULT_COLUMNS, TOP_MISSING, resultRow, errorCell, missingCell, type FailedRow, type ResultColumn } from './result.js';
export { FACT_COLUMNS, type Column, type ColumnKind } from './columns.js';
export { RATING_SPELLINGS, BOOLEAN_SPELLINGS, readAnswer, readBoolean, readDate, readNumber, readContacts, coerce, serialToIso, dateToIso, isBlank } from './cells.js';
