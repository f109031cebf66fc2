import { existsSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import type { Platform } from '../store/store.js';

/** Empty strings in `.env` ("SLACK_BOT_TOKEN=") mean "not set", as in t3-env. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const url = () => z.url({ error: 'must be a URL' });

/** Every setting paperbot reads from the environment. `.env.example` mirrors this list. */
export const envSchema = z.object({
  /** Corpus file or directory. Default: the bundled `seeds/`. */
  CORPUS_DIR: optional(z.string()),
  /** Directory of index snapshots (a restart over an unchanged corpus loads one). Default $XDG_CACHE_HOME/paperbot/snapshots, else ~/.cache/paperbot/snapshots. */
  PAPERBOT_CACHE_DIR: optional(z.string()),
  /** Slack bot token (xoxb-…); with it, `npm start` serves Slack. */
  SLACK_BOT_TOKEN: optional(z.string().regex(/^xoxb-/, { error: 'must start with xoxb- (a bot token)' })),
  /** Slack app-level token (xapp-…): Socket Mode. Without it, HTTP mode with SLACK_SIGNING_SECRET. */
  SLACK_APP_TOKEN: optional(z.string().regex(/^xapp-/, { error: 'must start with xapp- (an app-level token)' })),
  /** Slack signing secret, for HTTP mode. */
  SLACK_SIGNING_SECRET: optional(z.string().min(1)),
  /** Slack Web API base URL. Default https://slack.com/api/. */
  SLACK_API_URL: optional(url()),
  /** Port of the HTTP server (Slack HTTP mode). Default 3000. */
  PORT: optional(
    z.coerce
      .number({ error: 'must be a number' })
      .int({ error: 'must be a whole number' })
      .min(1, { error: 'must be from 1 to 65535' })
      .max(65535, { error: 'must be from 1 to 65535' }),
  ),
  /** Discord bot token; with it, `npm start` logs in to Discord. */
  DISCORD_TOKEN: optional(z.string().min(1)),
  /** Discord application id (for registering commands without logging in). */
  DISCORD_CLIENT_ID: optional(z.string().regex(/^\d+$/, { error: 'must be a numeric id' })),
  /** Register commands to this guild only (development). */
  DISCORD_GUILD_ID: optional(z.string().regex(/^\d+$/, { error: 'must be a numeric id' })),
  /** Discord REST API base URL. Default https://discord.com/api. */
  DISCORD_API_URL: optional(url()),
  /**
   * Where paperbot keeps its data (the default SQLite store, DATA_DIR/paperbot.db). Default: the
   * platform's data directory ($XDG_DATA_HOME/paperbot or ~/.local/share/paperbot; macOS
   * ~/Library/Application Support/paperbot; Windows %APPDATA%\paperbot).
   */
  DATA_DIR: optional(z.string()),
  /** Store: postgres://…, or sqlite:PATH. Default: sqlite at DATA_DIR/paperbot.db. */
  DATABASE_URL: optional(z.string().regex(/^(postgres(ql)?:\/\/|sqlite:)/, { error: 'must start with postgres:// or sqlite:' })),
  /** arXiv API endpoint for `paperbot sync`. Default https://export.arxiv.org/api/query. */
  ARXIV_API_URL: optional(url()),
  /** Hugging Face API base for `paperbot sync --hf-daily`. Default https://huggingface.co/api. */
  HF_API_URL: optional(url()),
  /** Sync new papers from the bot every N minutes (at least 1). Unset: no scheduled sync. */
  SYNC_EVERY_MINUTES: optional(z.coerce.number({ error: 'must be a number' }).int({ error: 'must be a whole number' }).min(1, { error: 'must be at least 1' })),
  /** arXiv categories to sync, comma-separated (e.g. "cs.CV,cs.LG"). */
  SYNC_ARXIV_CATEGORIES: optional(z.string()),
  /** arXiv query to sync (e.g. "all:diffusion"). */
  SYNC_ARXIV_QUERY: optional(z.string()),
  /** arXiv papers per category/query and sync. Default 50. */
  SYNC_ARXIV_MAX: optional(z.coerce.number({ error: 'must be a number' }).int().min(1).max(2000)),
  /** Also sync Hugging Face daily papers ("true"). */
  SYNC_HF_DAILY: optional(z.enum(['true', 'false'], { error: 'must be true or false' }).transform((v) => v === 'true')),
  /**
   * Worker threads serving the index (ranking, answers, corpus reloads) when the bot serves
   * Slack or Discord; 0 indexes and answers in the main thread. Default: cores − 1, from 1 to 4.
   */
  PAPERBOT_WORKERS: optional(
    z.coerce.number({ error: 'must be a number' }).int({ error: 'must be a whole number' }).min(0, { error: 'must be from 0 to 16' }).max(16, { error: 'must be from 0 to 16' }),
  ),
  /**
   * How long the bot remembers a conversation (a Slack thread, a Discord channel) after its last
   * command, in hours: "show 2" and "more" refer to its last result until then. Conversations are
   * kept in the store, shared by every instance behind one database. Whole hours from 1 to 87,600
   * (10 years). Default 168 (7 days).
   */
  CONVERSATION_TTL_HOURS: optional(
    z.coerce
      .number({ error: 'must be a number' })
      .int({ error: 'must be a whole number of hours' })
      .min(1, { error: 'must be from 1 to 87600 hours' })
      .max(87_600, { error: 'must be from 1 to 87600 hours' }),
  ),
  /** How much to log: debug, info, warn, error. Default info. */
  LOG_LEVEL: optional(z.enum(['debug', 'info', 'warn', 'error'], { error: 'must be one of debug, info, warn, error' })),
});

export type Env = z.output<typeof envSchema>;

/**
 * Per platform: the variable that turns it on (the bot token, which posting and serving need)
 * and the settings that only make sense with it. One of those without the token is a platform
 * half-configured — most likely a token missing from .env — and is refused rather than quietly
 * falling back to the console chat. (API URLs are left out: they say where, not whether.)
 */
export const PLATFORM_SETTINGS: Readonly<Record<Platform, { token: string; with: readonly string[]; name: string }>> = {
  slack: { name: 'Slack', token: 'SLACK_BOT_TOKEN', with: ['SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET'] },
  discord: { name: 'Discord', token: 'DISCORD_TOKEN', with: ['DISCORD_CLIENT_ID', 'DISCORD_GUILD_ID'] },
};

/** "A", "A and B", "A, B and C". */
const andList = (names: readonly string[]) => (names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`);

/**
 * Validates the environment, listing every problem at once (by variable name, never echoing a
 * value, since values may be secrets). Cross-field rules: Slack needs either an app token
 * (Socket Mode) or a signing secret (HTTP mode), and a platform's other settings need its
 * token ({@link PLATFORM_SETTINGS}).
 */
export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => `${String(issue.path[0])}: ${issue.message}`);
  // Cross-field rules are checked on the raw values too, so every problem is listed at once.
  const set = (name: string) => typeof source[name] === 'string' && source[name] !== '';
  if (set('SYNC_EVERY_MINUTES') && !set('SYNC_ARXIV_CATEGORIES') && !set('SYNC_ARXIV_QUERY') && source.SYNC_HF_DAILY !== 'true') {
    problems.push('SYNC_EVERY_MINUTES: is set, but no source is (SYNC_ARXIV_CATEGORIES, SYNC_ARXIV_QUERY or SYNC_HF_DAILY=true)');
  }
  if (set('SLACK_BOT_TOKEN') && !set('SLACK_APP_TOKEN') && !set('SLACK_SIGNING_SECRET')) {
    problems.push('SLACK_BOT_TOKEN: is set, but neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP mode) is');
  }
  for (const platform of Object.values(PLATFORM_SETTINGS)) {
    const present = platform.with.filter(set);
    if (present.length > 0 && !set(platform.token)) {
      problems.push(
        `${platform.token}: is not set, but ${andList(present)} ${present.length === 1 ? 'is' : 'are'} (${platform.name} half-configured): ` +
          `set ${platform.token} to serve ${platform.name}, or unset ${present.length === 1 ? 'it' : 'them'}`,
      );
    }
  }
  if (parsed.success && problems.length === 0) return parsed.data;
  throw new ConfigError(`Invalid settings in the environment (.env):\n  ${problems.join('\n  ')}`);
}

/** Loads `.env` from the working directory into process.env, if the file exists (Node's own loader). */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
