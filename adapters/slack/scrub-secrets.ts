/**
 * Removing secrets from log text. The pino logger redacts secret *fields* (REDACTED_PATHS), but
 * Bolt and its Web API client log *strings*; anything that looks like a Slack token, and the
 * configured secrets themselves, are masked before a string reaches our logger.
 */

/** Slack token shapes: bot, user, app-level, config and refresh tokens. */
const TOKEN_PATTERN = /\bx(?:ox[abposre]|app)-[A-Za-z0-9-]+/g;

/** A function masking Slack-token-like strings and each of `secrets` (empty ones ignored) in text. */
export function secretScrubber(secrets: ReadonlyArray<string | undefined>): (text: string) => string {
  const known = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 6);
  return (text) => {
    let out = text.replace(TOKEN_PATTERN, '[redacted]');
    for (const secret of known) out = out.split(secret).join('[redacted]');
    return out;
  };
}
