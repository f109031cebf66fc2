import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * A small stand-in for Discord on 127.0.0.1: the REST routes paperbot uses, recording every
 * request, plus a gateway (WebSocket) that says HELLO, accepts IDENTIFY, sends READY and can
 * dispatch events. The real @discordjs/rest and @discordjs/ws talk to it over real sockets,
 * which is why no HTTP mocking library is involved (undici, which @discordjs/rest uses, is
 * invisible to nock).
 */

export const APP_ID = '1100000000000000001';
export const BOT_USER_ID = '1100000000000000002';

export interface RecordedRequest {
  method: string;
  /** Path without the `/api/v10` prefix, e.g. `/interactions/1/tok/callback`. */
  path: string;
  query: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body, or undefined when there was none. */
  body: any;
  /** The JSON body the fake answered with (a posted message, with its id), if any. */
  response?: any;
}

export interface FakeReply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Answer only when this promise settles (a held reply: the client may time out first). */
  until?: Promise<unknown>;
}

type Handler = (request: RecordedRequest) => FakeReply;

interface Override {
  method: string;
  pattern: RegExp;
  reply: Handler;
  times: number;
}

export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  /** Gateway frames received from the client (IDENTIFY, heartbeats). */
  readonly gatewayFrames: any[] = [];
  private overrides: Override[] = [];
  private sockets = new Set<WebSocket>();
  private sequence = 0;
  private waiters: Array<{ test: (r: RecordedRequest) => boolean; resolve: (r: RecordedRequest) => void }> = [];
  private identified: Array<() => void> = [];
  private messageIds = 5000;

  private constructor(
    private readonly server: Server,
    private readonly wss: WebSocketServer,
  ) {}

  static async start(): Promise<FakeDiscord> {
    const server = createServer();
    const wss = new WebSocketServer({ server, path: '/gateway' });
    const fake = new FakeDiscord(server, wss);
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const recorded: RecordedRequest = {
          method: req.method ?? 'GET',
          path: decodeURIComponent(url.pathname).replace(/^\/api\/v10/, ''),
          query: url.search,
          headers: req.headers,
          body: raw ? (req.headers['content-type']?.includes('json') ? JSON.parse(raw) : raw) : undefined,
        };
        fake.requests.push(recorded);
        const reply = fake.route(recorded);
        recorded.response = reply.body;
        const answer = () => {
          res.writeHead(reply.status, { ...(reply.body !== undefined ? { 'content-type': 'application/json' } : {}), ...reply.headers });
          res.end(reply.body !== undefined ? JSON.stringify(reply.body) : undefined);
        };
        if (reply.until) {
          // The client may have given up (timeout) while the reply was held.
          const late = () => void (res.destroyed || answer());
          void reply.until.then(late, late);
        } else {
          answer();
        }
        for (const waiter of [...fake.waiters]) {
          if (waiter.test(recorded)) {
            fake.waiters.splice(fake.waiters.indexOf(waiter), 1);
            waiter.resolve(recorded);
          }
        }
      });
    });
    wss.on('connection', (socket) => fake.onGatewayConnection(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** What to give the client as `rest.api` / DISCORD_API_URL. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  /** Answers the next `times` requests matching method and path pattern with `reply`. */
  respond(method: string, pattern: RegExp, reply: FakeReply | Handler, times = 1): void {
    this.overrides.push({ method, pattern, reply: typeof reply === 'function' ? reply : () => reply, times });
  }

  /** Requests so far matching method and path pattern. */
  find(method: string, pattern: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && pattern.test(r.path));
  }

  /** Resolves with the first request (already made or still to come) that passes `test`. */
  waitFor(test: (request: RecordedRequest) => boolean): Promise<RecordedRequest> {
    const seen = this.requests.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }

  reset(): void {
    this.requests.length = 0;
    this.overrides = [];
  }

  /** Resolves once a client has identified on the gateway. */
  waitForIdentify(): Promise<void> {
    if (this.gatewayFrames.some((f) => f.op === 2)) return Promise.resolve();
    return new Promise((resolve) => this.identified.push(resolve));
  }

  /** Sends a gateway dispatch (op 0) to every connected client. */
  dispatch(event: string, data: unknown): void {
    const frame = JSON.stringify({ op: 0, t: event, s: ++this.sequence, d: data });
    for (const socket of this.sockets) socket.send(frame);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private route(request: RecordedRequest): FakeReply {
    const override = this.overrides.find((o) => o.method === request.method && o.pattern.test(request.path));
    if (override) {
      override.times -= 1;
      if (override.times <= 0) this.overrides.splice(this.overrides.indexOf(override), 1);
      return override.reply(request);
    }
    const { method, path } = request;
    if (method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) return { status: 204 };
    if (method === 'PATCH' && /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/.test(path)) return { status: 200, body: this.message(request.body) };
    if (method === 'DELETE' && /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/.test(path)) return { status: 204 };
    if (method === 'POST' && /^\/webhooks\/\d+\/[^/]+$/.test(path)) return { status: 200, body: this.message(request.body) };
    const channelPost = /^\/channels\/(\d+)\/messages$/.exec(path);
    if (method === 'POST' && channelPost) return { status: 200, body: this.channelMessage(channelPost[1]!, request.body) };
    if (method === 'GET' && path === '/gateway/bot') {
      return {
        status: 200,
        body: { url: `ws://127.0.0.1:${this.port}/gateway`, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } },
      };
    }
    if (method === 'GET' && path === '/oauth2/applications/@me') return { status: 200, body: { id: APP_ID, name: 'paperbot', description: '', bot_public: true } };
    if (method === 'PUT' && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
      const body = request.body as Array<Record<string, unknown>>;
      return { status: 200, body: body.map((command, i) => ({ id: String(1200000000000000000n + BigInt(i)), application_id: APP_ID, version: '1', ...command })) };
    }
    return { status: 404, body: { message: '404: Not Found', code: 0 } };
  }

  /** A message object as Discord returns it for a webhook message. */
  private message(body: any): Record<string, unknown> {
    return { ...this.messageObject('1300000000000000001', 20, APP_ID, body), webhook_id: APP_ID, application_id: APP_ID };
  }

  /** A message as Discord returns it for a post by the bot user in a channel (a reply keeps its reference). */
  private channelMessage(channelId: string, body: any): Record<string, unknown> {
    const reference = body?.message_reference;
    return {
      ...this.messageObject(channelId, reference ? 19 : 0, BOT_USER_ID, body),
      ...(reference ? { message_reference: { type: 0, message_id: reference.message_id, channel_id: channelId } } : {}),
    };
  }

  /** The fields every message object the fake returns has: a new id, the posted body, no mentions. */
  private messageObject(channelId: string, type: number, authorId: string, body: any): Record<string, unknown> {
    return {
      id: String(++this.messageIds),
      channel_id: channelId,
      type,
      content: body?.content ?? '',
      author: { id: authorId, username: 'paperbot', discriminator: '0', global_name: null, avatar: null, bot: true },
      embeds: body?.embeds ?? [],
      components: body?.components ?? [],
      attachments: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      timestamp: new Date(0).toISOString(),
      edited_timestamp: null,
      flags: body?.flags ?? 0,
    };
  }

  private onGatewayConnection(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    // A long interval: no heartbeat is due during a test (and any that is sent gets its ACK).
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 45_000 } }));
    socket.on('message', (raw) => {
      const frame = JSON.parse(String(raw));
      this.gatewayFrames.push(frame);
      if (frame.op === 1) socket.send(JSON.stringify({ op: 11 }));
      if (frame.op === 2) {
        socket.send(
          JSON.stringify({
            op: 0,
            t: 'READY',
            s: ++this.sequence,
            d: {
              v: 10,
              user: { id: BOT_USER_ID, username: 'paperbot', discriminator: '0', global_name: null, avatar: null, bot: true },
              guilds: [],
              session_id: 'fake-session',
              resume_gateway_url: `ws://127.0.0.1:${this.port}/gateway`,
              shard: frame.d.shard,
              application: { id: APP_ID, flags: 0 },
            },
          }),
        );
        for (const resolve of this.identified.splice(0)) resolve();
      }
    });
  }
}
