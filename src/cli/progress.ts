/** A progress line on stderr (TTY only): deals audited, rate, input errors; redrawn at most 5 times a second. */
import type { Writer } from './command.js';

export function progressMeter(stderr: Writer, now: () => number = () => Date.now()) {
  const start = now();
  let last = 0;
  let shown = false;
  let pending: Promise<void> = Promise.resolve();
  const bar = (n: number) => {
    // A bar that fills once per 10,000 deals and starts over: motion without a known total.
    const width = 20;
    const filled = Math.floor(((n % 10_000) / 10_000) * width);
    return '█'.repeat(filled) + '░'.repeat(width - filled);
  };
  return {
    update(deals: number, errors: number) {
      const t = now();
      if (t - last < 200 || t - start < 500) return;
      last = t;
      shown = true;
      const rate = Math.round(deals / ((t - start) / 1000));
      pending = stderr.write(`\r\u001b[2K${bar(deals)} ${deals.toLocaleString('en-US')} deals · ${rate.toLocaleString('en-US')}/s${errors ? ` · ${errors} input errors` : ''}`);
    },
    async done() {
      await pending;
      if (shown) await stderr.write('\r\u001b[2K');
    },
  };
}
