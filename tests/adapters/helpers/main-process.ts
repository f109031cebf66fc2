import { spawn, type ChildProcess } from 'node:child_process';
import { createServer as createHttpServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';

/**
 * Helpers for end-to-end tests of the real `npm start` process (dist/adapters/main.js): a fake
 * Slack Web API and response_url endpoint on a real loopback socket (the child process cannot be
 * intercepted with nock), and a spawned process whose JSON log lines can be waited for.
 */

/** A port nothing listens on right now (bound on 127.0.0.1, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `check` until it returns something other than undefined (or throws `what` on timeout). */
export async function pollUntil<T>(check: () => T | undefined, what: string, options: { timeoutMs?: number; intervalMs?: number; describe?: () => string } = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${options.describe ? `\n${options.describe()}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 50));
  }
}

export interface FakeSlackCall {
  /** Web API method (`chat.postMessage`) or `response_url`. */
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Form fields with JSON-valued fields (`blocks`, `metadata`, …) parsed, or the JSON body. */
  body: Record<string, any>;
}

/** JSON-valued Web API arguments the client sends as JSON strings inside a form body. */
const JSON_FIELDS = ['blocks', 'attachments', 'metadata'];

function decodeBody(raw: string, contentType: string | undefined): Record<string, any> {
  if (!raw) return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw) as Record<string, any>;
  const fields: Record<string, any> = Object.fromEntries(new URLSearchParams(raw));
  for (const name of JSON_FIELDS) {
    if (typeof fields[name] === 'string') {
      try {
        fields[name] = JSON.parse(fields[name] as string);
      } catch {
        // left as sent
      }
    }
  }
  return fields;
}

/**
 * Slack's Web API on 127.0.0.1: `POST /api/<method>` answers ok (auth.test with the bot's
 * identity, chat.postMessage with a fresh ts), `POST /respond…` stands in for response URLs.
 * Every request is recorded.
 */
export class FakeSlackServer {
  readonly calls: FakeSlackCall[] = [];
  private ts = 1;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  /** `SLACK_API_URL` for the process. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  /** A response_url on this fake. */
  get responseUrl(): string {
    return `http://127.0.0.1:${this.port}/respond`;
  }

  static async start(): Promise<FakeSlackServer> {
    const server = createHttpServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const fake = new FakeSlackServer(server, (server.address() as AddressInfo).port);
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
        const method = path.startsWith('/api/') ? path.slice('/api/'.length) : path.startsWith('/respond') ? 'response_url' : path;
        let body: Record<string, any>;
        try {
          body = decodeBody(Buffer.concat(chunks).toString('utf8'), req.headers['content-type']);
        } catch {
          body = { unparsed: Buffer.concat(chunks).toString('utf8') };
        }
        fake.calls.push({ method, path, headers: req.headers, body });
        const reply = fake.reply(method, body);
        res.writeHead(200, { 'content-type': typeof reply === 'string' ? 'text/plain' : 'application/json' });
        res.end(typeof reply === 'string' ? reply : JSON.stringify(reply));
      });
    });
    return fake;
  }

  /** Recorded calls of one method (`response_url` for response URLs). */
  of(method: string): FakeSlackCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** A short account of what was received, for failure messages. */
  describe(): string {
    return `fake Slack received: ${JSON.stringify(this.calls.map((call) => ({ method: call.method, channel: call.body.channel, thread_ts: call.body.thread_ts })))}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  private reply(method: string, body: Record<string, any>): unknown {
    const ts = () => `1800000000.${String(this.ts++).padStart(6, '0')}`;
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://test.slack.com/', team: 'Test', user: 'paperbot', user_id: 'UBOT', bot_id: 'B1', team_id: 'T1' };
      case 'chat.postMessage':
        return { ok: true, channel: body.channel, ts: ts() };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: ts() };
      case 'conversations.history':
        return { ok: true, messages: [], has_more: false };
      case 'response_url':
        return 'ok';
      default:
        return { ok: true };
    }
  }
}

/** One JSON log line of the process (pino: `level` number, `msg`, and the meta fields). */
export type LogLine = Record<string, any> & { msg?: string; level?: number };

/**
 * A spawned `node SCRIPT`: its output collected as it comes, stderr's JSON lines parsed, its exit
 * awaited. `kill()` in afterAll ends it if a test left it running.
 */
export class SpawnedProcess {
  stdout = '';
  stderr = '';
  exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly child: ChildProcess;

  constructor(script: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }) {
    this.child = spawn(process.execPath, [script, ...args], { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (this.stdout += chunk));
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
    this.exited = new Promise((resolve, reject) => {
      this.child.once('error', reject);
      // 'close': the process has exited and its output streams are drained.
      this.child.once('close', (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
      });
    });
    // Observed by waiters; never an unhandled rejection on its own.
    this.exited.catch(() => undefined);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** stderr's JSON lines so far (non-JSON lines are left out). */
  logs(): LogLine[] {
    const lines: LogLine[] = [];
    for (const line of this.stderr.split('\n')) {
      if (!line.startsWith('{')) continue;
      try {
        lines.push(JSON.parse(line) as LogLine);
      } catch {
        // a line still being written
      }
    }
    return lines;
  }

  /** Waits for a log line matching `test`; fails early, with the output, if the process exits. */
  waitForLog(test: (line: LogLine) => boolean, what: string, timeoutMs = 60_000): Promise<LogLine> {
    return pollUntil(
      () => {
        const found = this.logs().find(test);
        if (found) return found;
        if (this.exit) throw new Error(`process exited (${JSON.stringify(this.exit)}) before ${what}\n${this.describe()}`);
        return undefined;
      },
      what,
      { timeoutMs, describe: () => this.describe() },
    );
  }

  /** Sends a signal (no-op once exited). */
  signal(signal: NodeJS.Signals): void {
    if (!this.exit) this.child.kill(signal);
  }

  /** Ends the process for good (afterAll), and waits for it. */
  async kill(): Promise<void> {
    if (this.exit) return;
    this.child.kill('SIGKILL');
    await this.exited.catch(() => undefined);
  }

  /** Resolves to the exit, or undefined if the process is still running after `timeoutMs`. */
  async exitWithin(timeoutMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null } | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), timeoutMs)));
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  describe(): string {
    return `--- stdout ---\n${this.stdout.slice(-3000)}\n--- stderr ---\n${this.stderr.slice(-5000)}`;
  }
}
