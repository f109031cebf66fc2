import { pino } from 'pino';

/**
 * The logging interface the core and adapters use: pino's call shape (`log.info({ ctx }, 'msg')`),
 * so a pino logger fits as is and tests can pass a recording fake.
 */
export interface Logger {
  debug(meta: Record<string, unknown>, message: string): void;
  info(meta: Record<string, unknown>, message: string): void;
  warn(meta: Record<string, unknown>, message: string): void;
  error(meta: Record<string, unknown>, message: string): void;
}

/**
 * Keys whose values are never written, wherever they appear in a log record: tokens, secrets and
 * authorization headers (pino's redaction, applied before serialisation).
 */
export const REDACTED_PATHS = [
  'token',
  '*.token',
  'botToken',
  'appToken',
  'signingSecret',
  '*.botToken',
  '*.appToken',
  '*.signingSecret',
  'headers.authorization',
  '*.headers.authorization',
  'config.headers.Authorization',
  '*.config.headers.Authorization',
];

/** A pino logger writing JSON lines to stderr at `level` (default info), secrets redacted. */
export function createLogger(level: 'debug' | 'info' | 'warn' | 'error' = 'info'): Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, pino.destination(2));
}

/** A logger that drops everything (tests, one-shot CLI calls). */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
