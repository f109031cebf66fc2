import { describe, expect, it } from 'vitest';
import { slackTextToPlain } from '../../../adapters/slack/slack-text.js';

describe('slackTextToPlain: incoming Slack text as the plain question', () => {
  it("drops the bot's own mention, wherever it is and however it is labelled", () => {
    expect(slackTextToPlain('<@UBOT> which papers speed up diffusion sampling?', 'UBOT')).toBe('which papers speed up diffusion sampling?');
    expect(slackTextToPlain('hey <@UBOT|paperbot>, show 2', 'UBOT')).toBe('hey , show 2');
  });

  it('decodes the entities Slack sends for &, < and >', () => {
    expect(slackTextToPlain('a &amp; b &lt;script&gt;', 'UBOT')).toBe('a & b <script>');
    expect(slackTextToPlain('&amp;lt; stays text', 'UBOT')).toBe('&lt; stays text');
  });

  it('turns mentions, channels, broadcasts and links into the words Slack displays', () => {
    expect(slackTextToPlain('<@U123> <@U9|ann> <#C1|general> <#C2>', 'UBOT')).toBe('@U123 @ann #general #C2');
    expect(slackTextToPlain('<!channel> <!here> <!everyone> <!subteam^S1|@ml-team> <!subteam^S2>', 'UBOT')).toBe('@channel @here @everyone @ml-team @S2');
    expect(slackTextToPlain('see <https://arxiv.org/abs/1|the paper> and <https://x.test>', 'UBOT')).toBe('see the paper and https://x.test');
  });

  it('keeps other users\' mentions when no bot id is known', () => {
    expect(slackTextToPlain('<@UBOT> hi')).toBe('@UBOT hi');
  });
});
