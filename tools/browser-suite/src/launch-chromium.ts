import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { INSECURE_PAGE_ADDRESS, INSECURE_PAGE_HOST } from './page-server.js';

/**
 * Debian's Chromium (`apt-get install -y chromium`); playwright-core downloads no browser. `BROWSER_SUITE_CHROMIUM`
 * names another binary (and lets the suite's own check of a missing browser be tried).
 */
export const CHROMIUM_PATH = process.env.BROWSER_SUITE_CHROMIUM ?? '/usr/bin/chromium';

/** Whether Chromium is installed where the suite expects it. */
export function chromiumInstalled(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/** A running browser with a fresh profile, removed on close. */
export interface LaunchedChromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Launches headless Chromium once, with a fresh user-data-dir, no network beyond what the pages ask for (no
 * component updates, sync or background fetches) and the non-secure page's host name mapped to 127.0.0.2.
 */
export async function launchChromium(): Promise<LaunchedChromium> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'bce-browser-suite-'));
  try {
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      timeout: 60_000,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--host-resolver-rules=MAP ${INSECURE_PAGE_HOST} ${INSECURE_PAGE_ADDRESS}`,
      ],
    });
    return {
      context,
      close: async () => {
        await context.close();
        await rm(userDataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(userDataDir, { recursive: true, force: true });
    throw error;
  }
}
