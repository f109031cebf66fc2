#!/usr/bin/env node
import { loadDotEnv, parseEnv } from '../src/config/env.js';
import { processIo } from '../src/cli/io.js';
import { runCli } from '../src/cli/program.js';
import { digestPosters } from './posters.js';

/**
 * The `paperbot` binary: the core's command line, given the platforms' REST posters so
 * `paperbot digest run` can post (the environment is validated only when it does).
 */
loadDotEnv();
process.exitCode = await runCli(process.argv.slice(2), { io: processIo(), posters: () => digestPosters(parseEnv()) });
