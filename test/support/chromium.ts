/**
 * Debian's Chromium (`apt-get install chromium`, as .ci/run does) driven by playwright-core,
 * which downloads no browser. A suite that needs it fails, not skips, when it cannot start.
 */
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  try {
    return await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true });
  } catch (error) {
    throw new Error(
      `Chromium did not start from ${CHROMIUM_PATH} (install Debian's chromium package, as ` +
        `.ci/run does): ${(error as Error).message}`,
      { cause: error },
    );
  }
}
