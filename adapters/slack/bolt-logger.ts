import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../src/log/logger.js';
import { describeError } from './describe-error.js';

/**
 * Bolt's logger interface (variadic strings) over paperbot's pino-style {@link Logger}, so Bolt,
 * its Web API client and the Socket Mode client log through the same pipeline. Every message is
 * scrubbed of secrets (scrub-secrets.ts) and below `level` nothing is written at all. paperbot
 * runs Bolt at info at most: Bolt's debug output includes request bodies and acks.
 */
const SEVERITY: Record<LogLevel, number> = { [LogLevel.DEBUG]: 10, [LogLevel.INFO]: 20, [LogLevel.WARN]: 30, [LogLevel.ERROR]: 40 };

/** Longest message passed on; Bolt sometimes logs whole payloads. */
const MAX_MESSAGE_CHARS = 2000;

function formatPart(part: unknown, scrub: (text: string) => string): string {
  if (typeof part === 'string') return part;
  if (part instanceof Error) {
    const e = describeError(part, scrub);
    return `${e.name}: ${e.message}${e.code ? ` (${e.code})` : ''}`;
  }
  try {
    return JSON.stringify(part) ?? String(part);
  } catch {
    return String(part);
  }
}

export function boltLogger(logger: Logger, scrub: (text: string) => string, initialLevel: LogLevel = LogLevel.INFO): BoltLogger {
  const atLeastInfo = (wanted: LogLevel): LogLevel => (SEVERITY[wanted] < SEVERITY[LogLevel.INFO] ? LogLevel.INFO : wanted);
  let level = atLeastInfo(initialLevel);
  let name = 'bolt';
  const write = (at: LogLevel, parts: unknown[]) => {
    if (SEVERITY[at] < SEVERITY[level]) return;
    const message = scrub(parts.map((part) => formatPart(part, scrub)).join(' ')).slice(0, MAX_MESSAGE_CHARS);
    logger[at]({ source: 'slack', component: name }, message);
  };
  return {
    debug: (...parts: unknown[]) => write(LogLevel.DEBUG, parts),
    info: (...parts: unknown[]) => write(LogLevel.INFO, parts),
    warn: (...parts: unknown[]) => write(LogLevel.WARN, parts),
    error: (...parts: unknown[]) => write(LogLevel.ERROR, parts),
    // Bolt sets the level it was given; never lower than info, whatever it asks for.
    setLevel: (next: LogLevel) => {
      level = atLeastInfo(next);
    },
    getLevel: () => level,
    setName: (next: string) => {
      name = next;
    },
  };
}
