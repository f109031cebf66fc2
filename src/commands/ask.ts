import { z } from 'zod';
import { defineCommand } from './command.js';
import { runAsFollowUp } from './follow-up.js';
import { DEFAULT_PAGE_SIZE, questionText } from './limits.js';
import { answerNumbers, remember } from './paper-list.js';

/** `ask QUESTION`: a short answer quoted from abstracts, with numbered sources. */
export default defineCommand({
  name: 'ask',
  summary: 'Answer a question with sentences quoted from paper abstracts, cited [n]',
  usage: 'ask QUESTION',
  options: [{ name: 'question', description: 'Your question, in your own words', type: 'string', required: true, rest: true, maxLength: 500 }],
  schema: z.object({ question: questionText('question') }),
  fromText: (text) => ({ question: text }),
  async execute({ question }, context) {
    // "only 2024", "more like 2", "what about video?", "why 1?": about the last result, when there is one.
    const followUp = await runAsFollowUp(question, context);
    if (followUp) return followUp;
    const { index, session, now } = context;
    const result = await index.answer(question, { now: (now ?? Date.now)() });
    remember(session, {
      source: 'answer',
      query: question,
      numbers: answerNumbers(result),
      // "more" after an answer lists the ranked papers for the question from the top.
      nextOffset: 0,
      limit: DEFAULT_PAGE_SIZE,
    });
    return result.totalMatches > 0
      ? { kind: 'answer', answer: result, next: { source: 'search', query: question, offset: 0, limit: DEFAULT_PAGE_SIZE } }
      : { kind: 'answer', answer: result };
  },
});
