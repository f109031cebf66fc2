import { ConfigError, ErrorCode, PaperbotError } from '../../src/errors.js';
import { hostOf, NETWORK_CAUSES, networkCause } from '../network-cause.js';


/**
 * A failed start-up call to Slack's Web API (`auth.test` with SLACK_BOT_TOKEN, or
 * `apps.connections.open` with SLACK_APP_TOKEN) as a message that says what to fix. The Web API
 * client's own messages ("An API error occurred: invalid_auth", "A request error occurred:
 * fetch failed") name neither the variable nor the host.
 *
 * @param call the Web API method that failed
 * @param tokenVariable the environment variable whose token it was called with
 * @param apiUrl the Web API base URL it was called at
 */
export function slackStartError(error: unknown, call: string, tokenVariable: string, apiUrl: string): Error {
  const e = error as { code?: unknown; data?: { error?: unknown }; original?: unknown };
  if (e?.code === 'slack_webapi_platform_error' && typeof e.data?.error === 'string') {
    const fix = TOKEN_ERRORS.has(e.data.error) ? `check ${tokenVariable} (a token of this app, not revoked, for this workspace)` : 'see https://api.slack.com/methods/' + call;
    // A refused token is configuration (not retried until fixed); an unreachable host is not.
    return new ConfigError(`Slack refused ${tokenVariable} at ${call} (${e.data.error}): ${fix}`, { cause: error });
  }
  if (e?.code === 'slack_webapi_request_error' || e?.code === 'slack_webapi_http_error') {
    const host = hostOf(apiUrl);
    const network = networkCause(e.original ?? error);
    const cause = network ? `${network.code}: ${NETWORK_CAUSES[network.code] ?? network.message}` : firstMessage(e.original ?? error);
    return new PaperbotError(ErrorCode.ConfigInvalid, `Slack's Web API at ${host} could not be reached for ${call} (${cause}): check the network, a proxy, or SLACK_API_URL`, { cause: error });
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** Slack error codes that mean "this token is wrong". */
const TOKEN_ERRORS = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'not_allowed_token_type', 'invalid_token']);



function firstMessage(error: unknown): string {
  return error instanceof Error ? error.message.slice(0, 200) : String(error).slice(0, 200);
}
