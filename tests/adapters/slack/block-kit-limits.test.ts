import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { blockKitProblems } from '../../../adapters/slack/block-kit-limits.js';
import { Paperbot } from '../../../src/app/paperbot.js';
import { defaultCorpusPath } from '../../../src/config/package-root.js';
import { PaperIndex } from '../../../src/search/paper-index.js';
import { fixturePaper } from '../../helpers/sources.js';
import { startHttpSlack, type HttpSlack } from './helpers/harness.js';
import { expectWholeEntities, expectWithinBlockKitLimits } from './helpers/payload-checks.js';
import { mentionEvent } from './helpers/slack-requests.js';

type Posted = { text: string; blocks: Array<{ type: string; text?: { text: string } }> };

describe('Block Kit limits on the largest results the seeds give', () => {
  let slack: HttpSlack;
  beforeAll(async () => {
    slack = await startHttpSlack(await Paperbot.load(defaultCorpusPath()));
  });
  afterAll(async () => {
    await slack?.close();
  });
  beforeEach(() => {
    slack.api.calls.length = 0;
  });

  it.each(['search diffusion --limit 50', 'papers --limit 50', 'similar parallel-sampling-of-diffusion-ad4669 --limit 50'])('"/paper %s" fits one valid message listing all 50', async (command) => {
    await slack.sendCommand(command);
    const [page] = slack.api.of('response_url');
    const message = page!.body as unknown as Posted;
    expectWithinBlockKitLimits(message);
    expect(blockKitProblems(message as never)).toEqual([]);
    const text = message.blocks.map((b) => b.text?.text ?? '').join('\n');
    for (let n = 1; n <= 50; n++) expect(text).toContain(`*[${n}]*`);
  });

  it('keeps "More results" for a long query, its value within 2000 characters', async () => {
    const query = 'diffusion ' + '"sampling" '.repeat(44);
    await slack.sendCommand(`search ${query.trim()}`);
    const message = slack.api.of('response_url')[0]!.body as unknown as Posted;
    expectWithinBlockKitLimits(message);
    expect(JSON.stringify(message.blocks)).toContain('"action_id":"paperbot_more.slash"');
  });
});

describe('Block Kit limits on a corpus of enormous papers', () => {
  let slack: HttpSlack;
  const sentence = 'Diffusion sampling & <speed> matter here. ';
  beforeAll(async () => {
    const papers = Array.from({ length: 8 }, (_, i) =>
      fixturePaper(`huge-${i}`, `Diffusion sampling & <huge> title ${i} `.repeat(200), sentence.repeat(600), { authors: Array.from({ length: 300 }, (_, j) => `Author ${j}`) }),
    );
    slack = await startHttpSlack(new Paperbot(PaperIndex.build(papers)));
  });
  afterAll(async () => {
    await slack?.close();
  });

  it('splits a 25,000-character abstract into sections of at most 3000 characters, never mid-entity', async () => {
    await slack.sendCommand('show huge-0');
    const message = slack.api.of('response_url')[0]!.body as unknown as Posted;
    expectWithinBlockKitLimits(message);
    const sections = message.blocks.filter((b) => b.type === 'section').map((b) => b.text!.text);
    expect(sections.length).toBeGreaterThan(8);
    for (const text of sections) expectWholeEntities(text.replace(/<https?:[^>]*>/g, ''));
  });

  it('answers, lists and shows papers with enormous titles within every limit', async () => {
    slack.api.calls.length = 0;
    await slack.sendEvent(mentionEvent('diffusion sampling speed'));
    await slack.sendCommand('search diffusion sampling --limit 50');
    await slack.sendCommand('similar huge-1');
    const messages = slack.api.calls.filter((call) => call.method !== 'auth.test').map((call) => call.body);
    expect(messages).toHaveLength(3);
    for (const message of messages) {
      expectWithinBlockKitLimits(message);
      expect(blockKitProblems(message as never)).toEqual([]);
      for (const text of (message as unknown as Posted).blocks.flatMap((b) => (b.text ? [b.text.text] : []))) {
        expectWholeEntities(text.replace(/<https?:[^>]*>/g, ''));
      }
    }
  });
});
