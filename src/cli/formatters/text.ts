/**
 * The one place the CLI's formatters read texts out of a described result (titles, signals,
 * reasons, finding messages, MAN actions). A formatter that reads them sets `texts: true`, and its
 * records carry the result with its texts (`describe`).
 */
import type { Locale } from '../../locale/messages.js';
import type { DescribedFinding, DescribedMissingItem, DescribedReason, ManResult } from '../../result.js';

import { pick } from '../../locale/messages.js';

/** A finding's message in the result's locale. */
export const findingText = (f: DescribedFinding): string => f.message;

/** An item's reason in the result's locale. */
export const reasonText = (r: DescribedReason): string => r.message;

/** A missing item's title in `locale`. */
export const missingTitle = (m: DescribedMissingItem, locale: Locale): string => pick(locale, m.title);

/** A missing item's signals (ways to prove it) in `locale`. */
export const missingSignals = (m: DescribedMissingItem, locale: Locale): { n: number; text: string }[] => m.signals.map((s) => ({ n: s.n, text: pick(locale, s) }));

/** The MAN class's action in `locale`. */
export const manAction = (man: ManResult, locale: Locale): string => pick(locale, man.action);
