/** The synchronous evaluator for the spreadsheet bundle: the library's, free of json-rules-engine. */
export { evaluateSync } from '../evaluate-sync.js';
