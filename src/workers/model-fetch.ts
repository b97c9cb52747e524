/**
 * Model download: fetched with a size cap enforced mid-stream, then checked against its
 * integrity value when one is given.
 */
import { PadError } from './pad-error.js';
import type { ModelSpec } from './protocol.js';

/** Fetches the model's bytes, and checks them against `spec.integrity` if set. */
export async function fetchModelBytes(
  spec: ModelSpec,
  maxBytes: number,
  signal: AbortSignal,
): Promise<Uint8Array<ArrayBuffer>> {
  const bytes = await fetchModel(spec, maxBytes, signal);
  if (spec.integrity) await checkIntegrity(spec, bytes);
  return bytes;
}

async function fetchModel(
  spec: ModelSpec,
  maxBytes: number,
  signal: AbortSignal,
): Promise<Uint8Array<ArrayBuffer>> {
  // A private controller, so that an oversized download can be cut off mid-stream.
  const controller = new AbortController();
  const abort = () => controller.abort(signal.reason);
  signal.addEventListener('abort', abort, { once: true });
  try {
    let response: Response;
    try {
      response = await fetch(spec.url, { signal: controller.signal, credentials: 'same-origin' });
    } catch (error) {
      signal.throwIfAborted();
      throw new PadError('model-fetch', `Could not fetch ${spec.url}: ${String(error)}`, spec.name);
    }
    if (!response.ok) {
      throw new PadError(
        'model-fetch',
        `Could not fetch ${spec.url}: HTTP ${response.status}`,
        spec.name,
        response.status,
      );
    }
    const tooLarge = () => {
      controller.abort();
      return new PadError(
        'model-too-large',
        `"${spec.name}" is larger than max-model-bytes (${maxBytes} bytes); download aborted`,
        spec.name,
      );
    };
    if (Number(response.headers.get('content-length') ?? 0) > maxBytes) throw tooLarge();
    return await readCapped(response, maxBytes, tooLarge, spec);
  } finally {
    signal.removeEventListener('abort', abort);
  }
}

async function readCapped(
  response: Response,
  maxBytes: number,
  tooLarge: () => PadError,
  spec: ModelSpec,
): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body!.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) throw tooLarge();
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof PadError) throw error;
    throw new PadError('model-fetch', `Download of ${spec.url} failed: ${error}`, spec.name);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

async function checkIntegrity(spec: ModelSpec, bytes: Uint8Array<ArrayBuffer>): Promise<void> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  const hex = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  const sri = `sha256-${btoa(String.fromCharCode(...digest))}`;
  const expected = spec.integrity!.trim();
  if (expected.toLowerCase() !== hex && expected !== sri) {
    throw new PadError(
      'model-integrity',
      `"${spec.name}" does not match its integrity value (got ${sri}, sha256 ${hex})`,
      spec.name,
    );
  }
}
