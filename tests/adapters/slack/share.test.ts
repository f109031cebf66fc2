import { describe, expect, it } from 'vitest';
import { SHARE_ID_PATTERN, ShareStore, sharedMessage, withShareButton } from '../../../adapters/slack/share.js';
import type { SlackMessage } from '../../../adapters/slack/slack-message.js';
import { ManualClock } from '../../../src/time/clock.js';
import { md, section } from './helpers/expected-blocks.js';

const message = (text: string): SlackMessage => ({ text, blocks: [section(text) as SlackMessage['blocks'][number]] });
const more = { type: 'button' as const, text: { type: 'plain_text' as const, text: 'More results' }, action_id: 'paperbot_more.slash', value: '{}' };
const shareButton = (value: string) => ({ type: 'button', text: { type: 'plain_text', text: 'Share in channel' }, action_id: 'paperbot_share', value });

describe('ShareStore', () => {
  it('gives random ids of a fixed shape, and takes each result once', () => {
    const store = new ShareStore(new ManualClock(0));
    const a = store.offer(message('a'), 'U1', 'C1');
    const b = store.offer(message('b'), 'U1', 'C1');
    expect(a).toMatch(SHARE_ID_PATTERN);
    expect(a).not.toBe(b);
    expect(store.take(b, 'U1', 'C1')).toMatchObject({ message: message('b') });
    expect(store.take(b, 'U1', 'C1')).toEqual({ refused: 'expired' });
  });

  it('refuses another user or channel without using the result up', () => {
    const store = new ShareStore(new ManualClock(0));
    const id = store.offer(message('a'), 'U1', 'C1');
    expect(store.take(id, 'U2', 'C1')).toEqual({ refused: 'invalid' });
    expect(store.take(id, 'U1', 'C2')).toEqual({ refused: 'invalid' });
    expect(store.take(id, 'U1', 'C1')).toMatchObject({ message: message('a') });
  });

  it('forgets results after the time to live, and the oldest beyond the maximum', () => {
    const clock = new ManualClock(0);
    const store = new ShareStore(clock, 1000, 2);
    const first = store.offer(message('1'), 'U1', 'C1');
    const second = store.offer(message('2'), 'U1', 'C1');
    const third = store.offer(message('3'), 'U1', 'C1');
    expect(store.take(first, 'U1', 'C1')).toEqual({ refused: 'expired' });
    clock.advance(1000);
    expect(store.take(second, 'U1', 'C1')).toEqual({ refused: 'expired' });
    expect(store.take(third, 'U1', 'C1')).toEqual({ refused: 'expired' });
  });

  it('puts a result back when its post failed', () => {
    const store = new ShareStore(new ManualClock(0));
    const id = store.offer(message('a'), 'U1', 'C1');
    const taken = store.take(id, 'U1', 'C1');
    if ('refused' in taken) throw new Error('not taken');
    taken.putBack();
    expect(store.take(id, 'U1', 'C1')).toMatchObject({ message: message('a') });
  });
});

describe('the share button and the shared message', () => {
  it('joins the last actions block ("More results"), or comes in a block of its own', () => {
    const list: SlackMessage = { text: 'list', blocks: [section('x') as SlackMessage['blocks'][number], { type: 'actions', elements: [more] }] };
    expect(withShareButton(list, 'id').blocks.at(-1)).toEqual({ type: 'actions', elements: [more, shareButton('id')] });
    expect(withShareButton(message('a'), 'id').blocks).toEqual([section('a'), { type: 'actions', elements: [shareButton('id')] }]);
  });

  it('keeps a full message within the 50-block limit, the button last', () => {
    const full: SlackMessage = { text: 'full', blocks: Array.from({ length: 50 }, (_, i) => section(`b${i}`) as SlackMessage['blocks'][number]) };
    const shared = withShareButton(full, 'id');
    expect(shared.blocks).toHaveLength(50);
    expect(shared.blocks.at(-1)).toEqual({ type: 'actions', elements: [shareButton('id')] });
  });

  it('names who shared it, only when the user id has the shape of one', () => {
    expect(sharedMessage(message('a'), 'U123ABC').blocks.at(-1)).toEqual({ type: 'context', elements: [md('Shared by <@U123ABC> with /paper')] });
    expect(sharedMessage(message('a'), '<!channel>').blocks.at(-1)).toEqual({ type: 'context', elements: [md('Shared with /paper')] });
  });
});
