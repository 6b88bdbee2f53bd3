/**
 * Path segments that must never be written from data: assigning `obj.__proto__ = …` (or walking
 * into `constructor.prototype`) changes what every object in the process inherits. Every adapter
 * that builds an object path from data (flat-row headers, `csv.mapping` targets, Sheets tables)
 * refuses these segments.
 */
export const RESERVED_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

/**
 * The first reserved segment of a dotted path (compared without case), or undefined.
 * @example reservedSegment('custom.__proto__.outcome') // '__proto__'
 * @example reservedSegment('custom.region') // undefined
 */
export function reservedSegment(path: string): string | undefined {
  return path.split('.').find((s) => RESERVED_KEYS.includes(s.trim().toLowerCase()));
}

/** The message for a path with a reserved segment. */
export const reservedMessage = (segment: string): string =>
  `${JSON.stringify(segment.trim())} cannot be part of a field path (__proto__, constructor and prototype are reserved)`;
