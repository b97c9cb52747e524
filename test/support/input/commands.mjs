// Server-side test commands that give the page trusted input, the same PointerEvents, coalescing
// and capture a user produces, and the emulation a test needs, through whatever protocol the
// session's engine speaks (see cdp.mjs and webdriver.mjs).
import { cdpDriver } from './cdp.mjs';
import { bidiDriver, classicDriver } from './webdriver.mjs';

const drivers = new WeakMap();

function driverFor({ browser, id }) {
  if (browser.type === 'webdriver') return classicDriver(browser.driver);
  const page = browser.getPage(id);
  let driver = drivers.get(page);
  if (!driver) {
    driver = browser.name === 'Firefox' ? bidiDriver(page) : cdpDriver(page);
    drivers.set(page, driver);
  }
  return driver;
}

const COMMANDS = {
  /** What this engine's driver can do (InputCapabilities in test/support/draw.ts). */
  'input-capabilities': (driver) => driver.capabilities,
  /**
   * payload: { pointerType: 'mouse' | 'pen' | 'touch', steps: [{ type, x, y, button?, pressed? }] }
   * Coordinates are CSS pixels in the top-level viewport.
   */
  'pointer-replay': (driver, payload) => driver.replay(payload),
  /** payload: { x, y, deltaX, deltaY }: one turn of a wheel or swipe over a viewport point. */
  wheel: (driver, payload) => driver.wheel(payload),
  /**
   * payload: { fingers: [[{ type: 'down' | 'move' | 'up', x?, y? }, …], …] }: one list of steps
   * per finger, all as long, one step of each finger per tick (null: that finger waits).
   */
  'multi-touch': (driver, payload) => driver.multiTouch(payload),
  /** payload: { keys: ['Control', 'z'] }: pressed in order, released in reverse. */
  'key-chord': (driver, { keys }) => driver.chord(keys),
  /** payload: { scale }; 1 restores the engine's own ratio. */
  'set-device-scale': (driver, { scale }) => driver.setDeviceScale(scale),
  /** payload: { features: [{ name: 'prefers-reduced-motion', value: 'reduce' }, …] }; [] resets. */
  'media-features': (driver, { features }) => driver.emulateMedia(features),
};

export function inputCommandsPlugin() {
  return {
    name: 'digit-pad-input-commands',
    async executeCommand({ command, payload, session }) {
      const run = COMMANDS[command];
      if (!run) return undefined;
      return (await run(driverFor(session), payload)) ?? true;
    },
  };
}
