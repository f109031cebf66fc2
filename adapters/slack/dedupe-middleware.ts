import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from '../../src/log/logger.js';
import type { EventDeduper } from './dedupe.js';

/**
 * Global middleware: an Events API delivery whose `event_id` was already seen stops here, after
 * Bolt has acknowledged it (so Slack stops retrying) and before any listener answers it again.
 * Slash commands and button clicks have no event id and are never redelivered.
 */
export function dedupeEvents(deduper: EventDeduper, logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context, next }) => {
    const envelope = body as { type?: unknown; event_id?: unknown };
    if (envelope.type === 'event_callback' && typeof envelope.event_id === 'string' && !deduper.firstSeen(envelope.event_id)) {
      logger.info({ source: 'slack', eventId: envelope.event_id, retryNum: context.retryNum, retryReason: context.retryReason }, 'duplicate event ignored');
      return;
    }
    await next();
  };
}
