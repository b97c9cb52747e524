// Server-side test commands that drive the browser through the Chrome DevTools Protocol, so the
// page receives trusted input: the same PointerEvents, coalescing and capture a user produces.
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

/**
 * payload: { pointerType: 'mouse' | 'pen' | 'touch', steps: [{ type, x, y, button?, id? }] }
 * Coordinates are CSS pixels in the top-level viewport.
 */
async function replay(cdp, { pointerType, steps }) {
  // CDP handles commands in order, so they are pipelined rather than awaited one by one.
  const sent = [];
  for (const step of steps) {
    if (pointerType === 'touch') {
      const touchPoints =
        step.type === 'up' || step.type === 'cancel' ? [] : [{ x: step.x, y: step.y, id: 0 }];
      sent.push(
        cdp.send('Input.dispatchTouchEvent', { type: TOUCH_TYPES[step.type], touchPoints }),
      );
    } else {
      const button = step.button ?? 'left';
      const pressed = step.type === 'down' || (step.type === 'move' && step.pressed);
      sent.push(
        cdp.send('Input.dispatchMouseEvent', {
          type: MOUSE_TYPES[step.type],
          x: step.x,
          y: step.y,
          button: step.type === 'move' && !pressed ? 'none' : button,
          buttons: pressed ? (button === 'right' ? 2 : button === 'middle' ? 4 : 1) : 0,
          clickCount: step.type === 'move' ? 0 : 1,
          pointerType,
          force: pointerType === 'pen' && pressed ? 0.5 : 0,
        }),
      );
    }
  }
  await Promise.all(sent);
}

export function inputCommandsPlugin() {
  return {
    name: 'digit-pad-input-commands',
    async executeCommand({ command, payload, session }) {
      if (!['pointer-replay', 'set-device-scale', 'media-features'].includes(command))
        return undefined;
      const page = session.browser.getPage(session.id);
      if (command === 'media-features') {
        // payload: [{ name: 'prefers-reduced-motion', value: 'reduce' }, …]; [] resets.
        await (
          await cdpFor(page)
        ).send('Emulation.setEmulatedMedia', { features: payload.features });
        return true;
      }
      if (command === 'set-device-scale') {
        // Straight CDP: puppeteer's setViewport would also switch touch emulation off, and the
        // runner reuses this page for later test files.
        const cdp = await cdpFor(page);
        if (payload.scale === 1) await cdp.send('Emulation.clearDeviceMetricsOverride');
        else {
          await cdp.send('Emulation.setDeviceMetricsOverride', {
            width: 0,
            height: 0,
            deviceScaleFactor: payload.scale,
            mobile: false,
          });
        }
        return true;
      }
      await replay(await cdpFor(page), payload);
      return true;
    },
  };
}
