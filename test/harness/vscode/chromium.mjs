// Debian's Chromium, headless, through playwright-core (loaded lazily): the one launch the test
// runs, the normal-window run and the Korean-window run share.
import path from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_BIN } from './paths.mjs';

/** Launches Chromium with its home under outputDir/.chromium-home; `options` adds playwright launch options. */
export async function launchChromium(outputDir, options = {}) {
  const { chromium } = await import('playwright-core');
  // Chromium writes crash-report settings and a dconf cache under ~/.config and ~/.cache.
  const browserHome = path.join(outputDir, '.chromium-home');
  return chromium.launch({
    executablePath: CHROMIUM_BIN,
    args: CHROMIUM_ARGS,
    env: { ...process.env, XDG_CONFIG_HOME: path.join(browserHome, 'config'), XDG_CACHE_HOME: path.join(browserHome, 'cache') },
    headless: true,
    ...options,
  });
}
