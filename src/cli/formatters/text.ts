/**
 * The one place the CLI's formatters read texts out of a result (titles, signals, reasons, finding
 * messages, MAN actions). Results may move to a compact shape whose texts are resolved by a
 * `describe()` helper: only this file then changes.
 */
import type { Locale } from '../../locale/messages.js';
import type { Finding, ManResult, MissingItem, Reason } from '../../result.js';

import { pick } from '../../locale/messages.js';

/** A finding's message in the result's locale. */
export const findingText = (f: Finding): string => f.message;

/** An item's reason in the result's locale. */
export const reasonText = (r: Reason): string => r.message;

/** A missing item's title in `locale`. */
export const missingTitle = (m: MissingItem, locale: Locale): string => pick(locale, m.title);

/** A missing item's signals (ways to prove it) in `locale`. */
export const missingSignals = (m: MissingItem, locale: Locale): { n: number; text: string }[] => m.signals.map((s) => ({ n: s.n, text: pick(locale, s) }));

/** The MAN class's action in `locale`. */
export const manAction = (man: ManResult, locale: Locale): string => pick(locale, man.action);
