/**
 * Headless Chromium for the report tests: Debian's `chromium` (/usr/bin/chromium) driven by
 * playwright-core, no network (the page gets every request aborted and counted), a fresh profile.
 * `.ci/run` installs chromium when absent; on a machine without it the tests skip, saying why.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM = process.env.DEALQUAL_CHROMIUM ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
export const SKIP_REASON = `headless browser tests skipped: ${CHROMIUM} not found (apt-get install -y chromium; CI installs it)`;

export interface Opened {
  page: import('playwright-core').Page;
  consoleErrors: string[];
  requests: string[];
  close(): Promise<void>;
}

/** Opens a local file in a fresh headless Chromium; records console errors and network requests. */
export async function openFile(file: string, viewport = { width: 1280, height: 900 }): Promise<Opened> {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'dealqual-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) return route.continue();
    requests.push(url);
    return route.abort();
  });
  await page.goto(`file://${file}`);
  return {
    page,
    consoleErrors,
    requests,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
