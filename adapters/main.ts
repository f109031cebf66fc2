import { loadDotEnv, parseEnv } from '../src/config/env.js';
import { processIo } from '../src/cli/io.js';
import { runCli } from '../src/cli/program.js';
import { asCodedError } from '../src/errors.js';
import { createLogger } from '../src/log/logger.js';


/**
 * `npm start`: validates the environment (.env, every problem listed), then serves every
 * front-end that is configured — Slack and/or Discord with the digest schedule and the corpus
 * watcher — or, with no platform token, the console chat over the corpus.
 */
async function main(): Promise<number> {
  loadDotEnv();
  const env = parseEnv();
  if (!env.SLACK_BOT_TOKEN && !env.DISCORD_TOKEN) {
    return runCli(['chat'], { io: processIo() });
  }
  const logger = createLogger(env.LOG_LEVEL ?? 'info');
  // The platform libraries load only when a platform is served: the console chat starts faster.
  const { serve } = await import('./serve.js');
  const services = await serve(env, logger, { slack: Boolean(env.SLACK_BOT_TOKEN), discord: Boolean(env.DISCORD_TOKEN), digests: true });
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  logger.info({}, 'stopping');
  await services.stop();
  return 0;
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
