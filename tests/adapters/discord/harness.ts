import { ClientApplication, ClientUser, type Client } from 'discord.js';
import type { Paperbot } from '../../../src/app/paperbot.js';
import type { Logger } from '../../../src/log/logger.js';
import type { Clock } from '../../../src/time/clock.js';
import { PageStore } from '../../../adapters/discord/buttons.js';
import { attachClient, createDiscordClient } from '../../../adapters/discord/client.js';
import { InteractionHandler } from '../../../adapters/discord/interaction-handler.js';
import { MessageHandler } from '../../../adapters/discord/message-handler.js';
import { PostBudgets } from '../../../adapters/discord/post-budget.js';
import { redactingLogger } from '../../../adapters/discord/safe-log.js';
import { APP_ID, BOT_USER_ID, FakeDiscord, type RecordedRequest } from './fake-discord.js';

/** The bot token the tests' clients hold: it must never show up in a log line. */
export const BOT_TOKEN = 'MTEwMDAwMDAwMDAwMDAwMDAwMg.FAKE.BOT-TOKEN-THAT-MUST-NOT-BE-LOGGED';

/** One log call, as a recording logger saw it. */
export interface LogRecord {
  level: string;
  meta: Record<string, unknown>;
  message: string;
}

export function recordingLogger(): Logger & { records: LogRecord[]; text(): string } {
  const records: LogRecord[] = [];
  const at = (level: string) => (meta: Record<string, unknown>, message: string) => void records.push({ level, meta, message });
  return { records, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), text: () => JSON.stringify(records) };
}

/**
 * A real discord.js Client wired exactly as startDiscord wires it, but not logged in: the test
 * feeds it gateway INTERACTION_CREATE and MESSAGE_CREATE payloads through the same actions the
 * gateway handlers use (`client.actions.InteractionCreate.handle`, `…MessageCreate.handle`), and
 * its REST calls go to a FakeDiscord.
 */
export interface Harness {
  fake: FakeDiscord;
  client: Client;
  handler: InteractionHandler;
  messages: MessageHandler;
  pages: PageStore;
  logs: ReturnType<typeof recordingLogger>;
  /** Delivers an interaction and waits until paperbot has finished answering it. */
  deliver(raw: unknown): Promise<RecordedRequest[]>;
  /** Delivers a MESSAGE_CREATE payload and waits until paperbot has answered it (or ignored it). */
  deliverMessage(raw: unknown): Promise<RecordedRequest[]>;
  /**
   * Puts a server, its channels and threads in the client's cache, as GUILD_CREATE does after
   * READY: message events in a server the client does not know are dropped by discord.js.
   */
  addGuild(raw: unknown): void;
  /** A thread created (THREAD_CREATE), e.g. from one of the bot's messages. */
  addThread(raw: unknown): void;
  close(): Promise<void>;
}

export async function createHarness(bot: Paperbot, options: { clock?: Clock; replyBudgetMs?: number } = {}): Promise<Harness> {
  const fake = await FakeDiscord.start();
  const budgets = new PostBudgets();
  // No waiting on rate limits beyond what the fake asks for, one retry of a 5xx, short timeouts.
  const client = createDiscordClient({ DISCORD_API_URL: fake.apiUrl }, { offset: 0, retries: 1, timeout: 5_000 }, budgets);
  client.rest.setToken(BOT_TOKEN);
  // What READY would have set up: the bot user and its application.
  const ready = client as unknown as { user: ClientUser; application: ClientApplication };
  ready.user = new (ClientUser as unknown as new (client: Client, data: unknown) => ClientUser)(client, {
    id: BOT_USER_ID,
    username: 'paperbot',
    discriminator: '0',
    global_name: null,
    avatar: null,
    bot: true,
  });
  ready.application = new (ClientApplication as unknown as new (client: Client, data: unknown) => ClientApplication)(client, { id: APP_ID, flags: 0 });
  const logs = recordingLogger();
  const pages = new PageStore(options.clock ? { clock: options.clock } : {});
  const logger = redactingLogger(logs, [BOT_TOKEN]);
  const handler = new InteractionHandler({ bot, logger, pages });
  const messages = new MessageHandler({ bot, logger, pages, budgets, ...(options.replyBudgetMs ? { replyBudgetMs: options.replyBudgetMs } : {}) });
  attachClient(client, handler, logger, messages);
  const actions = (client as unknown as { actions: { InteractionCreate: { handle(data: unknown): void }; MessageCreate: { handle(data: unknown): void }; ThreadCreate: { handle(data: unknown): void } } }).actions;
  return {
    fake,
    client,
    handler,
    messages,
    pages,
    logs,
    async deliver(raw) {
      const before = fake.requests.length;
      actions.InteractionCreate.handle(raw);
      await handler.idle();
      return fake.requests.slice(before);
    },
    async deliverMessage(raw) {
      const before = fake.requests.length;
      actions.MessageCreate.handle(raw);
      await messages.idle();
      return fake.requests.slice(before);
    },
    addGuild(raw) {
      (client.guilds as unknown as { _add(data: unknown): unknown })._add(raw);
    },
    addThread(raw) {
      actions.ThreadCreate.handle(raw);
    },
    async close() {
      await Promise.all([handler.idle(), messages.idle()]);
      await client.destroy();
      await fake.close();
    },
  };
}

/** The error a promise rejects with; fails the test when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the promise to reject');
}
