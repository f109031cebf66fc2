/**
 * Digest topics with filters in plain words ("diffusion with code", "video since 2024", "with
 * code" alone, "by Song", "not video", "most upvoted"), on a small synthetic corpus whose every
 * fact is known: which papers a digest picks for each topic, how the topic is read, and that
 * relative dates count from the digest run's clock — with each paper still sent only once.
 */
import { describe, expect, it } from 'vitest';
import { LocalIndexService } from '../../src/app/local-index-service.js';
import type { Paper } from '../../src/corpus/paper.js';
import { describeTopicReading, topicWords } from '../../src/digest/digest-topic.js';
import { runDueDigests } from '../../src/digest/run-digests.js';
import { toSubscription } from '../../src/digest/subscriptions.js';
import { silentLogger } from '../../src/log/logger.js';
import { PaperIndex } from '../../src/search/paper-index.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { FakePoster } from './fake-poster.js';

/** Monday 2 March 2026, 09:00 UTC: "from last week" is since 23 February. */
const NOW = Date.parse('2026-03-02T09:00:00Z');

function paper(id: string, title: string, abstract: string, facts: { published?: string; authors?: string[]; upvotes?: number; code?: boolean }): Paper {
  const { code, ...rest } = facts;
  return { id, title, abstract, ...rest, links: code ? [{ kind: 'github', url: `https://github.com/example/${id}` }] : [], sources: [] };
}

const PAPERS: Paper[] = [
  paper('kestrel', 'Kestrel: one-step diffusion sampling', 'We propose a diffusion sampler that needs a single step.', { published: '2026-02-27', authors: ['Yang Song', 'Ilse Marchetti'], upvotes: 5, code: true }),
  paper('audio-diffusion', 'Diffusion models for audio synthesis', 'We study diffusion models that synthesise speech and music.', { published: '2023-05-01', authors: ['Ada Lovelace'], upvotes: 40, code: true }),
  paper('distill', 'Progressive distillation of diffusion models', 'We distill a diffusion teacher into a student with half the steps.', { published: '2025-06-01', authors: ['Grace Hopper'], upvotes: 12 }),
  paper('video-diffusion', 'Video diffusion models', 'We extend diffusion models to video generation.', { published: '2024-03-10', authors: ['Yang Song'], upvotes: 80 }),
  paper('video-transformer', 'Video generation with transformers', 'We generate video clips with a transformer over frame tokens.', { published: '2025-01-05', authors: ['Alan Turing'], upvotes: 3, code: true }),
  paper('video-prediction', 'Video prediction with recurrent networks', 'We predict future video frames with a recurrent network.', { published: '2022-01-01', authors: ['Edsger Dijkstra'], upvotes: 1 }),
  paper('grasping', 'Robot grasping from pixels', 'We learn robot grasping policies from camera pixels.', { published: '2026-02-25', authors: ['Barbara Liskov'], upvotes: 7, code: true }),
  // Nothing known but its text: no date, authors, upvotes or code.
  paper('graph-diffusion', 'Diffusion on graphs', 'We study heat diffusion on graphs and its spectra.', {}),
];

const service = new LocalIndexService(PaperIndex.build(PAPERS));
const pick = (topic: string, now = NOW, posted: string[] = []) => service.digestPapers(posted, 10, topic, undefined, now).then((papers) => papers.map((p) => p.id));
const sorted = (ids: string[]) => [...ids].sort();

describe('digest topics with filters in plain words: which papers a digest picks', () => {
  // Where the filters fix the order (dates, upvotes), the exact list; where relevance does, the set.
  it.each<[string, string[], 'in order' | 'any order', string]>([
    ['diffusion', ['kestrel', 'audio-diffusion', 'distill', 'video-diffusion', 'graph-diffusion'], 'any order', 'a plain topic: every paper matching it, as before'],
    ['diffusion with code', ['kestrel', 'audio-diffusion'], 'any order', 'only papers with code, ranked by "diffusion"'],
    ['with code', ['kestrel', 'grasping', 'video-transformer', 'audio-diffusion'], 'in order', 'no words left: newest first among papers with code'],
    ['video since 2024', ['video-diffusion', 'video-transformer'], 'any order', 'video papers dated 2024 or later'],
    ['video before 2023', ['video-prediction'], 'in order', 'video papers dated before 2023'],
    ['by Song', ['kestrel', 'video-diffusion'], 'in order', 'an author alone: newest first'],
    ['diffusion by Song', ['kestrel', 'video-diffusion'], 'any order', 'an author and a topic'],
    ['not video', ['kestrel', 'grasping', 'distill', 'audio-diffusion', 'graph-diffusion'], 'in order', 'an exclusion alone: the newest of the rest, undated last'],
    ['diffusion, not video', ['kestrel', 'audio-diffusion', 'distill', 'graph-diffusion'], 'any order', 'a topic and an exclusion'],
    ['with code, not video', ['kestrel', 'grasping', 'audio-diffusion'], 'in order', 'two filters and no words'],
    ['most upvoted', ['video-diffusion', 'audio-diffusion', 'distill', 'grasping', 'kestrel', 'video-transformer', 'video-prediction', 'graph-diffusion'], 'in order', 'every paper, most upvoted first, uncounted last'],
    ['diffusion most upvoted', ['video-diffusion', 'audio-diffusion', 'distill', 'kestrel', 'graph-diffusion'], 'in order', 'a topic by upvotes'],
    ['latest video', ['video-transformer', 'video-diffusion', 'video-prediction'], 'in order', 'a topic by date'],
    ['diffusion from last week', ['kestrel'], 'in order', 'a relative date, from the run\'s time'],
    ['with code this year', ['kestrel', 'grasping'], 'in order', 'code and a relative date'],
  ])('"%s" → %j (%s: %s)', async (topic, expected, order) => {
    const ids = await pick(topic);
    expect(order === 'in order' ? ids : sorted(ids)).toEqual(order === 'in order' ? expected : sorted(expected));
  });

  it('counts relative dates back from the moment given: "from last week" three weeks later keeps nothing', async () => {
    expect(await pick('diffusion from last week', Date.parse('2026-03-23T09:00:00Z'))).toEqual([]);
    expect(await pick('with code since last month', Date.parse('2026-03-20T09:00:00Z'))).toEqual(['kestrel', 'grasping']);
  });

  it('never picks a paper already posted to the channel', async () => {
    expect(await pick('with code', NOW, ['kestrel', 'video-transformer'])).toEqual(['grasping', 'audio-diffusion']);
  });

  it('re-ranks the filtered papers by the channel\'s votes, never letting in one the filters keep out', async () => {
    const liked = await service.digestPapers([], 10, 'with code', { liked: ['grasping'], disliked: ['kestrel'] }, NOW);
    expect(sorted(liked.map((p) => p.id))).toEqual(sorted(['kestrel', 'grasping', 'video-transformer', 'audio-diffusion']));
    expect(liked[0]!.id).toBe('grasping');
  });
});

describe('how a digest topic is read (shown by subscribe, status and preview)', () => {
  it.each([
    ['diffusion with code', 'topic: diffusion · filters: with code'],
    ['with code', 'any topic · filters: with code · newest first'],
    ['by Song', 'any topic · filters: by Song · newest first (authors known for 7 of 8 papers; 2 match)'],
    ['not video', 'any topic · filters: not "video" · newest first'],
    ['most upvoted', 'any topic · filters: most upvoted first (upvotes known for 7 of 8 papers)'],
    ['video since 2024', 'topic: video · filters: since 2024-01-01'],
    ['diffusion from last week', 'topic: diffusion · filters: since 2026-02-23 (dates known for 4 of 5 papers; 1 match)'],
    ['diffusion since 2030', 'topic: diffusion · filters: since 2030-01-01 (dates known for 4 of 5 papers; 0 match; no paper in the corpus passes them yet)'],
  ])('"%s" → "%s"', async (topic, line) => {
    const reading = await service.digestTopic(topic, NOW);
    expect(reading && describeTopicReading(reading)).toBe(line);
  });

  it('a topic without filter words has no reading (shown as before)', async () => {
    expect(await service.digestTopic('video generation', NOW)).toBeUndefined();
    // "from scratch" is no author, "without labels" a method: topics, not filters.
    expect(await service.digestTopic('diffusion from scratch without labels', NOW)).toBeUndefined();
  });

  it('gists are picked by the topic\'s words, not its filter words', () => {
    expect(topicWords('diffusion with code since 2024')).toBe('diffusion');
    expect(topicWords('with code')).toBeUndefined();
    expect(topicWords('video generation')).toBe('video generation');
  });
});

describe('scheduled digests of a filtered topic', () => {
  it('"with code from last week": each run counts back from its own day, and never sends a paper twice', async () => {
    const store = new MemoryStore();
    await store.upsertSubscription(toSubscription({ platform: 'slack', channel: 'C0TOPICS1', topic: 'with code from last week', count: 1 }, NOW));
    const poster = new FakePoster('slack');
    const sent: string[][] = [];
    for (const day of ['2026-03-02', '2026-03-03', '2026-03-05']) {
      const report = await runDueDigests({ store, index: service, posters: { slack: poster }, now: Date.parse(`${day}T09:00:00Z`), logger: silentLogger });
      expect(report.sent).toEqual([`slack:C0TOPICS1:${day}`]);
      sent.push(poster.attempts.at(-1)!.digest.items.map((item) => item.id));
    }
    // 2 March: since 23 Feb, the newest with code; 3 March: the next one; 5 March: since 26 Feb,
    // and Kestrel (27 Feb) was sent already: nothing new.
    expect(sent).toEqual([['kestrel'], ['grasping'], []]);
    expect(poster.attempts[0]!.digest.topic).toBe('with code from last week');
  });
});
