/**
 * A stand-in for Slack's Web API on 127.0.0.1, for the load test: answers auth.test and the chat.*
 * methods the bot calls, and notes when each mention's answer arrived. It runs in the load
 * generator's process, not the bot's, so a blocked bot cannot delay the clock that times it.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { SEARCHING_TEXT } from '../../adapters/slack/searching-placeholder.js';
import { LOAD_BOT_USER, LOAD_TEAM } from './slack-requests.js';

/** What the bot sent for one thread. */
export interface ThreadActivity {
  /** performance.now() when the "Searching…" placeholder arrived, if one did. */
  placeholderAt?: number;
  /** performance.now() when the answer (a post, an edit of the placeholder or an ephemeral reply) arrived. */
  answeredAt?: number;
  /** The Web API method that delivered the (first) answer. */
  answeredBy?: string;
  /** Answer calls to this thread: exactly 1 is right; more are duplicate answers. */
  answers: number;
}

/** A Web API call's decoded form fields. */
export type WebApiFields = Record<string, string>;

/**
 * Which thread a call belongs to and whether it is the placeholder or the answer: posts and
 * ephemeral replies name the thread (`thread_ts`), an edit names only the message it edits, so
 * placeholders are remembered by the ts the fake gave them. Undefined for calls that are neither.
 */
export function classifyCall(method: string, fields: WebApiFields, placeholderThreads: ReadonlyMap<string, string>): { thread: string; kind: 'placeholder' | 'answer' } | undefined {
  switch (method) {
    case 'chat.postMessage':
      if (!fields.thread_ts) return undefined;
      return { thread: fields.thread_ts, kind: fields.text === SEARCHING_TEXT && !fields.blocks ? 'placeholder' : 'answer' };
    case 'chat.postEphemeral':
      return fields.thread_ts ? { thread: fields.thread_ts, kind: 'answer' } : undefined;
    case 'chat.update': {
      const thread = fields.ts ? placeholderThreads.get(fields.ts) : undefined;
      return thread ? { thread, kind: 'answer' } : undefined;
    }
    default:
      return undefined;
  }
}

export class FakeSlackWebApi {
  /** Per thread ts (= the mention's ts). */
  readonly threads = new Map<string, ThreadActivity>();
  /** Calls per method. */
  readonly counts = new Map<string, number>();
  /** Placeholder message ts → its thread. */
  private readonly placeholderThreads = new Map<string, string>();
  private readonly waiters = new Map<string, () => void>();
  private nextTs = 1;
  private server: Server | undefined;

  /** Listens on 127.0.0.1 (an ephemeral port); resolves to the base URL for SLACK_API_URL. */
  async start(): Promise<string> {
    const server = createServer((request, response) => {
      void this.handle(request).then(
        (body) => {
          response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
          response.end(JSON.stringify(body));
        },
        () => {
          response.writeHead(400).end();
        },
      );
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
  }

  /** Resolves when the answer in `thread` arrives (at once if it has). */
  answered(thread: string): Promise<void> {
    if (this.threads.get(thread)?.answeredAt !== undefined) return Promise.resolve();
    return new Promise((resolve) => this.waiters.set(thread, resolve));
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const method = (request.url ?? '').replace(/^\/api\//, '').replace(/\?.*$/, '');
    const fields = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
    this.counts.set(method, (this.counts.get(method) ?? 0) + 1);
    const at = performance.now();
    const ts = `1800000000.${String(this.nextTs++).padStart(6, '0')}`;
    const call = classifyCall(method, fields, this.placeholderThreads);
    if (call) {
      const activity = this.threads.get(call.thread) ?? { answers: 0 };
      this.threads.set(call.thread, activity);
      if (call.kind === 'placeholder') {
        activity.placeholderAt ??= at;
        this.placeholderThreads.set(ts, call.thread);
      } else {
        activity.answers++;
        if (activity.answeredAt === undefined) {
          activity.answeredAt = at;
          activity.answeredBy = method;
          this.waiters.get(call.thread)?.();
          this.waiters.delete(call.thread);
        }
      }
    }
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://load.slack.test/', team: 'Load', user: 'paperbot', team_id: LOAD_TEAM, user_id: LOAD_BOT_USER, bot_id: 'BLOAD' };
      case 'chat.postMessage':
        return { ok: true, channel: fields.channel, ts };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: ts };
      case 'chat.update':
        return { ok: true, channel: fields.channel, ts: fields.ts };
      default:
        return { ok: true };
    }
  }
}
