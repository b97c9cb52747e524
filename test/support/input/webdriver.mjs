// Firefox and WebKit: trusted input through WebDriver actions, the standard twin of the CDP
// commands. The same action lists go to Firefox over WebDriver BiDi (`input.performActions`)
// and to WebKit over classic WebDriver (`POST /session/:id/actions`).
const BUTTONS = { left: 0, middle: 1, right: 2 };

/** The steps of one pointer as a WebDriver pointer input source. */
export function pointerActions({ pointerType, steps }) {
  const actions = [];
  for (const step of steps) {
    // Whole CSS pixels, as WebKit delivers them anyway (see wholePixels).
    const move = {
      type: 'pointerMove',
      x: Math.round(step.x),
      y: Math.round(step.y),
      origin: 'viewport',
      duration: 0,
    };
    const button = BUTTONS[step.button ?? 'left'];
    if (step.type === 'down') actions.push(move, { type: 'pointerDown', button });
    else if (step.type === 'move') actions.push(move);
    else if (step.type === 'up') actions.push(move, { type: 'pointerUp', button });
    else throw new Error(`WebDriver actions have no ${step.type} step here`);
  }
  // One input source per pointer type: WebDriver keeps a source's type for the whole session.
  return [
    { type: 'pointer', id: `digit-pad-${pointerType}`, parameters: { pointerType }, actions },
  ];
}

/** One scroll of a WebDriver wheel input source over a viewport point, in CSS pixels. */
export function wheelActions({ x, y, deltaX, deltaY }) {
  const scroll = { type: 'scroll', x: Math.round(x), y: Math.round(y), deltaX, deltaY };
  return [{ type: 'wheel', id: 'digit-pad-wheel', actions: [{ ...scroll, origin: 'viewport' }] }];
}

/** Fingers as WebDriver touch pointer sources, one action of each per tick. */
export function multiTouchActions({ fingers }) {
  return fingers.map((steps, id) => ({
    type: 'pointer',
    id: `digit-pad-finger-${id}`,
    parameters: { pointerType: 'touch' },
    actions: steps.map((step) => {
      if (!step) return { type: 'pause', duration: 0 };
      if (step.type === 'up') return { type: 'pointerUp', button: 0 };
      const move = { type: 'pointerMove', x: Math.round(step.x), y: Math.round(step.y) };
      return step.type === 'down'
        ? { type: 'pointerDown', button: 0 }
        : { ...move, origin: 'viewport', duration: 0 };
    }),
  }));
}

// WebDriver's codes for the keys a chord can hold down (the spec's table of normalised keys).
const KEY_CODES = { Control: '\uE009', Shift: '\uE008', Alt: '\uE00A', Meta: '\uE03D' };

/** Presses `keys` in order, then releases them in reverse, e.g. ['Control', 'z']. */
export function keyActions(keys) {
  const codes = keys.map((key) => KEY_CODES[key] ?? key);
  return [
    {
      type: 'key',
      id: 'digit-pad-keyboard',
      actions: [
        ...codes.map((value) => ({ type: 'keyDown', value })),
        ...codes.toReversed().map((value) => ({ type: 'keyUp', value })),
      ],
    },
  ];
}

/** Firefox through puppeteer's WebDriver BiDi session. */
export function bidiDriver(page) {
  const context = page.mainFrame().browsingContext;
  return {
    // Firefox's actions have no pen ("Unimplemented pointerMove for pointerType pen").
    capabilities: {
      pointerTypes: ['mouse', 'touch'],
      otherButtons: true,
      wholePixels: true,
      pointerCancel: false,
      deviceScale: true,
      wheel: true,
      media: [],
    },
    replay: (payload) => context.performActions(pointerActions(payload)),
    wheel: (payload) => context.performActions(wheelActions(payload)),
    multiTouch: (payload) => context.performActions(multiTouchActions(payload)),
    chord: (keys) => context.performActions(keyActions(keys)),
    // BiDi's viewport emulation sets the ratio; a ratio of 1 is this headless Firefox's own.
    setDeviceScale: (scale) =>
      context.setViewport({ devicePixelRatio: scale === 1 ? null : scale }),
    emulateMedia: unsupported('media emulation'),
  };
}

/** WebKit through webdriverio's classic WebDriver session. */
export function classicDriver(driver) {
  return {
    capabilities: {
      // WebKitGTK's driver turns touch actions into mouse events, and releases a right or middle
      // button as a left one, which leaves that button held for the rest of the run.
      pointerTypes: ['mouse', 'pen'],
      otherButtons: false,
      wholePixels: true,
      pointerCancel: false,
      deviceScale: false,
      wheel: true,
      media: [],
    },
    replay: (payload) => driver.performActions(pointerActions(payload)),
    wheel: (payload) => driver.performActions(wheelActions(payload)),
    multiTouch: unsupported('multi-touch'),
    chord: (keys) => driver.performActions(keyActions(keys)),
    setDeviceScale: unsupported('device-scale emulation'),
    emulateMedia: unsupported('media emulation'),
  };
}

function unsupported(what) {
  return async () => {
    throw new Error(`${what} is not available in this engine (see test/README.md)`);
  };
}
