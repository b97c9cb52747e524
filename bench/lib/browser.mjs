// Launches the machine's Chromium headless through puppeteer-core, with a profile of our own.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';

/** A fresh, empty profile folder (an empty HTTP cache); remove it with `dropProfile`. */
export function newProfile() {
  return mkdtempSync(join(tmpdir(), 'digit-pad-bench-'));
}

export function dropProfile(dir) {
  rmSync(dir, { recursive: true, force: true });
}

export function launch(userDataDir) {
  return puppeteer.launch({
    executablePath: chromiumPath,
    headless: true,
    userDataDir,
    args: chromiumArgs,
    defaultViewport: { width: 1000, height: 800, deviceScaleFactor: 1 },
  });
}
