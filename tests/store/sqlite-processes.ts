/**
 * Runs the real SqliteStore in several OS processes on one database file, to test what one
 * process cannot: that claims and migrations are atomic across processes (WAL, busy_timeout,
 * BEGIN IMMEDIATE). The store's sources are transpiled to JavaScript (TypeScript's own
 * transpiler, no type check) into a directory under node_modules/.cache, so the children load
 * better-sqlite3 from the project's node_modules with plain `node`.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { SqliteStore } from '../../src/store/sqlite-store.js';
import type { ClaimRequest } from '../../src/store/store.js';

const PROJECT = fileURLToPath(new URL('../..', import.meta.url));
/** The sources a child needs (everything sqlite-store.ts imports, transitively). */
const SOURCES = ['src/errors.ts', 'src/store/store.ts', 'src/store/records.ts', 'src/store/migrations.ts', 'src/store/sqlite-store.ts'];

const WORKER = `
import { createInterface } from 'node:readline';
import { SqliteStore } from './src/store/sqlite-store.js';

const [path, keysJson, requestJson] = process.argv.slice(2);
const keys = JSON.parse(keysJson);
const request = JSON.parse(requestJson);
const send = (message) => process.stdout.write(JSON.stringify(message) + '\\n');

const store = new SqliteStore(path, { busyTimeoutMs: 30000 });
const { applied } = store.migrateSync();
send({ type: 'ready', applied });
for await (const line of createInterface({ input: process.stdin })) {
  const command = JSON.parse(line);
  if (command.type === 'exit') break;
  const won = [];
  for (const key of keys) {
    const outcome = await store.claimDigest({ ...request, key, nonce: 'pid-' + process.pid, now: command.now });
    if (outcome.claimed) won.push(key);
  }
  send({ type: 'won', won });
}
await store.close();
process.exit(0);
`;

export interface ProcessRaceResult {
  /** Per process, the migration versions it applied (exactly one should have applied them). */
  applied: number[][];
  /** Per round (first claims, then re-claims of failed records), per process, the keys it won. */
  rounds: string[][][];
}

/**
 * Starts `processes` children on `path` at once (they all migrate), then, released together,
 * each claims every key (round 1); the parent marks every key failed; then each claims every key
 * again (round 2).
 */
export async function runSqliteProcesses(options: { path: string; processes: number; keys: string[]; request: ClaimRequest }): Promise<ProcessRaceResult> {
  const cache = join(PROJECT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const build = mkdtempSync(join(cache, 'paperbot-store-processes-'));
  const children: Child[] = [];
  try {
    writeFileSync(join(build, 'package.json'), JSON.stringify({ type: 'module' }));
    for (const source of SOURCES) {
      const output = ts.transpileModule(readFileSync(join(PROJECT, source), 'utf8'), {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
        fileName: source,
      });
      const target = join(build, source.replace(/\.ts$/, '.js'));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, output.outputText);
    }
    writeFileSync(join(build, 'worker.mjs'), WORKER);

    const args = [join(build, 'worker.mjs'), options.path, JSON.stringify(options.keys), JSON.stringify(options.request)];
    for (let i = 0; i < options.processes; i++) children.push(new Child(spawn(process.execPath, args, { cwd: build })));
    const ready = await Promise.all(children.map((child) => child.next('ready')));
    const applied = ready.map((message) => message.applied as number[]);

    const round = async (now: string) => {
      for (const child of children) child.send({ type: 'claim', now });
      return (await Promise.all(children.map((child) => child.next('won')))).map((message) => message.won as string[]);
    };
    const first = await round(options.request.now);
    const parent = new SqliteStore(options.path);
    try {
      for (const key of options.keys) await parent.finishDigest(key, { status: 'failed', error: 'test' }, options.request.now);
    } finally {
      await parent.close();
    }
    const second = await round(new Date(Date.parse(options.request.now) + 1000).toISOString());
    for (const child of children) child.send({ type: 'exit' }, { end: true });
    await Promise.all(children.map((child) => child.exited()));
    return { applied, rounds: [first, second] };
  } finally {
    for (const child of children) child.kill();
    rmSync(build, { recursive: true, force: true });
  }
}

/** A child speaking line-delimited JSON on stdin/stdout. */
class Child {
  private readonly messages: Array<Record<string, unknown>> = [];
  private readonly waiting: Array<() => void> = [];
  private stderr = '';
  private exitCode: number | null | undefined;

  constructor(private readonly child: ChildProcessWithoutNullStreams) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      this.messages.push(JSON.parse(line) as Record<string, unknown>);
      this.wake();
    });
    child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    child.on('exit', (code) => {
      this.exitCode = code;
      this.wake();
    });
  }

  send(message: unknown, { end = false } = {}): void {
    this.child.stdin.write(JSON.stringify(message) + '\n');
    if (end) this.child.stdin.end();
  }

  /** The next message, which must be of this type. */
  async next(type: string): Promise<Record<string, unknown>> {
    while (this.messages.length === 0) {
      if (this.exitCode !== undefined) throw new Error(`worker exited (${this.exitCode}) before "${type}":\n${this.stderr}`);
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    const message = this.messages.shift()!;
    if (message.type !== type) throw new Error(`worker said ${JSON.stringify(message)}, expected "${type}"\n${this.stderr}`);
    return message;
  }

  async exited(): Promise<void> {
    while (this.exitCode === undefined) await new Promise<void>((resolve) => this.waiting.push(resolve));
    if (this.exitCode !== 0) throw new Error(`worker exited with ${this.exitCode}:\n${this.stderr}`);
  }

  kill(): void {
    if (this.exitCode === undefined) this.child.kill();
  }

  private wake(): void {
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}
