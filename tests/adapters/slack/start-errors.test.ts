import { describe, expect, it } from 'vitest';
import { webApi } from '@slack/bolt';
import { slackStartError } from '../../../adapters/slack/start-errors.js';

/** The Web API client's error for a call that got no answer, around a network error. */
function requestError(code: string, message: string): Error {
  const network = Object.assign(new Error(message), { code });
  return Object.assign(new Error(`A request error occurred: ${message}`), { code: webApi.ErrorCode.RequestError, original: network });
}

describe('slackStartError: a failed start-up call says what to fix', () => {
  it('a refused token names the variable, the call and Slack’s error code', () => {
    const refused = Object.assign(new Error('An API error occurred: invalid_auth'), { code: webApi.ErrorCode.PlatformError, data: { ok: false, error: 'invalid_auth' } });
    expect(slackStartError(refused, 'auth.test', 'SLACK_BOT_TOKEN', 'https://slack.com/api/').message).toBe(
      'Slack refused SLACK_BOT_TOKEN at auth.test (invalid_auth): check SLACK_BOT_TOKEN (a token of this app, not revoked, for this workspace)',
    );
  });

  it('an unknown host names the host and DNS', () => {
    const message = slackStartError(requestError('ENOTFOUND', 'getaddrinfo ENOTFOUND slack.com'), 'auth.test', 'SLACK_BOT_TOKEN', 'https://slack.com/api/').message;
    expect(message).toBe("Slack's Web API at slack.com could not be reached for auth.test (ENOTFOUND: the host name does not resolve (DNS)): check the network, a proxy, or SLACK_API_URL");
  });

  it('a cause found deeper in the chain (fetch failed → cause) is named too', () => {
    const deep = Object.assign(new Error('fetch failed'), { cause: Object.assign(new Error('connect ETIMEDOUT 1.2.3.4:443'), { code: 'ETIMEDOUT' }) });
    const wrapped = Object.assign(new Error('A request error occurred: fetch failed'), { code: webApi.ErrorCode.RequestError, original: deep });
    expect(slackStartError(wrapped, 'auth.test', 'SLACK_BOT_TOKEN', 'https://example.test:8443/api/').message).toMatch(/^Slack's Web API at example\.test:8443 could not be reached for auth\.test \(ETIMEDOUT: the connection timed out\)/);
  });

  it('leaves any other error as it is', () => {
    const other = new RangeError('something else');
    expect(slackStartError(other, 'auth.test', 'SLACK_BOT_TOKEN', 'https://slack.com/api/')).toBe(other);
  });
});
