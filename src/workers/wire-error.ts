import { asCodedError, ErrorCode, PaperbotError } from '../errors.js';
import type { WireError } from './protocol.js';

/** An error as it is posted to the other thread (errors lose their class and code in a structured clone). */
export function toWire(error: unknown): WireError {
  const coded = asCodedError(error);
  const wire: WireError = { code: coded.code, message: coded.message };
  // Only failures nobody raised on purpose need their stack, for the log.
  const stack = coded.code === ErrorCode.Unknown ? ((coded.cause as Error | undefined)?.stack ?? coded.stack) : undefined;
  if (stack) wire.stack = stack;
  return wire;
}

/** The error a {@link WireError} stands for, with its code, so commands report it as they would in-process. */
export function fromWire(wire: WireError): PaperbotError {
  const code = (Object.values(ErrorCode) as string[]).includes(wire.code) ? (wire.code as ErrorCode) : ErrorCode.Unknown;
  const error = new PaperbotError(code, wire.message);
  if (wire.stack) error.stack = `${error.name}: ${wire.message} (in a worker thread)\n${wire.stack}`;
  return error;
}

/** The index could not answer: its worker thread stopped, timed out, or was shut down. */
export function indexUnavailable(message: string): PaperbotError {
  return new PaperbotError(ErrorCode.IndexUnavailable, message);
}
