/**
 * The Slack front-end (issue #4): a thin adapter over the core — it translates Slack events into
 * `Paperbot` calls and renders the results as Block Kit. `startSlack` for `npm start`,
 * `createSlackApp` to build the Bolt app without starting it (tests, custom hosting).
 */
export { createSlackApp, DEFAULT_PORT, DEFAULT_SLACK_API_URL, type SlackAppOptions } from './app.js';
export { startSlack, type SlackHandle, type StartSlackOptions } from './start.js';
export { botHealth, HEALTH_PATH, type HealthCheck, type HealthReport } from './health-route.js';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.js';
export { renderResult, visibilityOf } from './render-blocks.js';
export { SEARCHING_DELAY_MS, SEARCHING_TEXT } from './searching-placeholder.js';
export type { SlackMessage, Surface, Visibility } from './slack-message.js';
