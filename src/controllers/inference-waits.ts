import type { PredictionDetail } from '../events/prediction-event.js';
import type { InferenceClient } from './inference-client.js';

/** The element an inference client dispatches its `ready`, `prediction` and `error` events on. */
export interface WaitHost extends HTMLElement {
  readonly updateComplete: Promise<boolean>;
}

/** Loading failed and nothing more will be tried by itself (a worker restart still may). */
function loadFailed({ status, loaded, pending }: InferenceClient): boolean {
  return status === 'error' && !loaded && !pending;
}

/**
 * Resolves once the client's current models are loaded and warmed up; rejects if loading fails.
 * "Current" includes a change made just before the call: the host's update runs first.
 */
export async function whenReady(host: WaitHost, client: InferenceClient): Promise<void> {
  await host.updateComplete;
  if (client.loaded) return;
  if (loadFailed(client)) throw new Error(client.error!.message);
  const done = new AbortController();
  try {
    await new Promise<void>((resolve, reject) => {
      host.addEventListener('ready', () => resolve(), { signal: done.signal });
      host.addEventListener(
        'error',
        (e) => {
          if (loadFailed(client)) reject(new Error(e.message));
        },
        { signal: done.signal },
      );
    });
  } finally {
    done.abort();
  }
}

/**
 * Resolves with the prediction for the ink as it is now, once the worker has caught up; null
 * when the latest snapshot failed. Rejects if the models fail to load.
 */
export async function whenSettled(
  host: WaitHost,
  client: InferenceClient,
): Promise<PredictionDetail | null> {
  await whenReady(host, client);
  while (!client.idle) {
    // Whichever event comes first removes both listeners, so none pile up over a session.
    const done = new AbortController();
    await new Promise((resolve) => {
      host.addEventListener('prediction', resolve, { signal: done.signal });
      host.addEventListener('error', resolve, { signal: done.signal });
    });
    done.abort();
    if (client.status === 'error') return null;
  }
  return client.status === 'error' ? null : client.prediction;
}
