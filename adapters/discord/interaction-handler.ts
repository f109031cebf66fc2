import type { Conversation } from '../../src/commands/command.js';
import {
  MessageFlags,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type MessageMentionOptions,
  type RepliableInteraction,
} from 'discord.js';
import type { Paperbot } from '../../src/app/paperbot.js';
import { findCommand } from '../../src/commands/registry.js';
import type { CommandResult, PageRequest } from '../../src/commands/results.js';
import type { Logger } from '../../src/log/logger.js';
import { paperChoices } from './autocomplete.js';
import { PageStore, parseButtonId, parseVoteButtonId, similarRequest } from './buttons.js';
import { renderNotice, type RenderedResult } from './render-embeds.js';
import { FAILED_NOTICE, renderForConversation, replyBody } from './reply-body.js';
import { errorMeta } from './safe-log.js';
import { sessionKey } from './session-keys.js';
import { PRIVATE_OPTION_NAME, SLASH_COMMAND_NAME } from './slash-command-data.js';
import { InFlight } from './in-flight.js';

/**
 * Never let a reply ping anyone: paper titles, abstracts and questions are user data, and a
 * `@everyone` or `<@id>` in them must stay text. Sent with every reply, edit and follow-up.
 */
export const NO_MENTIONS: MessageMentionOptions = Object.freeze({ parse: [] });

/**
 * The defer policy. Discord drops an interaction not acknowledged within 3 seconds, and the core
 * runs synchronously (it blocks while it ranks), so the acknowledgement has to go out BEFORE the
 * work starts, not race it. Subcommands that rank the corpus (ask, search, similar, link, more, papers)
 * and both buttons therefore defer first (type 5) and then edit the original message; these two
 * answer at once (type 4), because they only read one record or the command list.
 */
const ANSWERED_AT_ONCE: ReadonlySet<string> = new Set(['show', 'help', 'digest']);

/** What users see when the adapter itself refuses or fails. */
export const NOTICES = {
  notYours: 'Only the person who asked can use this button.',
  expired: 'This button has expired; run the command again.',
  unknownCommand: 'This command is not known to this version of paperbot; the command list may be out of date.',
  failed: FAILED_NOTICE,
} as const;

export interface InteractionHandlerOptions {
  bot: Paperbot;
  logger: Logger;
  /** Page requests behind "More results" buttons. Default: a new in-memory store. */
  pages?: PageStore;
}

export { sessionKey } from './session-keys.js';

/**
 * Translates Discord interactions into core calls and core results into Discord replies: slash
 * commands, autocomplete and the result buttons. Every handled interaction is answered, or the
 * failure is logged; nothing thrown escapes to the client.
 */
export class InteractionHandler {
  private readonly bot: Paperbot;
  private readonly logger: Logger;
  private readonly pages: PageStore;
  private readonly inFlight = new InFlight();

  constructor(options: InteractionHandlerOptions) {
    this.bot = options.bot;
    this.logger = options.logger;
    this.pages = options.pages ?? new PageStore();
  }

  /** Handles one interaction. Never rejects. */
  handle(interaction: Interaction): Promise<void> {
    return this.inFlight.track(this.dispatch(interaction).catch((error: unknown) => this.fail(interaction, error)));
  }

  /** Resolves once every interaction being handled is done (for tests and a clean shutdown). */
  idle(): Promise<void> {
    return this.inFlight.idle();
  }

  private async dispatch(interaction: Interaction): Promise<void> {
    if (interaction.isAutocomplete()) return this.autocomplete(interaction);
    if (interaction.isChatInputCommand()) return this.command(interaction);
    if (interaction.isButton()) return this.button(interaction);
    // Other kinds (menus, modals, context menus) are never offered by paperbot.
  }

  private async command(interaction: ChatInputCommandInteraction): Promise<void> {
    const name = interaction.commandName === SLASH_COMMAND_NAME ? (interaction.options.getSubcommand(false) ?? 'help') : undefined;
    const command = name ? findCommand(name) : undefined;
    if (!command) {
      this.logger.warn({ ...describe(interaction) }, 'discord: unknown command; run npm run discord:register');
      return this.reply(interaction, renderNotice(NOTICES.unknownCommand));
    }
    // Discord has already checked types, ranges and lengths; the core validates again and says
    // what is wrong in its own words (returned as an error result, rendered ephemeral).
    const input: Record<string, unknown> = {};
    for (const option of command.options) {
      const value = interaction.options.get(option.name)?.value;
      if (value !== undefined && value !== null) input[option.name] = value;
    }
    const key = sessionKey(interaction);
    // `private:true` (a Discord-only option): the reply is for the caller only.
    const hidden = interaction.options.getBoolean(PRIVATE_OPTION_NAME) === true;
    if (ANSWERED_AT_ONCE.has(command.name)) {
      return this.reply(interaction, await this.render(await this.bot.run(command.name, input, key, conversationOf(interaction)), key, command.name), hidden);
    }
    await interaction.deferReply(hidden ? { flags: MessageFlags.Ephemeral } : {});
    const result = await this.timed(interaction, () => this.bot.run(command.name, input, key, conversationOf(interaction)));
    return this.deliverDeferred(interaction, await this.render(result, key, command.name), hidden);
  }

  private async button(interaction: ButtonInteraction): Promise<void> {
    const vote = parseVoteButtonId(interaction.customId);
    if (vote) {
      // A digest's 👍/👎: the vote is the clicker's, in this channel; confirmed to them only.
      const result = await this.bot.vote({ platform: 'discord', channel: interaction.channelId, user: interaction.user.id, paperId: vote.paperId, vote: vote.vote });
      return this.reply(interaction, await this.render(result, sessionKey(interaction), 'digest'), true);
    }
    const action = parseButtonId(interaction.customId);
    if (!action) return this.reply(interaction, renderNotice(NOTICES.expired));
    if (action.owner !== interaction.user.id) return this.reply(interaction, renderNotice(NOTICES.notYours));
    let request: PageRequest;
    if (action.kind === 'page') {
      const stored = this.pages.get(action.key);
      if (!stored) return this.reply(interaction, renderNotice(NOTICES.expired));
      if (stored.owner !== interaction.user.id) return this.reply(interaction, renderNotice(NOTICES.notYours));
      request = stored.request;
    } else {
      request = similarRequest(action.paperId);
    }
    // A new message under the old one, so the answer or page clicked on stays readable; private
    // (ephemeral) when the one clicked on was.
    const key = sessionKey(interaction);
    const hidden = interaction.message.flags.has(MessageFlags.Ephemeral);
    await interaction.deferReply(hidden ? { flags: MessageFlags.Ephemeral } : {});
    const result = await this.timed(interaction, () => this.bot.runPage(request, key));
    return this.deliverDeferred(interaction, await this.render(result, key, request.source), hidden);
  }

  private async autocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const focused = interaction.options.getFocused(true);
    const subcommand = interaction.options.getSubcommand(false);
    const option = subcommand ? findCommand(subcommand)?.options.find((o) => o.name === focused.name) : undefined;
    const typed = String(focused.value ?? '');
    const choices =
      interaction.commandName === SLASH_COMMAND_NAME && option?.autocomplete === 'paper' ? await this.bot.withIndex((index) => paperChoices(index, typed)) : [];
    await interaction.respond(choices);
  }

  private render(result: CommandResult, key: string, command: string): Promise<RenderedResult> {
    return renderForConversation(this.bot, result, key, command);
  }

  /** The message body for a rendered result, with its buttons, checked against Discord's limits. */
  private message(interaction: RepliableInteraction, rendered: RenderedResult) {
    const body = replyBody(rendered, interaction.user.id, this.pages, (problems) => {
      this.logger.error({ ...describe(interaction), problems }, 'discord: rendered message breaks Discord limits');
    });
    return { ...body, allowedMentions: NO_MENTIONS };
  }

  /** Answers an interaction not yet acknowledged: type 4, ephemeral (flags 64) for help, errors, notices, and when asked (`hidden`). */
  private async reply(interaction: RepliableInteraction, rendered: RenderedResult, hidden = false): Promise<void> {
    await interaction.reply({ ...this.message(interaction, rendered), ...(rendered.ephemeral || hidden ? { flags: MessageFlags.Ephemeral } : {}) });
  }

  /**
   * Completes a deferred interaction by editing the original (PATCH …/messages/@original). The
   * deferral was public, and a public message cannot become ephemeral, so an error goes out as an
   * ephemeral follow-up instead and the "thinking…" placeholder is deleted.
   */
  private async deliverDeferred(interaction: RepliableInteraction, rendered: RenderedResult, hidden = false): Promise<void> {
    // An ephemeral deferral (`hidden`) is edited into the reply whatever it is: only the caller sees it.
    if (!rendered.ephemeral || hidden) {
      await interaction.editReply(this.message(interaction, rendered));
      return;
    }
    await interaction.followUp({ ...this.message(interaction, rendered), flags: MessageFlags.Ephemeral });
    await interaction.deleteReply().catch((error: unknown) => {
      this.logger.warn({ ...describe(interaction), err: errorMeta(error) }, 'discord: could not delete the deferred placeholder');
    });
  }

  private async timed<T>(interaction: Interaction, run: () => Promise<T>): Promise<T> {
    const started = performance.now();
    const result = await run();
    this.logger.debug({ ...describe(interaction), ms: Math.round(performance.now() - started) }, 'discord: answered');
    return result;
  }

  /** Logs a failure and, when the user is still waiting, tells them (best effort). */
  private async fail(interaction: Interaction, error: unknown): Promise<void> {
    this.logger.error({ ...describe(interaction), err: errorMeta(error) }, 'discord: interaction failed');
    if (!interaction.isRepliable() || interaction.replied) return;
    try {
      const notice = renderNotice(NOTICES.failed);
      if (interaction.deferred) await this.deliverDeferred(interaction, notice);
      else await this.reply(interaction, notice);
    } catch (second) {
      this.logger.warn({ ...describe(interaction), err: errorMeta(second) }, 'discord: could not report the failure to the user');
    }
  }
}

/** Identifies an interaction in logs: ids and names only (its token is a secret). */
function describe(interaction: Interaction): Record<string, unknown> {
  const meta: Record<string, unknown> = {
    interaction: interaction.id,
    guild: interaction.guildId,
    channel: interaction.channelId,
    user: interaction.user.id,
  };
  if (interaction.isChatInputCommand() || interaction.isAutocomplete()) {
    meta.command = [interaction.commandName, interaction.options.getSubcommand(false)].filter(Boolean).join(' ');
  } else if (interaction.isButton()) {
    meta.button = interaction.customId.split(':')[1];
  }
  return meta;
}

/** The channel a command came from, for the commands that act per channel (digest). */
function conversationOf(interaction: Interaction): Conversation | undefined {
  return interaction.channelId ? { platform: 'discord', channel: interaction.channelId } : undefined;
}
