import { describe, expect, it } from 'vitest';
import { renderResult as renderDiscord } from '../../adapters/discord/render-embeds.js';
import { messageProblems } from '../../adapters/discord/discord-limits.js';
import { renderResult as renderSlack, visibilityOf } from '../../adapters/slack/render-blocks.js';
import type { WhyResult } from '../../src/commands/results.js';
import { whyWording } from '../../src/render/format-why.js';
import { renderText } from '../../src/render/text.js';
import { expectNothingPingable, expectWithinBlockKitLimits } from '../adapters/slack/helpers/payload-checks.js';
import { source } from '../helpers/sources.js';

const why = (extra: Partial<WhyResult> = {}): WhyResult => ({
  kind: 'why',
  paper: source(2, 'fast-sampling', 'Fast Sampling of Diffusion Models'),
  basis: { kind: 'query', text: 'diffusion sampling video' },
  matched: [
    { word: 'diffusion', title: 1, abstract: 3 },
    { word: 'sampling', title: 1, abstract: 0 },
  ],
  missing: ['video'],
  quoted: [],
  sentence: { text: 'We propose a solver that speeds up diffusion sampling.', highlights: [[35, 44], [45, 53]] },
  rank: 2,
  total: 41,
  filters: ['since 2024-01-01'],
  ...extra,
});

describe('a why result, in every front-end', () => {
  it('is worded once: what it matched against and its rank, each word with where it occurs, the words it lacks, the filters', () => {
    expect(whyWording(why())).toMatchObject({
      heading: 'Why [2] is listed',
      basis: 'For the search "diffusion sampling video": ranked 2 of 41.',
      words: ['diffusion: title 1×, abstract 3×', 'sampling: title 1×'],
      missing: 'Not in it: video',
      filters: 'Passes the filters: since 2024-01-01',
    });
    expect(whyWording(why({ rank: undefined })).basis).toBe('For the search "diffusion sampling video": not in the ranking of 41.');
  });

  it('as terminal text: the words, the sentence that matched, and what to do next', () => {
    const text = renderText(why());
    expect(text).toContain('Why [2] is listed: Fast Sampling of Diffusion Models');
    expect(text).toContain('  diffusion: title 1×, abstract 3×');
    expect(text).toContain('Not in it: video');
    expect(text).toContain('“We propose a solver that speeds up diffusion sampling.”');
    expect(text).toContain('"show 2" opens it');
  });

  it('after an answer, shows the quoted sentences instead of the best-matching one', () => {
    const text = renderText(why({ basis: { kind: 'question', text: 'q?' }, quoted: ['First quoted.', 'Second quoted.'] }));
    expect(text).toContain('The answer quoted these sentences:');
    expect(text).toContain('“First quoted.”');
    expect(text).not.toContain('The sentence that matched best');
  });

  it('in Slack: public, within Block Kit limits, the matched words bold in the quote, nothing pingable from hostile text', () => {
    const hostile = why({ paper: source(2, 'x', '<!channel> *bold* @everyone'), basis: { kind: 'query', text: '<!here> `q`' } });
    const message = renderSlack(hostile, 'thread');
    expect(visibilityOf(hostile)).toBe('public');
    expectWithinBlockKitLimits(message);
    expectNothingPingable(message);
    expect(JSON.stringify(renderSlack(why(), 'thread').blocks)).toContain('*diffusion*');
  });

  it('in Discord: one embed within limits, the paper offered for "Similar", no mention syntax left', () => {
    const rendered = renderDiscord(why({ paper: source(2, 'x', '@everyone <@123> **t**') }));
    expect(rendered.ephemeral).toBe(false);
    expect(rendered.similar).toEqual([{ n: 2, id: 'x' }]);
    expect(messageProblems({ embeds: rendered.embeds, components: [] })).toEqual([]);
    expect(JSON.stringify(rendered.embeds)).not.toMatch(/@everyone|@here|(?<!\\)<@/);
  });
});
