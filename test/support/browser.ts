/**
 * Headless Chromium for the web UI's tests: Debian's `chromium` (what `.ci/run` installs) driven by
 * playwright-core through its `executablePath`. `$SWF_FLOW_CHROMIUM` names another binary.
 */
import { existsSync } from 'node:fs';
import { type Browser, type Locator, type Page, chromium } from 'playwright-core';

/** The Chromium binary the tests drive. */
export const CHROMIUM = process.env.SWF_FLOW_CHROMIUM ?? '/usr/bin/chromium';

/** Launches headless Chromium; a missing binary is an error that says how to install it. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}: install Debian's chromium (apt-get install chromium, as .ci/run does) or set SWF_FLOW_CHROMIUM to a Chromium binary.`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true });
}

/** A new page that records console errors and CSP violations (a test asserts there are none). */
export async function openPage(browser: Browser): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (err) => problems.push(err.message));
  return { page, problems };
}

/** The browser's `getComputedStyle` (the tests' tsconfig has no DOM types). */
type ComputedStyleOf = (element: unknown) => Record<string, string>;

/** The element's computed CSS property, e.g. `color` as `rgb(24, 121, 78)`. */
export function computedStyle(locator: Locator, property: string): Promise<string> {
  return locator.evaluate(
    (el, name) => (globalThis as unknown as { getComputedStyle: ComputedStyleOf }).getComputedStyle(el)[name] ?? '',
    property,
  );
}
