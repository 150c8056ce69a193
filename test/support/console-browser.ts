/**
 * What the console's browser suites share: the real gateway (and worker, when a suite needs
 * visits stored), Debian's Chromium, a signed-in page, screenshots at 360 and 1280 px into
 * screenshots/console/ (git-ignored; CI keeps them as artefacts) and axe-core's check of the page
 * as it stands. axe is evaluated over the DevTools protocol, which the console's CSP does not
 * govern, so the page under test keeps its real policy.
 */
import { readFileSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { signUp, TEST_PASSWORD } from './accounts';
import { startBeacon, type BeaconHarness, type HarnessOptions } from './beacon-harness';
import { launchChromium } from './chromium';

export const SCREENSHOTS = join('screenshots', 'console');
const AXE_SOURCE = readFileSync(createRequire(__filename).resolve('axe-core/axe.min.js'), 'utf8');

export interface ConsoleBrowser {
  beacon: BeaconHarness;
  browser: Browser;
  page: Page;
  /** CSP violations the page reported on its console since it opened. */
  cspViolations: string[];
  /** Saves the page at 360 and 1280 px wide as `<name>-<width>.png`. */
  screenshot(name: string): Promise<void>;
  /** Fails with each rule axe-core finds broken on the page as it is now. */
  expectAccessible(): Promise<void>;
  /** Registers an account through the API (admin: promoted in the database) and signs in with it in the page. */
  signIn(options?: { admin?: boolean }): Promise<{ email: string; authorization: string }>;
  close(): Promise<void>;
}

export async function openConsole(options: HarnessOptions = {}): Promise<ConsoleBrowser> {
  if (!existsSync(join('dist', 'console', 'index.html'))) {
    throw new Error('No console build in dist/console: run `npm run build` first');
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  const browser = await launchChromium();
  const beacon = await startBeacon(options);
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) cspViolations.push(message.text());
  });

  const screenshot = async (name: string) => {
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      await page.screenshot({ path: join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
    }
  };

  const expectAccessible = async () => {
    await page.evaluate(AXE_SOURCE);
    const violations = await page.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: { run(): Promise<AxeResults> } }).axe;
      const results = await axe.run();
      return results.violations.map(
        (rule) => `${rule.id}: ${rule.help} (${rule.nodes.map((node) => node.target).join(', ')})`,
      );
    });
    expect(violations, `axe-core on ${page.url()}`).toEqual([]);
  };

  const signIn = async ({ admin = false } = {}) => {
    const email = `console-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`;
    const { authorization } = await signUp(beacon.gatewayUrl, email);
    if (admin) await beacon.sql("UPDATE users SET role = 'admin' WHERE email = ?", [email]);
    await page.goto(`${beacon.gatewayUrl}/`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    return { email, authorization };
  };

  const close = async () => {
    await browser.close();
    await beacon.stop();
  };

  return { beacon, browser, page, cspViolations, screenshot, expectAccessible, signIn, close };
}

interface AxeResults {
  violations: { id: string; help: string; nodes: { target: string[] }[] }[];
}
