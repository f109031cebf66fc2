import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Paperbot } from '../../../src/app/paperbot.js';
import { PaperIndex } from '../../../src/search/paper-index.js';
import { fixturePaper } from '../../helpers/sources.js';
import { startHttpSlack, type HttpSlack } from './helpers/harness.js';
import { allStrings, expectNothingPingable, expectWithinBlockKitLimits } from './helpers/payload-checks.js';
import { dmEvent, mentionEvent } from './helpers/slack-requests.js';

/**
 * Text from papers and from users is data, never markup: whatever a title, an abstract, an author
 * list, a link or a question contains, nothing posted can ping a person, a channel or a group,
 * link elsewhere, or reformat the message.
 */
const HOSTILE_TITLE = '<!everyone> *Fast* _Diffusion_ ~Sampling~ `rm -rf` & <@U999> <#C1|general> <!subteam^S1|@ml> @here';
const HOSTILE_ABSTRACT =
  'We speed up diffusion sampling for <!channel> and @everyone with one trick. ' +
  'Diffusion sampling becomes fast & <b>bold</b> with <https://evil.test|a link>. ' +
  '<@U123> reports diffusion sampling at 2x speed.';

let slack: HttpSlack;

beforeAll(async () => {
  const papers = [
    fixturePaper('hostile', HOSTILE_TITLE, HOSTILE_ABSTRACT, {
      authors: ['<!here>', 'Eve <@U1>'],
      links: [{ kind: 'paper', url: 'https://example.org/p?a=1&b=2|<!here>' }, { kind: 'project', url: 'javascript:alert(1)' }],
    }),
    fixturePaper('plain', 'Faster Diffusion Sampling with Solvers', 'Diffusion sampling is slow. A solver makes diffusion sampling faster.'),
    fixturePaper('other', 'Label Smoothing Revisited', 'Label smoothing changes calibration.'),
  ];
  slack = await startHttpSlack(new Paperbot(PaperIndex.build(papers)));
});
afterAll(async () => {
  await slack?.close();
});
beforeEach(() => {
  slack.api.calls.length = 0;
});

/** Every payload the app sent to Slack, from every endpoint. */
const sent = () => slack.api.calls.filter((call) => call.method !== 'auth.test').map((call) => call.body);

describe('mention injection', () => {
  it('a question full of mentions and markup is answered, echoed escaped, and pings no one', async () => {
    // As Slack delivers what the user typed: "@channel @someone & <script> diffusion sampling"
    await slack.sendEvent(mentionEvent('<!channel> <@U123> &amp; &lt;script&gt; diffusion sampling'));

    const [reply] = sent();
    expect(JSON.stringify(reply!.blocks)).toContain('Question: @\u2060channel @U123 &amp; &lt;script&gt; diffusion sampling');
    expectNothingPingable(sent());
  });

  it('raw markup a client did not escape is neutralised the same way', async () => {
    await slack.sendCommand('<!here> & <script>alert(1)</script> diffusion sampling');
    expect(sent()).toHaveLength(1);
    expectNothingPingable(sent());
  });

  it('a paper whose title, authors, abstract and links carry mentions pings no one, in any result', async () => {
    await slack.sendEvent(mentionEvent('diffusion sampling'));
    await slack.sendCommand('search diffusion sampling');
    await slack.sendCommand('show hostile');
    await slack.sendCommand('similar plain');
    await slack.sendEvent(dmEvent('show hostile'));
    await slack.click({ actionId: 'paperbot_similar.thread.1', value: 'plain', threadTs: '1700000000.000001' });

    const payloads = sent();
    expect(payloads).toHaveLength(6);
    expectNothingPingable(payloads);
    for (const payload of payloads) expectWithinBlockKitLimits(payload);
    const text = allStrings(payloads).join('\n');
    expect(text).toContain('We speed up diffusion sampling for &lt;!channel&gt; and @\u2060everyone with one trick.');
    expect(text).toContain('&lt;!everyone&gt; \u2217Fast\u2217 \u02cdDiffusion\u02cd \u223cSampling\u223c \u02cbrm -rf\u02cb &amp; &lt;@U999&gt;');
  });

  it('links only to the http(s) URL it was given, made safe; never to javascript: or to a URL smuggled in text', async () => {
    await slack.sendCommand('show hostile');
    const links = allStrings(sent()).flatMap((text) => [...text.matchAll(/<(https?:\/\/[^|>]+)\|/g)].map((m) => m[1]));
    expect(new Set(links)).toEqual(new Set(['https://example.org/p?a=1&amp;b=2%7C%3C!here%3E']));
    expect(allStrings(sent()).join('\n')).not.toContain('javascript:');
  });

  it('keeps formatting characters in titles from formatting the message', async () => {
    await slack.sendCommand('search diffusion sampling');
    const [list] = sent();
    const entry = allStrings(list!.blocks).find((text) => text.includes('Fast'))!;
    expect(entry).not.toMatch(/[*_~`]Fast|Diffusion[*_~`]/);
  });
});
