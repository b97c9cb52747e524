// Prints the loading results (bench/load.mjs) as terminal tables.
import { print } from './print.mjs';

const ms = (v) => (v == null ? '–' : `${Math.round(v)}`);
const mb = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`;
const kb = (bytes) => (bytes >= 1e6 ? mb(bytes) : `${(bytes / 1e3).toFixed(1)} kB`);

export function printLoad(load) {
  print('Loading: navigation → ready / → first prediction, p50 in ms (runs)', [
    ['page', 'link', 'empty cache', 'warm cache', 'on the wire, empty / warm', 'requests'],
    ...load.map((r) => [
      r.page,
      r.profile,
      `${ms(r.empty.ready.p50)} / ${ms(r.empty.firstPrediction.p50)} (${r.empty.ready.n})`,
      `${ms(r.warm.ready.p50)} / ${ms(r.warm.firstPrediction.p50)} (${r.warm.ready.n})`,
      `${mb(r.empty.bytes)} / ${kb(r.warm.bytes)}`,
      `${r.empty.requests} / ${r.warm.requests}`,
    ]),
  ]);
  const shown =
    load.find((r) => r.page === 'dashboard' && r.profile.startsWith('phone')) ?? load[0];
  if (!shown) return;
  for (const kind of ['empty', 'warm'])
    print(
      `Requests, ${shown.page} on ${shown.profile}, ${kind} cache (median run; ms from navigation)`,
      [
        ['file', 'from', 'status', 'encoding', 'on the wire', 'start → end'],
        ...shown[kind].files.map((f) => [
          f.path,
          f.target,
          f.fromCache ? 'cache' : String(f.status ?? f.error ?? '?'),
          f.encoding ?? '',
          kb(f.bytes ?? 0),
          `${ms(f.start)} → ${ms(f.end)}`,
        ]),
      ],
    );
}
