/**
 * The command registry: one `export { name } from './file.js'` line per command. `dealqual --help`
 * lists every export of this module (each a `Command`), sorted by name.
 */
export { audit } from './audit.js';
export { calibrateCommand as calibrate } from './calibrate.js';
export { diff } from './diff.js';
export { explain } from './explain.js';
export { items } from './items.js';
export { schema } from './schema.js';
