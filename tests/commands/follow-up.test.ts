import { describe, expect, it } from 'vitest';
import { runText } from '../../src/commands/run-command.js';
import type { AnswerResult, CommandResult, ErrorResult, PaperDetailResult, PaperListResult, WhyResult } from '../../src/commands/results.js';
import { refineFilters } from '../../src/commands/follow-up.js';
import type { Paper } from '../../src/corpus/paper.js';
import { PaperIndex } from '../../src/search/paper-index.js';
import type { Session } from '../../src/session/session.js';

const github = [{ kind: 'github' as const, url: 'https://github.com/x/y' }];
const paper = (id: string, title: string, abstract: string, extra: Partial<Paper> = {}): Paper => ({ id, title, abstract, links: [], sources: [{ file: 'test.jsonl', line: 1 }], ...extra });

const papers: Paper[] = [
  paper('fast-2022', 'Fast sampling of diffusion models with few steps', 'We propose a solver that speeds up diffusion sampling to ten steps. Image quality is kept on standard benchmarks.', { published: '2022-05-01' }),
  paper('fast-2024', 'Accelerating diffusion sampling by distillation', 'We distill a diffusion model into a student that samples in one step. Sampling is forty times faster with the same image quality.', { published: '2024-06-01', links: github }),
  paper('video-2024', 'Fast video diffusion sampling', 'We speed up video diffusion sampling with a cached solver. Video generation becomes five times faster.', { published: '2024-09-01', links: github }),
  paper('video-2023', 'Video generation with diffusion models', 'We generate long videos with a diffusion model. Temporal attention keeps the video consistent.', { published: '2023-03-01' }),
  paper('image-sr', 'Image super-resolution with diffusion', 'We apply diffusion models to image super-resolution. The sampler is guided by the low-resolution image.', { published: '2024-02-01' }),
  paper('video-sr', 'Video super-resolution with recurrent networks', 'We upscale video frames with a recurrent network for video super-resolution.', { published: '2021-01-01' }),
  paper('gan', 'Generative adversarial networks for image synthesis', 'We train a GAN that synthesizes images in one forward pass.', { published: '2020-01-01' }),
  paper('undated', 'Diffusion sampling schedules', 'We study noise schedules for diffusion sampling and show that a cosine schedule speeds up sampling.'),
];
const index = PaperIndex.build(papers);
const now = () => Date.UTC(2026, 11, 2);

/** A conversation: each line runs against the same session, as in a thread. */
function conversation() {
  const session: Session = {};
  return { session, say: (text: string) => runText(text, { index, session, now }) };
}
const ids = (result: CommandResult) => (result.kind === 'list' ? result.items.map((item) => item.id) : result.kind === 'answer' ? result.answer.sources.map((s) => s.id) : []);

describe('follow-ups resolve against the conversation’s last result', () => {
  it('"only 2024" narrows the last answer to 2024 and says so', async () => {
    const { say } = conversation();
    const first = (await say('which papers speed up diffusion sampling?')) as AnswerResult;
    expect(ids(first)).toContain('fast-2022');
    const only = (await say('only 2024')) as AnswerResult;
    expect(only.kind).toBe('answer');
    expect(only.followUp).toBe('which papers speed up diffusion sampling?');
    expect(only.answer.filters?.understood).toEqual(['from 2024-01-01 to 2024-12-31']);
    expect(ids(only).length).toBeGreaterThan(0);
    for (const id of ids(only)) expect(papers.find((p) => p.id === id)!.published!.startsWith('2024')).toBe(true);
  });

  it('narrows a search, and further follow-ups add up: a new date replaces the old one, exclusions accumulate', async () => {
    const { say } = conversation();
    await say('search diffusion sampling');
    const withCode = (await say('only with code')) as PaperListResult;
    expect(withCode.followUp).toBe('diffusion sampling');
    expect(ids(withCode).sort()).toEqual(['fast-2024', 'video-2024']);
    const notVideo = (await say('not video')) as PaperListResult;
    expect(ids(notVideo)).toEqual(['fast-2024']);
    expect(notVideo.filters?.understood).toEqual(['with code', 'not "video"']);
    const in2022 = (await say('what about 2022?')) as PaperListResult;
    expect(in2022.filters?.applied).toEqual({ since: '2022-01-01', until: '2022-12-31', withCode: true, exclude: ['video'] });
    expect(ids(in2022)).toEqual([]);
  });

  it('a line of filters alone ("with code", "newest first") narrows the last result', async () => {
    const { say } = conversation();
    await say('search diffusion sampling');
    expect(ids(await say('newest first'))[0]).toBe('video-2024');
    expect(ids(await say('with code')).sort()).toEqual(['fast-2024', 'video-2024']);
  });

  it('filters said in the first question become data a follow-up can replace', async () => {
    const { say } = conversation();
    const first = (await say('search diffusion sampling since 2024')) as PaperListResult;
    expect(ids(first).sort()).toEqual(['fast-2024', 'image-sr', 'video-2024']);
    const before = (await say('only 2022')) as PaperListResult;
    expect(ids(before)).toEqual(['fast-2022']);
  });

  it('"what about video?" asks the same question with the topic changed, and shows the question it ran', async () => {
    const { say } = conversation();
    await say('papers on image super-resolution');
    const video = (await say('what about video?')) as AnswerResult;
    expect(video.followUp).toBe('papers on video super-resolution');
    expect(ids(video)[0]).toBe('video-sr');
  });

  it('"what about video?" adds the topic when the question has no word of its kind', async () => {
    const { say } = conversation();
    await say('search speed up diffusion sampling');
    const video = (await say('what about video?')) as PaperListResult;
    expect(video.followUp).toBe('speed up diffusion sampling for video');
    expect(ids(video)[0]).toBe('video-2024');
  });

  it('"more like 2" lists the papers most like paper 2 of the last result, and "only 2024" then narrows that list', async () => {
    const { say, session } = conversation();
    await say('search diffusion sampling');
    const second = session.last!.numbers[2]!;
    const like = (await say('more like 2')) as PaperListResult;
    expect(like.source).toBe('similar');
    expect(like.query).toBe(second);
    expect(ids(like)).not.toContain(second);
    const narrowed = (await say('only 2024')) as PaperListResult;
    expect(narrowed.source).toBe('similar');
    for (const id of ids(narrowed)) expect(papers.find((p) => p.id === id)!.published!.startsWith('2024')).toBe(true);
  });

  it('"show 3" opens paper 3 of the last result', async () => {
    const { say, session } = conversation();
    await say('search diffusion');
    const shown = (await say('show 3')) as PaperDetailResult;
    expect(shown.kind).toBe('paper');
    expect(shown.paper.id).toBe(session.last!.numbers[3]);
    expect(shown.paper.n).toBe(3);
  });

  it('"why 1?" after an answer: the matched words, the rank, and the sentences the answer quoted from it', async () => {
    const { say } = conversation();
    const first = (await say('which papers speed up diffusion sampling?')) as AnswerResult;
    const why = (await say('why 1?')) as WhyResult;
    expect(why.kind).toBe('why');
    expect(why.paper.id).toBe(first.answer.sources[0]!.id);
    expect(why.basis).toEqual({ kind: 'question', text: 'which papers speed up diffusion sampling?' });
    expect(why.matched.map((m) => m.word)).toEqual(expect.arrayContaining(['diffusion', 'sampling']));
    expect(why.rank).toBeGreaterThanOrEqual(1);
    const quoted = first.answer.sentences.filter((s) => s.sources.includes(1)).map((s) => s.text);
    expect(why.quoted).toEqual(quoted);
  });

  it('"why 2" after a search: where each word occurs, the words it lacks, and the sentence that matched', async () => {
    const { say, session } = conversation();
    await say('search video diffusion sampling');
    const why = (await say('why 1')) as WhyResult;
    expect(why.paper.id).toBe(session.last!.numbers[1]);
    expect(why.rank).toBe(1);
    expect(why.matched.find((m) => m.word === 'video')).toMatchObject({ title: 1 });
    expect(why.sentence?.text).toMatch(/video diffusion sampling/);
    expect(why.sentence?.highlights.length).toBeGreaterThan(0);
    const gan = (await say('search gan video')) as PaperListResult;
    const ganN = gan.items.find((item) => item.id === 'gan')!.n;
    expect(((await say(`why ${ganN}`)) as WhyResult).missing).toEqual(['video']);
  });

  it('"why N" after "more like": the distinctive words both papers hold', async () => {
    const { say } = conversation();
    await say('search video diffusion sampling');
    const like = (await say('more like 1')) as PaperListResult;
    const why = (await say('why 1')) as WhyResult;
    expect(why.basis.kind).toBe('like');
    expect(why.paper.id).toBe(like.items[0]!.id);
    expect(why.matched.length).toBeGreaterThan(0);
    expect(why.missing).toEqual([]);
  });

  it('"drop the filters" asks the last question again without any, and an answer the filters empty says so', async () => {
    const { say } = conversation();
    await say('which papers speed up diffusion sampling?');
    const none = (await say('only 2020')) as AnswerResult;
    expect(none.answer.found).toBe(false);
    expect(none.answer.suggestions[0]).toMatch(/^The filters keep 0 of the \d+ papers matching the question; "drop the filters" asks again without them\.$/);
    const again = (await say('drop the filters')) as AnswerResult;
    expect(again.answer.found).toBe(true);
    expect(again.answer.filters).toBeUndefined();
    expect(ids(again)).toContain('fast-2022');
  });

  it('"more" after a narrowed list continues it with the same filters', async () => {
    const { say, session } = conversation();
    await say('search diffusion --limit 1');
    await say('only with code');
    const more = (await say('more')) as PaperListResult;
    expect(more.offset).toBe(1);
    expect(session.last!.filters).toEqual({ withCode: true });
    for (const id of ids(more)) expect(papers.find((p) => p.id === id)!.links).toEqual(github);
  });

  it('without a last result, a narrowing says there is nothing to narrow, and "what about X?" is a question', async () => {
    const { say } = conversation();
    const only = (await say('only 2024')) as ErrorResult;
    expect(only.kind).toBe('error');
    expect(only.message).toMatch(/Nothing to refer to yet/);
    const about = (await say('what about video?')) as AnswerResult;
    expect(about.kind).toBe('answer');
    expect(about.followUp).toBeUndefined();
  });

  it('"only" with words that are no filter is asked as a question, not an error', async () => {
    const { say } = conversation();
    await say('search diffusion sampling');
    const result = (await say('only diffusion papers')) as AnswerResult;
    expect(result.kind).toBe('answer');
    expect(result.followUp).toBeUndefined();
  });
});

describe('refineFilters', () => {
  it('replaces dates, authors and the order; adds code and exclusions', () => {
    expect(refineFilters({ since: '2020-01-01', authors: ['Ho'], exclude: ['gan'], sort: 'upvotes' }, { until: '2023-12-31', authors: ['Song'], exclude: ['video'], sort: 'date', withCode: true })).toEqual({
      until: '2023-12-31',
      authors: ['Song'],
      exclude: ['gan', 'video'],
      sort: 'date',
      withCode: true,
    });
  });
});
