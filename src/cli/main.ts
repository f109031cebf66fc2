#!/usr/bin/env node
import { loadDotEnv } from '../config/env.js';
import { processIo } from './io.js';
import { runCli } from './program.js';

loadDotEnv();
process.exitCode = await runCli(process.argv.slice(2), { io: processIo() });
