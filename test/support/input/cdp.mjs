// Chromium: trusted input and emulation through the Chrome DevTools Protocol, which also gives
// pen pressure, touch cancellation, media emulation and device-scale changes at run time.
const sessions = new WeakMap();

async function cdpFor(page) {
  let cdp = sessions.get(page);
  if (!cdp) {
    cdp = await page.createCDPSession();
    sessions.set(page, cdp);
  }
  return cdp;
}

const MOUSE_TYPES = { down: 'mousePressed', move: 'mouseMoved', up: 'mouseReleased' };
const TOUCH_TYPES = {
  down: 'touchStart',
  move: 'touchMove',
  up: 'touchEnd',
  cancel: 'touchCancel',
};

function message(pointerType, step) {
  if (pointerType === 'touch') {
    const touchPoints =
      step.type === 'up' || step.type === 'cancel' ? [] : [{ x: step.x, y: step.y, id: 0 }];
    return ['Input.dispatchTouchEvent', { type: TOUCH_TYPES[step.type], touchPoints }];
  }
  const button = step.button ?? 'left';
  const pressed = step.type === 'down' || (step.type === 'move' && step.pressed);
  return [
    'Input.dispatchMouseEvent',
    {
      type: MOUSE_TYPES[step.type],
      x: step.x,
      y: step.y,
      button: step.type === 'move' && !pressed ? 'none' : button,
      buttons: pressed ? (button === 'right' ? 2 : button === 'middle' ? 4 : 1) : 0,
      clickCount: step.type === 'move' ? 0 : 1,
      pointerType,
      force: pointerType === 'pen' && pressed ? 0.5 : 0,
    },
  ];
}

export function cdpDriver(page) {
  return {
    capabilities: {
      pointerTypes: ['mouse', 'pen', 'touch'],
      otherButtons: true,
      wholePixels: false,
      pointerCancel: true,
      deviceScale: true,
      wheel: true,
      media: ['prefers-reduced-motion', 'forced-colors'],
    },
    async replay({ pointerType, steps }) {
      const cdp = await cdpFor(page);
      // CDP handles commands in order, so they are pipelined rather than awaited one by one.
      await Promise.all(steps.map((step) => cdp.send(...message(pointerType, step))));
    },
    async wheel({ x, y, deltaX, deltaY }) {
      const cdp = await cdpFor(page);
      await cdp.send('Input.dispatchMouseEvent', { type: 'mouseWheel', x, y, deltaX, deltaY });
    },
    async multiTouch({ fingers }) {
      const cdp = await cdpFor(page);
      const state = fingers.map(() => ({ x: 0, y: 0, down: false }));
      const ticks = Math.max(...fingers.map((steps) => steps.length));
      const events = [];
      for (let t = 0; t < ticks; t++) {
        let change = null;
        fingers.forEach((steps, id) => {
          const step = steps[t];
          if (!step) return;
          Object.assign(state[id], { x: step.x ?? state[id].x, y: step.y ?? state[id].y });
          if (step.type === 'down') [state[id].down, change] = [true, 'touchStart'];
          else if (step.type === 'up') [state[id].down, change] = [false, 'touchEnd'];
          else if (state[id].down) change ??= 'touchMove';
        });
        if (!change) continue;
        // Every event lists the fingers still down; a finger missing from touchEnd was lifted.
        const touchPoints = state.flatMap((f, id) => (f.down ? [{ x: f.x, y: f.y, id }] : []));
        events.push({ type: change, touchPoints });
      }
      // Pipelined like replay: awaited one by one, a busy machine could hold the second finger
      // back longer than a two-finger gesture allows.
      await Promise.all(events.map((event) => cdp.send('Input.dispatchTouchEvent', event)));
    },
    async chord(keys) {
      for (const key of keys) await page.keyboard.down(key);
      for (const key of keys.toReversed()) await page.keyboard.up(key);
    },
    async setDeviceScale(scale) {
      // Straight CDP: puppeteer's setViewport would also switch touch emulation off, and the
      // runner reuses this page for later test files.
      const cdp = await cdpFor(page);
      if (scale === 1) await cdp.send('Emulation.clearDeviceMetricsOverride');
      else {
        await cdp.send('Emulation.setDeviceMetricsOverride', {
          width: 0,
          height: 0,
          deviceScaleFactor: scale,
          mobile: false,
        });
      }
    },
    async emulateMedia(features) {
      await (await cdpFor(page)).send('Emulation.setEmulatedMedia', { features });
    },
  };
}
