import type { ModelSpec } from '../../workers/protocol.js';

export interface ParsedModels {
  readonly models: readonly ModelSpec[];
  /** One message per token that was ignored. */
  readonly problems: readonly string[];
}

const NAME = /^[A-Za-z][\w.-]*$/;
const ALLOWED_PROTOCOLS = new Set(['http:', 'https:', 'blob:']);

/**
 * Parses the `models` attribute, e.g. `"mlp=models/mlp.onnx cnn=models/cnn.onnx"`. URLs resolve
 * against `base` (the page). Only http(s), blob: and relative URLs are accepted: `data:`,
 * `javascript:` and other schemes are refused before anything is fetched.
 */
export function parseModels(value: string, base: string): ParsedModels {
  const models: ModelSpec[] = [];
  const problems: string[] = [];
  for (const token of value.trim().split(/\s+/).filter(Boolean)) {
    const eq = token.indexOf('=');
    const name = token.slice(0, eq);
    const href = token.slice(eq + 1);
    if (eq <= 0 || !href || !NAME.test(name)) {
      problems.push(`"${token}" is not of the form name=url`);
      continue;
    }
    if (models.some((m) => m.name === name)) {
      problems.push(`model name "${name}" is used twice`);
      continue;
    }
    let url: URL;
    try {
      url = new URL(href, base);
    } catch {
      problems.push(`"${href}" is not a valid URL`);
      continue;
    }
    if (!ALLOWED_PROTOCOLS.has(url.protocol)) {
      problems.push(
        `"${href}" uses the ${url.protocol} scheme; only http(s) and blob: are allowed`,
      );
      continue;
    }
    models.push({ name, url: url.href });
  }
  return { models, problems };
}

/** Parses the `integrity` attribute: `"name=hash name=hash"`. */
export function parseIntegrity(value: string): Map<string, string> {
  const hashes = new Map<string, string>();
  for (const token of value.trim().split(/\s+/).filter(Boolean)) {
    const eq = token.indexOf('=');
    if (eq > 0) hashes.set(token.slice(0, eq), token.slice(eq + 1));
  }
  return hashes;
}
