import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Paperbot } from '../../../src/app/paperbot.js';
import { defaultCorpusPath } from '../../../src/config/package-root.js';
import { MemoryStore } from '../../../src/store/memory-store.js';
import { startHttpSlack, type HttpSlack } from './helpers/harness.js';
import { CHANNEL, USER } from './helpers/slack-requests.js';

/** 👍/👎 under a digest paper, clicked in Slack: the vote lands in the store, confirmed to the voter only. */

let bot: Paperbot;
let store: MemoryStore;
let slack: HttpSlack;
let paperId: string;

beforeAll(async () => {
  store = new MemoryStore();
  bot = await Paperbot.load(defaultCorpusPath(), { store });
  slack = await startHttpSlack(bot);
  paperId = (await bot.withIndex(async (index) => (await index.recent({ offset: 0, limit: 1 })).papers[0]!.paper.id));
});
afterAll(async () => {
  await slack?.close();
});
beforeEach(async () => {
  slack.api.calls.length = 0;
  await store.clearVotes('slack', CHANNEL);
});

describe('digest vote buttons (Slack)', () => {
  it('👍 records the clicker’s vote for the paper in that channel, and tells only the clicker', async () => {
    const response = await slack.click({ actionId: 'paperbot_vote.up.1', value: paperId });
    expect(response.status).toBe(200);
    expect(await store.listVotes('slack', CHANNEL)).toMatchObject([{ paperId, user: USER, vote: 1 }]);
    const [reply] = slack.api.of('response_url');
    expect(reply!.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(JSON.stringify(reply!.body)).toContain('👍 Noted');
    expect(slack.api.of('chat.postMessage')).toEqual([]);
  });

  it('👎 after 👍 changes the vote: one per user and paper', async () => {
    await slack.click({ actionId: 'paperbot_vote.up.1', value: paperId });
    await slack.click({ actionId: 'paperbot_vote.down.1', value: paperId });
    await slack.click({ actionId: 'paperbot_vote.up.1', value: paperId, user: 'U2' });
    expect((await store.listVotes('slack', CHANNEL)).map((v) => [v.user, v.vote])).toEqual([
      [USER, -1],
      ['U2', 1],
    ]);
  });

  it('a damaged paper id stores nothing and answers with an ephemeral error', async () => {
    await slack.click({ actionId: 'paperbot_vote.up.1', value: 'no-such-paper' });
    expect(await store.listVotes('slack', CHANNEL)).toEqual([]);
    const [reply] = slack.api.of('response_url');
    expect(reply!.body).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(reply!.body)).toContain('names no paper of the corpus');
  });
});
