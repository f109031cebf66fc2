import { loadDotEnv, parseEnv } from './config/env.js';
import { processIo } from './cli/io.js';
import { runCli } from './cli/program.js';
import { asCodedError } from './errors.js';

/**
 * `npm start`: validates the environment (.env), then serves every front-end that is
 * configured. With no Slack or Discord token that is the console chat over the corpus.
 */
async function main(): Promise<number> {
  loadDotEnv();
  const env = parseEnv();
  const platforms = [env.SLACK_BOT_TOKEN ? 'Slack' : undefined, env.DISCORD_TOKEN ? 'Discord' : undefined].filter(Boolean);
  if (platforms.length > 0) {
    // The chat front-ends arrive with their own issues; until then say so rather than pretend.
    process.stderr.write(`paperbot: ${platforms.join(' and ')} token(s) found, but this version serves only the console chat.\n`);
  }
  return runCli(['chat'], { io: processIo() });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`paperbot: ${asCodedError(error).message}\n`);
    process.exitCode = 1;
  },
);
