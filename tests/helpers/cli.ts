import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (where package.json and dist/ are). */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The `paperbot` binary, as package.json's "bin" names it. */
export const CLI_BIN = fileURLToPath(new URL('../../dist/adapters/cli.js', import.meta.url));
/** What `npm start` runs. */
export const START_MAIN = fileURLToPath(new URL('../../dist/adapters/main.js', import.meta.url));

/**
 * Compiles src/ to dist/ (`npm run build`); throws with tsc's output when it fails. The test
 * run's global setup (tests/setup/build.ts) has already built once, before any worker started,
 * so test files never build concurrently (two tsc runs writing dist/ while a third file spawns
 * the binary); this only builds when that setup did not run.
 */
export function buildOnce(): void {
  if (process.env.PAPERBOT_TEST_BUILT === '1') return;
  try {
    execFileSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'pipe', timeout: 240_000, encoding: 'utf8' });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`npm run build failed:\n${stdout}\n${stderr}`);
  }
}

/**
 * The environment for a spawned paperbot: this one without platform tokens, corpus or debug
 * settings, sessions and index snapshots kept under `cacheHome`, and anything in `extra`.
 */
export function cliEnv(cacheHome: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(SLACK_|DISCORD_)/.test(name) || ['CORPUS_DIR', 'DEBUG', 'DATABASE_URL', 'PORT', 'LOG_LEVEL', 'PAPERBOT_CACHE_DIR', 'DATA_DIR'].includes(name)) continue;
    env[name] = value;
  }
  return { ...env, XDG_CACHE_HOME: cacheHome, XDG_DATA_HOME: join(cacheHome, 'xdg-data'), NO_COLOR: '1', ...extra };
}

export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Working directory; a directory without a .env, so the repository's own .env is not read. */
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Text piped to stdin (stdin is closed either way). */
  input?: string;
  /** The script to run; default the `paperbot` binary. */
  script?: string;
}

/** Runs `node SCRIPT ...args` to completion and collects its output. */
export function runNode(args: readonly string[], options: RunOptions): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [options.script ?? CLI_BIN, ...args], { cwd: options.cwd, env: options.env, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** A compact description of a process result, for assertion messages. */
export function describeRun(result: ProcessResult): string {
  return `exit ${result.code}\n--- stdout ---\n${result.stdout.slice(0, 3000)}\n--- stderr ---\n${result.stderr.slice(0, 3000)}`;
}
