import type { types } from '@slack/bolt';

/** A Block Kit block, as @slack/types defines it. */
export type Block = types.KnownBlock;

/** What paperbot posts: blocks, and the fallback `text` Slack shows in notifications and to screen readers. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/** Who should see a reply: everyone in the conversation, or only the person who asked. */
export type Visibility = 'public' | 'ephemeral';

/** Where a conversation happens; decides command hints, and where buttons' follow-ups go. */
export type Surface = 'thread' | 'dm' | 'slash';
