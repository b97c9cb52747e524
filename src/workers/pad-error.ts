import type { ErrorCode, PadErrorInfo } from './protocol.js';

/** An error that knows its public code; it crosses the worker boundary as `PadErrorInfo`. */
export class PadError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly model?: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'PadError';
  }

  toInfo(): PadErrorInfo {
    return {
      code: this.code,
      message: this.message,
      ...(this.model !== undefined && { model: this.model }),
      ...(this.status !== undefined && { status: this.status }),
    };
  }

  static from(error: unknown, fallback: ErrorCode, model?: string): PadError {
    if (error instanceof PadError) return error;
    const message = error instanceof Error ? error.message : String(error);
    return new PadError(fallback, message, model);
  }
}
