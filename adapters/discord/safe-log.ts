import type { Logger } from '../../src/log/logger.js';

/**
 * Keeps secrets out of logs. The bot token authorises everything the bot can do; an interaction
 * token (in callback and webhook URLs) lets anyone answer as the bot for 15 minutes. Neither is
 * ever written: URLs are logged as routes, and any string that still contains a known secret has
 * it replaced before it reaches the logger.
 */

/** Replaces the token segments of interaction and webhook URLs with `:token`. */
export function redactUrl(url: string): string {
  return url
    .replace(/(\/interactions\/\d+\/)[^/?#]+/g, '$1:token')
    .replace(/(\/webhooks\/\d+\/)[^/?#]+/g, '$1:token');
}

/** What is worth logging of an error (REST errors included), with tokens redacted. */
export function errorMeta(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: redactUrl(String(error)) };
  const meta: Record<string, unknown> = { name: error.name, message: redactUrl(error.message) };
  const extra = error as Error & { code?: unknown; status?: unknown; method?: unknown; url?: unknown };
  if (extra.code !== undefined) meta.code = extra.code;
  if (typeof extra.status === 'number') meta.status = extra.status;
  if (typeof extra.method === 'string') meta.method = extra.method;
  if (typeof extra.url === 'string') meta.url = redactUrl(extra.url);
  if (error.stack) meta.stack = redactUrl(error.stack);
  return meta;
}

/** A logger that replaces every occurrence of the given secrets (in messages and metadata) with `[redacted]`. */
export function redactingLogger(logger: Logger, secrets: ReadonlyArray<string | undefined>): Logger {
  const known = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 8);
  const scrub = (value: unknown, depth: number): unknown => {
    if (typeof value === 'string') return known.reduce((text, secret) => text.split(secret).join('[redacted]'), value);
    if (value instanceof Error) return scrub(errorMeta(value), depth);
    if (depth > 5 || value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1));
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrub(item, depth + 1)]));
  };
  const wrap = (level: keyof Logger) => (meta: Record<string, unknown>, message: string) =>
    logger[level](scrub(meta, 0) as Record<string, unknown>, scrub(message, 0) as string);
  return { debug: wrap('debug'), info: wrap('info'), warn: wrap('warn'), error: wrap('error') };
}
