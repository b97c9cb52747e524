// The three engines the browser suite runs in, each through the machine's own browser: Debian's
// Chromium and Firefox ESR through puppeteer-core (CDP and WebDriver BiDi), and WebKitGTK's
// MiniBrowser through WebKitWebDriver under a virtual X display. No runner downloads a browser.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import puppeteer from 'puppeteer-core';
import { chromeLauncher } from '@web/test-runner-chrome';
import { WebdriverLauncher } from '@web/test-runner-webdriver';
import { chromiumArgs, chromiumPath } from './dev-server.mjs';

export const ENGINES = ['chromium', 'firefox', 'webkit'];

export const firefoxPath = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const miniBrowserPath =
  process.env.MINIBROWSER_PATH ??
  readdirSync('/usr/lib')
    .map((dir) => `/usr/lib/${dir}/webkit2gtk-4.1/MiniBrowser`)
    .find((path) => existsSync(path));

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForDriver(port, driver) {
  for (let i = 0; i < 200; i++) {
    if (driver.exitCode !== null) throw new Error(`WebKitWebDriver exited (${driver.exitCode})`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/status`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('WebKitWebDriver did not start');
}

function killGroup(pid) {
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

/** WebdriverLauncher that starts its own WebKitWebDriver (under xvfb-run) and stops it after. */
class WebKitLauncher extends WebdriverLauncher {
  constructor(options, env = {}) {
    super(options);
    this.env = env;
  }

  async initialize(config, testFiles) {
    if (!miniBrowserPath || !existsSync(miniBrowserPath))
      throw new Error('MiniBrowser not found: apt-get install webkit2gtk-driver');
    const port = await freePort();
    // Its own process group, so that stopping it also ends Xvfb and the browser.
    this.driverProcess = spawn('xvfb-run', ['-a', 'WebKitWebDriver', `--port=${port}`], {
      detached: true,
      stdio: 'ignore',
      env: { ...process.env, ...this.env },
    });
    // Also when the runner itself is ended (Ctrl+C, a timeout), which skips stop().
    const group = this.driverProcess.pid;
    process.once('exit', () => killGroup(group));
    process.once('SIGTERM', () => process.exit(143));
    await waitForDriver(port, this.driverProcess);
    Object.assign(this.options, { hostname: '127.0.0.1', port, path: '/' });
    await super.initialize(config, testFiles);
    this.name = 'WebKit';
  }

  async stop() {
    await super.stop();
    if (this.driverProcess?.exitCode === null) killGroup(this.driverProcess.pid);
    if (this.env.XDG_CONFIG_HOME)
      rmSync(this.env.XDG_CONFIG_HOME, { recursive: true, force: true });
  }
}

/**
 * A GTK settings folder that turns animations off, which WebKitGTK reports to pages as
 * prefers-reduced-motion: reduce (it has no forced-colours mode).
 */
function gtkReducedMotion() {
  const home = mkdtempSync(join(tmpdir(), 'digit-pad-gtk-'));
  mkdirSync(join(home, 'gtk-3.0'));
  writeFileSync(join(home, 'gtk-3.0', 'settings.ini'), '[Settings]\ngtk-enable-animations=0\n');
  return home;
}

function pageAtDeviceScale(deviceScaleFactor) {
  return async ({ context }) => {
    const page = await context.newPage();
    const setViewport = page.setViewport.bind(page);
    page.setViewport = (viewport) => setViewport({ ...viewport, deviceScaleFactor });
    return page;
  };
}

/**
 * The browser of `engine`. With `userSettings`, it is set up like a user's screen and settings
 * rather than a test machine's: two device pixels per CSS pixel from the start (as on an iPad
 * or any high-density screen), reduced motion, and forced colours where the engine has them.
 * Chromium takes a flag and a device scale (no forced colours), Firefox its own preferences, and WebKitGTK the GDK
 * scale and the GTK setting it follows (no forced colours). Only Chromium's protocol emulates
 * these media features at run time (test/media.test.ts).
 */
export function launcherFor(engine, { userSettings = false } = {}) {
  if (engine === 'chromium') {
    const args = userSettings ? [...chromiumArgs, '--force-prefers-reduced-motion'] : chromiumArgs;
    return chromeLauncher({
      launchOptions: { executablePath: chromiumPath, headless: true, args },
      // The runner sets each page's viewport (scale 1) before it loads a test file, overriding
      // any scale given by flag; this keeps the scale in that same call, before the page loads.
      createPage: userSettings ? pageAtDeviceScale(2) : undefined,
    });
  }
  if (engine === 'firefox') {
    return chromeLauncher({
      puppeteer,
      launchOptions: {
        browser: 'firefox',
        executablePath: firefoxPath,
        headless: true,
        extraPrefsFirefox: userSettings
          ? {
              'ui.prefersReducedMotion': 1,
              'browser.display.document_color_use': 2,
              'layout.css.devPixelsPerPx': '2.0',
            }
          : {},
      },
    });
  }
  if (engine === 'webkit') {
    return new WebKitLauncher(
      {
        logLevel: 'error',
        capabilities: {
          browserName: 'MiniBrowser',
          'webkitgtk:browserOptions': { binary: miniBrowserPath, args: ['--automation'] },
          // WebKitWebDriver speaks classic WebDriver only.
          'wdio:enforceWebDriverClassic': true,
        },
      },
      userSettings ? { XDG_CONFIG_HOME: gtkReducedMotion(), GDK_SCALE: '2' } : {},
    );
  }
  throw new Error(`unknown engine ${engine}; one of ${ENGINES.join(', ')}`);
}
