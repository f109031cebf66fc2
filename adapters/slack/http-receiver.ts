import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import {
  HTTPModuleFunctions,
  HTTPReceiver,
  isRawBodyError,
  verifySlackRequest,
  type BufferedIncomingMessage,
  type CustomRoute,
  type Logger as BoltLogger,
} from '@slack/bolt';
import type { Logger } from '../../src/log/logger.js';
import type { Clock } from '../../src/time/clock.js';
import { describeError } from './describe-error.js';

/** Largest request body accepted (Bolt's own default, 4 MB); a bigger one is answered 413. */
export const MAX_BODY_BYTES = HTTPModuleFunctions.defaultBodyLimit;
/** A request whose signed timestamp is further than this from now, either way, is refused (Slack's rule is 5 minutes back; we apply it forward too). */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;
/** Where Slack POSTs events, commands and interactions. */
export const EVENTS_PATH = '/slack/events';

export interface GuardedReceiverOptions {
  signingSecret: string;
  port: number;
  processBeforeResponse: boolean;
  /** Bolt's logger (scrubbed, see bolt-logger.ts). */
  boltLogger: BoltLogger;
  /** paperbot's logger, for the guard's own lines. */
  logger: Logger;
  scrub: (text: string) => string;
  /** The time request timestamps are checked against. */
  clock: Clock;
  /** Extra GET routes (the health endpoint). Default none. */
  customRoutes?: CustomRoute[];
}

/**
 * Bolt's HTTP receiver behind a guard that checks every POST to /slack/events before Bolt's code
 * sees it: body size, signature, timestamp (both ways, against `clock`) and that the body parses
 * to an object. Bolt reads `body.ssl_check` unguarded in a promise nobody awaits, so a signed
 * `null` body (or form `payload=null`) was an unhandled rejection that ended the process. Here it
 * is a 400, and anything else thrown while a request is handled is logged and answered 500: one
 * request never takes the process down.
 *
 * Bolt's own signature check is switched off because this guard does it, with the injectable
 * clock (Bolt's uses Date.now() and lets future timestamps through). The guard replaces the
 * receiver's `requestListener`, which is what Bolt's server calls, so nothing reaches Bolt unchecked.
 */
export function guardedHttpReceiver(options: GuardedReceiverOptions): HTTPReceiver {
  const { logger, scrub } = options;
  const fail = (error: unknown, req: IncomingMessage, res: ServerResponse, message: string) => {
    logger.error({ source: 'slack', method: req.method, path: pathOf(req), err: describeError(error, scrub) }, message);
    if (!res.headersSent) HTTPModuleFunctions.buildNoBodyResponse(res, 500);
    else if (!res.writableEnded) res.end();
  };
  const receiver = new HTTPReceiver({
    signingSecret: options.signingSecret,
    signatureVerification: false,
    endpoints: [EVENTS_PATH],
    port: options.port,
    processBeforeResponse: options.processBeforeResponse,
    logger: options.boltLogger,
    customRoutes: options.customRoutes ?? [],
    // A throw while Bolt routes a request (or an unknown path): 404 for the latter, else logged 500.
    dispatchErrorHandler: ({ error, request, response }) => {
      if ((error as { code?: string }).code === 'slack_bolt_http_receiver_deferred_request_error') {
        HTTPModuleFunctions.buildNoBodyResponse(response, 404);
        return;
      }
      fail(error, request, response, 'Slack request failed');
    },
  });
  const bolt = receiver.requestListener;
  receiver.requestListener = (req, res) => {
    const handled = req.method === 'POST' && pathOf(req) === EVENTS_PATH ? checkThenPass(req, res) : Promise.resolve(bolt(req, res));
    void handled.catch((error: unknown) => fail(error, req, res, 'Slack request failed'));
  };

  async function checkThenPass(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let buffered: BufferedIncomingMessage;
    try {
      buffered = await HTTPModuleFunctions.bufferIncomingMessage(req, MAX_BODY_BYTES);
    } catch (error) {
      if (isRawBodyError(error) && (error.type === 'entity.too.large' || error.statusCode === 413)) {
        logger.warn({ source: 'slack', limit: MAX_BODY_BYTES }, 'Slack request refused: body over the size limit');
        return HTTPModuleFunctions.buildNoBodyResponse(res, 413);
      }
      throw error;
    }
    const text = buffered.rawBody.toString();
    if (isSslCheck(req, text)) return HTTPModuleFunctions.buildSSLCheckResponse(res);
    const refusal = verify(req, text, options.signingSecret, options.clock.now());
    if (refusal) {
      logger.warn({ source: 'slack' }, `Failed to parse and verify the request data: ${refusal}`);
      return HTTPModuleFunctions.buildNoBodyResponse(res, 401);
    }
    const problem = bodyProblem(buffered);
    if (problem) {
      logger.warn({ source: 'slack' }, `Slack request refused: ${problem}`);
      return HTTPModuleFunctions.buildNoBodyResponse(res, 400);
    }
    bolt(buffered, res);
  }
  return receiver;
}

/** Slack's unsigned SSL check: a form with `ssl_check=1` (answered 200, never passed on). */
function isSslCheck(req: IncomingMessage, text: string): boolean {
  return req.headers['content-type'] === 'application/x-www-form-urlencoded' && parseQuery(text).ssl_check === '1';
}

/** Why the request is not from Slack, or undefined when it is. */
function verify(req: IncomingMessage, body: string, signingSecret: string, nowMs: number): string | undefined {
  const signature = req.headers['x-slack-signature'];
  const timestamp = req.headers['x-slack-request-timestamp'];
  if (typeof signature !== 'string' || typeof timestamp !== 'string') return 'missing x-slack-signature or x-slack-request-timestamp';
  const seconds = Number(timestamp);
  if (!/^\d{1,12}$/.test(timestamp)) return 'x-slack-request-timestamp is not a number of seconds';
  // Both ways: a request dated in the future is as much a replay risk as a stale one.
  if (Math.abs(nowMs - seconds * 1000) > MAX_CLOCK_SKEW_MS) return 'x-slack-request-timestamp is more than 5 minutes from now';
  try {
    verifySlackRequest({ signingSecret, body, headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': seconds }, nowMilliseconds: nowMs });
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Why Bolt could not handle this body (it must parse to a JSON object), or undefined. */
function bodyProblem(req: BufferedIncomingMessage): string | undefined {
  let body: unknown;
  try {
    body = HTTPModuleFunctions.parseHTTPRequestBody(req);
  } catch (error) {
    return `malformed body (${(error as Error).message.slice(0, 100)})`;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return `body is ${body === null ? 'null' : Array.isArray(body) ? 'an array' : typeof body}, not an object`;
  return undefined;
}

function pathOf(req: IncomingMessage): string {
  try {
    return new URL(req.url ?? '/', 'http://localhost').pathname;
  } catch {
    return '';
  }
}
