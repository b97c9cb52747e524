// The machine's Chromium and the flags every headless run here uses: no GPU, and no background
// traffic, since the only network is loopback. Shared by the tests, the benchmarks and scripts.
export const chromiumPath = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-quic',
  '--no-first-run',
  '--disable-sync',
];
