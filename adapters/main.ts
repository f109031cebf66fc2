import { loadDotEnv, parseEnv } from '../src/config/env.js';
import { hasInput } from '../src/cli/await-input.js';
import { exitQuietlyOnBrokenPipe, println, processIo } from '../src/cli/io.js';
import { runCli } from '../src/cli/program.js';
import { asCodedError, ConfigError } from '../src/errors.js';
import { createLogger } from '../src/log/logger.js';

/** Why `npm start` with no platform and nothing to read does not just exit 0 having said nothing. */
const NOTHING_TO_DO =
  'no platform token configured and stdin is not a terminal: there is no chat platform to serve and no one to chat with. ' +
  'Set SLACK_BOT_TOKEN (with SLACK_APP_TOKEN or SLACK_SIGNING_SECRET) or DISCORD_TOKEN to serve Slack or Discord, ' +
  'or run it in a terminal for the console chat, or pipe questions in: echo "which papers …?" | npm start';

/**
 * `npm start`: validates the environment (.env, every problem listed — a platform half
 * configured included), then serves every front-end that is configured — Slack and/or Discord
 * with the digest schedule and the corpus watcher — or, with no platform token, the console
 * chat over the corpus: on a terminal, or over piped input.
 */
async function main(): Promise<number> {
  loadDotEnv();
  const env = parseEnv();
  if (!env.SLACK_BOT_TOKEN && !env.DISCORD_TOKEN) {
    const io = processIo();
    exitQuietlyOnBrokenPipe(io.stdout);
    // Under a service manager stdin is /dev/null: say what is missing instead of exiting 0 silently.
    if (!io.stdin.isTTY && !(await hasInput(io.stdin))) throw new ConfigError(NOTHING_TO_DO);
    return runCli(['chat'], { io });
  }
  const logger = createLogger(env.LOG_LEVEL ?? 'info');
  // The platform libraries load only when a platform is served: the console chat starts faster.
  const { serve } = await import('./serve.js');
  const services = await serve(env, logger, { slack: Boolean(env.SLACK_BOT_TOKEN), discord: Boolean(env.DISCORD_TOKEN), digests: true });
  const signalled = new Promise<'signal'>((resolve) => {
    const stop = () => resolve('signal');
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  // Each front-end retries on its own while its platform is down; a refused configuration is
  // not retried. When every one is refused there is nothing left to serve: fail, so the
  // operator (or the service manager) sees it, instead of an idle process.
  const allRefused = Promise.all(services.frontEnds.map((frontEnd) => frontEnd.settled)).then(() =>
    services.frontEnds.length > 0 && services.frontEnds.every((frontEnd) => frontEnd.state === 'given-up') ? ('refused' as const) : new Promise<never>(() => {}),
  );
  const reason = await Promise.race([signalled, allRefused]);
  logger.info({}, 'stopping');
  await services.stop();
  if (reason === 'refused') {
    process.stderr.write(`paperbot: no front-end could start: ${services.frontEnds.map((frontEnd) => frontEnd.name).join(' and ')} refused the configuration (see the error above)\n`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    println(process.stderr, `paperbot: ${asCodedError(error).message}`);
    process.exitCode = 1;
  },
);
