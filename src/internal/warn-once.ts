const warned = new WeakMap<object, Set<string>>();

/** Warns about a bad configuration value once per element and key, so a page is not flooded. */
export function warnOnce(element: object, key: string, message: string): void {
  const keys = warned.get(element) ?? new Set<string>();
  warned.set(element, keys);
  if (keys.has(key)) return;
  keys.add(key);
  console.warn(message);
}

/** Reads a numeric attribute, falling back to the default (with one warning) when invalid. */
export function validNumber(
  element: object,
  name: string,
  value: number | undefined,
  fallback: number,
  [min, max]: readonly [number, number],
): number {
  if (value === undefined || value === null) return fallback;
  if (Number.isFinite(value) && value >= min && value <= max) return value;
  warnOnce(
    element,
    name,
    `${name}="${value}" is invalid (expected ${min}–${max}); using ${fallback}.`,
  );
  return fallback;
}
