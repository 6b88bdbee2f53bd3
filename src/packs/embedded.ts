/**
 * How the builds embed a rule file (tsup.config.ts, `packJson`): as a function returning the JSON,
 * so importing the library compiles no pack data until a pack is first used; the CommonJS build's
 * function reads the file shipped in rules/ (the packs are not inlined a second time). Under
 * TypeScript and vitest a JSON import is the parsed JSON itself: both forms are accepted here.
 */
/**
 * The JSON of an embedded rule file.
 * @example embeddedJson(() => ({ id: 'man' })) // { id: 'man' }
 */
export const embeddedJson = (embedded: unknown): unknown => (typeof embedded === 'function' ? (embedded as () => unknown)() : embedded);
