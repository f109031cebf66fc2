import { DiscordAPIError, REST, Routes, type APIApplication, type APIApplicationCommand, type RESTOptions, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { loadDotEnv, parseEnv, type Env } from '../../src/config/env.js';
import { asCodedError, ConfigError } from '../../src/errors.js';
import { createLogger, type Logger } from '../../src/log/logger.js';
import { DEFAULT_DISCORD_API_URL } from './client.js';
import { isMainModule, runMain } from './main-module.js';
import { redactingLogger } from './safe-log.js';
import { buildSlashCommandData } from './slash-command-data.js';
import { assertValidCommandData } from './validate-command-data.js';

/** What `npm run discord:register` did. */
export interface Registration {
  applicationId: string;
  /** `guild`: only in DISCORD_GUILD_ID, at once (development); `global`: every guild and DM. */
  scope: 'guild' | 'global';
  guildId?: string;
  /** The API route the commands were PUT to. */
  route: string;
  commands: APIApplicationCommand[];
}

export interface RegisterOptions {
  /** The command to register. Default: {@link buildSlashCommandData} (the registry's commands). */
  data?: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /** REST client options (tests shorten retries). */
  rest?: Partial<RESTOptions>;
}

/**
 * Registers `/paper` with Discord: validates the generated command data against Discord's limits
 * (nothing is sent when it breaks one), finds the application id (DISCORD_CLIENT_ID, else
 * `GET /oauth2/applications/@me`), then overwrites the application's commands in DISCORD_GUILD_ID,
 * or globally without it. A bulk overwrite (PUT) is idempotent: run it after every change.
 */
export async function registerCommands(env: Env, logger: Logger, options: RegisterOptions = {}): Promise<Registration> {
  const { data = buildSlashCommandData(), rest = {} } = options;
  assertValidCommandData(data);
  if (!env.DISCORD_TOKEN) throw new ConfigError('DISCORD_TOKEN is required to register commands (the bot token from the Developer Portal).');
  const log = redactingLogger(logger, [env.DISCORD_TOKEN]);
  const client = new REST({ api: env.DISCORD_API_URL ?? DEFAULT_DISCORD_API_URL, ...rest }).setToken(env.DISCORD_TOKEN);
  try {
    const applicationId = env.DISCORD_CLIENT_ID ?? ((await client.get(Routes.oauth2CurrentApplication())) as APIApplication).id;
    const guildId = env.DISCORD_GUILD_ID;
    const route = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
    const commands = (await client.put(route, { body: [data] })) as APIApplicationCommand[];
    const registration: Registration = { applicationId, scope: guildId ? 'guild' : 'global', ...(guildId ? { guildId } : {}), route, commands };
    log.info({ applicationId, scope: registration.scope, guildId, commands: commands.map((c) => c.name) }, 'discord: commands registered');
    return registration;
  } catch (error) {
    throw explain(error, env);
  } finally {
    client.clearHashSweeper();
    client.clearHandlerSweeper();
  }
}

/** Turns Discord's refusals into errors that say what to do. */
function explain(error: unknown, env: Env): Error {
  if (!(error instanceof DiscordAPIError)) return asCodedError(error);
  if (error.status === 401) return new ConfigError('DISCORD_TOKEN was rejected by Discord (401); copy the bot token again from the Developer Portal.');
  if (error.status === 403 || error.code === 50001) {
    return new ConfigError(
      env.DISCORD_GUILD_ID
        ? `Discord refused access to guild ${env.DISCORD_GUILD_ID} (${error.status}): invite the bot there with the "bot applications.commands" scopes, or unset DISCORD_GUILD_ID.`
        : `Discord refused access (${error.status}): check that DISCORD_CLIENT_ID is this bot's application id.`,
    );
  }
  if (error.status === 404 && env.DISCORD_CLIENT_ID) return new ConfigError(`No application ${env.DISCORD_CLIENT_ID} (404): check DISCORD_CLIENT_ID.`);
  return new ConfigError(`Discord rejected the command registration (${error.status} ${error.code}): ${error.message}`);
}

/** `npm run discord:register`. */
async function main(): Promise<number> {
  loadDotEnv();
  const env = parseEnv();
  const logger = createLogger(env.LOG_LEVEL ?? 'info');
  const done = await registerCommands(env, logger);
  const where = done.scope === 'guild' ? `guild ${done.guildId} (available now)` : 'all guilds and DMs (may take a few minutes to appear)';
  process.stdout.write(`Registered /${done.commands.map((c) => c.name).join(', /')} for application ${done.applicationId} in ${where}.\n`);
  return 0;
}

if (isMainModule(import.meta.url)) runMain(main);
