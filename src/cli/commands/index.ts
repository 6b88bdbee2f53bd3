/**
 * The command registry: one `export { name } from './file.js'` line per command. `dealqual --help`
 * lists every export of this module (each a `Command`), sorted by name.
 */
