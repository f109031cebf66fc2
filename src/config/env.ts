import { existsSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../errors.js';

/** Empty strings in `.env` ("SLACK_BOT_TOKEN=") mean "not set", as in t3-env. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const url = (name: string) => z.url({ error: `${name} must be a URL` });

/** Every setting paperbot reads from the environment. `.env.example` mirrors this list. */
export const envSchema = z.object({
  /** Corpus file or directory. Default: the bundled `seeds/`. */
  CORPUS_DIR: optional(z.string()),
  /** Slack bot token (xoxb-…); with it, `npm start` serves Slack. */
  SLACK_BOT_TOKEN: optional(z.string().regex(/^xox[bp]-/, { error: 'SLACK_BOT_TOKEN must start with xoxb- (a bot token)' })),
  /** Slack app-level token (xapp-…): Socket Mode. Without it, HTTP mode with SLACK_SIGNING_SECRET. */
  SLACK_APP_TOKEN: optional(z.string().regex(/^xapp-/, { error: 'SLACK_APP_TOKEN must start with xapp- (an app-level token)' })),
  /** Slack signing secret, for HTTP mode. */
  SLACK_SIGNING_SECRET: optional(z.string().min(1)),
  /** Slack Web API base URL. Default https://slack.com/api/. */
  SLACK_API_URL: optional(url('SLACK_API_URL')),
  /** Port of the HTTP server (Slack HTTP mode). Default 3000. */
  PORT: optional(z.coerce.number({ error: 'PORT must be a number' }).int().min(1).max(65535)),
  /** Discord bot token; with it, `npm start` logs in to Discord. */
  DISCORD_TOKEN: optional(z.string().min(1)),
  /** Discord application id (for registering commands without logging in). */
  DISCORD_CLIENT_ID: optional(z.string().regex(/^\d+$/, { error: 'DISCORD_CLIENT_ID must be a numeric id' })),
  /** Register commands to this guild only (development). */
  DISCORD_GUILD_ID: optional(z.string().regex(/^\d+$/, { error: 'DISCORD_GUILD_ID must be a numeric id' })),
  /** Discord REST API base URL. Default https://discord.com/api. */
  DISCORD_API_URL: optional(url('DISCORD_API_URL')),
  /** Store: postgres://…, or sqlite:PATH. Default sqlite:data/paperbot.db. */
  DATABASE_URL: optional(z.string().regex(/^(postgres(ql)?:\/\/|sqlite:)/, { error: 'DATABASE_URL must start with postgres:// or sqlite:' })),
  /** How much to log: debug, info, warn, error. Default info. */
  LOG_LEVEL: optional(z.enum(['debug', 'info', 'warn', 'error'], { error: 'LOG_LEVEL must be one of debug, info, warn, error' })),
});

export type Env = z.output<typeof envSchema>;

/**
 * Validates the environment, listing every problem at once (by variable name, never echoing a
 * value, since values may be secrets). Cross-field rules: Slack needs either an app token
 * (Socket Mode) or a signing secret (HTTP mode).
 */
export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => `${String(issue.path[0])}: ${issue.message}`);
  if (parsed.success) {
    const env = parsed.data;
    if (env.SLACK_BOT_TOKEN && !env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
      problems.push('SLACK_BOT_TOKEN is set, but neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP mode) is');
    }
    if (problems.length === 0) return env;
  }
  throw new ConfigError(`Invalid settings in the environment (.env):\n  ${problems.join('\n  ')}`);
}

/** Loads `.env` from the working directory into process.env, if the file exists (Node's own loader). */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
