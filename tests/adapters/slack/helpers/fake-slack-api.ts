import nock from 'nock';

/**
 * A stand-in for Slack's Web API and response_url endpoints, built on nock: every call is
 * recorded with its decoded body, and responses can be scripted per method (429s, 500s, delays,
 * held replies) before the defaults take over.
 */

let instances = 0;

export interface RecordedCall {
  /** Web API method (`chat.postMessage`) or `response_url`. */
  method: string;
  /** Path of a response_url call. */
  path: string;
  /** Decoded body: form fields (Web API; `blocks` parsed from JSON) or the JSON object (response_url). */
  body: Record<string, unknown>;
  authorization?: string;
  /** The HTTP status the fake answered (or will, for a held reply). */
  status: number;
  /** Whether the reply has been sent (false while a scripted delay or hold lasts). */
  answered: boolean;
  /** Scripted to answer late (the client may have given up waiting). */
  slow?: boolean;
  /** The body the fake answered with (e.g. a posted message's `ts`), once answered. */
  response?: unknown;
}

export interface ScriptedReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Wait this long before answering (a slow server, for timeouts). */
  delayMs?: number;
  /** Answer only when this promise settles (a held reply, for ordering tests). */
  until?: Promise<unknown>;
}

const BOT_IDENTITY = { ok: true, url: 'https://test.slack.com/', team: 'Test', user: 'paperbot', team_id: 'T1', user_id: 'UBOT', bot_id: 'BBOT' };

export class FakeSlackApi {
  readonly calls: RecordedCall[] = [];
  /** This fake's Web API host and base URL (SLACK_API_URL), its own so several fakes can coexist. */
  readonly apiOrigin: string;
  readonly apiUrl: string;
  /** This fake's host for response URLs. */
  readonly hooksOrigin: string;
  private readonly scripts = new Map<string, ScriptedReply[]>();
  private ts = 1;
  private responses = 0;
  private readonly interceptors: nock.Interceptor[] = [];

  /** Starts intercepting (call {@link close} after). */
  constructor() {
    const n = ++instances;
    this.apiOrigin = `http://api-${n}.slack.test`;
    this.apiUrl = `${this.apiOrigin}/api/`;
    this.hooksOrigin = `http://hooks-${n}.slack.test`;
    const fake = this;
    const api = nock(this.apiOrigin).persist().post(/^\/api\/[\w.]+$/);
    api.reply(function (uri, body) {
        return fake.reply(uri.replace(/^\/api\//, ''), uri, decodeForm(body), header(this.req.headers, 'authorization'));
      });
    const hooks = nock(this.hooksOrigin).persist().post(/.*/);
    hooks.reply(function (uri, body) {
        return fake.reply('response_url', uri, decodeJson(body), header(this.req.headers, 'authorization'));
      });
    this.interceptors.push(api, hooks);
  }

  /** A fresh response_url on this fake's hooks host (a credential in real life: tests check it is never logged). */
  responseUrl(): string {
    return `${this.hooksOrigin}/commands/T1/${++this.responses}/secret-response-token`;
  }

  /** The next replies to `method`, in order, before the defaults. */
  script(method: string, ...replies: ScriptedReply[]): void {
    this.scripts.set(method, [...(this.scripts.get(method) ?? []), ...replies]);
  }

  /** Recorded calls of one method (`response_url` for response URLs), or all. */
  of(method?: string): RecordedCall[] {
    return method ? this.calls.filter((call) => call.method === method) : this.calls;
  }

  /** Calls of one method that succeeded and were answered in time (what Slack accepted and showed). */
  delivered(method: string): RecordedCall[] {
    return this.of(method).filter((call) => call.status === 200 && call.answered && !call.slow);
  }

  /** Stops intercepting this fake's hosts (other fakes keep theirs). */
  close(): void {
    for (const interceptor of this.interceptors) nock.removeInterceptor(interceptor);
  }

  private async reply(method: string, path: string, body: Record<string, unknown>, authorization: string | undefined): Promise<[number, string, Record<string, string>]> {
    const scripted = this.scripts.get(method)?.shift();
    const status = scripted?.status ?? 200;
    const call: RecordedCall = { method, path, body, status, answered: false, ...(authorization ? { authorization } : {}), ...(scripted?.delayMs ? { slow: true } : {}) };
    this.calls.push(call);
    if (scripted?.until) await scripted.until;
    if (scripted?.delayMs) await new Promise((resolve) => setTimeout(resolve, scripted.delayMs));
    call.answered = true;
    const payload = scripted?.body ?? (status === 200 ? this.defaultBody(method, body) : '');
    call.response = payload;
    return [status, typeof payload === 'string' ? payload : JSON.stringify(payload), { 'content-type': 'application/json', ...scripted?.headers }];
  }

  private defaultBody(method: string, body: Record<string, unknown>): unknown {
    switch (method) {
      case 'auth.test':
        return BOT_IDENTITY;
      case 'chat.postMessage':
        return { ok: true, channel: body.channel, ts: `1800000000.${String(this.ts++).padStart(6, '0')}` };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `1800000000.${String(this.ts++).padStart(6, '0')}` };
      case 'response_url':
        return 'ok';
      default:
        return { ok: true };
    }
  }
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function decodeJson(body: unknown): Record<string, unknown> {
  return (typeof body === 'string' ? JSON.parse(body) : body) as Record<string, unknown>;
}

/** A Web API form body: fields as strings, `blocks` parsed back from JSON. */
function decodeForm(body: unknown): Record<string, unknown> {
  const text = typeof body === 'string' ? body : new URLSearchParams(body as Record<string, string>).toString();
  const fields: Record<string, unknown> = Object.fromEntries(new URLSearchParams(text));
  if (typeof fields.blocks === 'string') fields.blocks = JSON.parse(fields.blocks) as unknown;
  return fields;
}
