// Launches the machine's Chromium headless through puppeteer-core, with a profile of our own.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';

export const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';

// No GPU, and no background traffic: this machine has no network beyond loopback.
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-quic',
  '--no-first-run',
  '--disable-sync',
];

/** A fresh, empty profile folder (an empty HTTP cache); remove it with `dropProfile`. */
export function newProfile() {
  return mkdtempSync(join(tmpdir(), 'digit-pad-bench-'));
}

export function dropProfile(dir) {
  rmSync(dir, { recursive: true, force: true });
}

export function launch(userDataDir) {
  return puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    userDataDir,
    args: ARGS,
    defaultViewport: { width: 1000, height: 800, deviceScaleFactor: 1 },
  });
}
