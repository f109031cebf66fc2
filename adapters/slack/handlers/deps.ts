import type { Paperbot } from '../../../src/app/paperbot.js';
import type { Logger } from '../../../src/log/logger.js';
import type { Replier } from '../reply.js';
import type { ShareStore } from '../share.js';

/** What every handler needs: the core, the replier, and the log. */
export interface HandlerDeps {
  bot: Paperbot;
  replier: Replier;
  logger: Logger;
  /** `/paper` results offered for "Share in channel". */
  shares: ShareStore;
}
