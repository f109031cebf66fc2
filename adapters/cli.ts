#!/usr/bin/env node
import { loadDotEnv, parseEnv } from '../src/config/env.js';
import { exitQuietlyOnBrokenPipe, processIo } from '../src/cli/io.js';
import { runCli } from '../src/cli/program.js';

/**
 * The `paperbot` binary: the core's command line, given the platforms' REST posters so
 * `paperbot digest run` can post. The platform libraries are imported only then (they would
 * add half a second to every other command's start-up), and the environment is validated then.
 */
loadDotEnv();
// `paperbot chat | head -1`: the reader leaving ends the process quietly, exit 0.
exitQuietlyOnBrokenPipe(process.stdout);
const posters = async () => (await import('./posters.js')).digestPosters(parseEnv());
process.exitCode = await runCli(process.argv.slice(2), { io: processIo(), posters });
