import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/index.js';
import type { CorpusVocabulary } from '../../src/query/corpus-vocabulary.js';
import { ACRONYM_GLOSSARY } from '../../src/query/glossary.js';
import { ALTERNATIVE_WEIGHT, understandQuestion, type UnderstoodQuery } from '../../src/query/understand-question.js';
import { PaperIndex } from '../../src/search/paper-index.js';
import { vocabularyOf } from './vocabulary-fixtures.js';

/**
 * A small corpus: "diffusion" and "sampling" in several papers (so misspellings of them are
 * corrected), PTQ defined, "radiance fields" without "neural", no "Bayesian", no "RLHF".
 */
const vocabulary = vocabularyOf([
  ['Fast Diffusion Sampling', 'We speed up sampling of diffusion models with a new solver.'],
  ['Diffusion Distillation for One-Step Generation', 'One-step generation by distilling diffusion models gives a sampling speedup.'],
  ['Quantized Diffusion Models', 'We study post-training quantization (PTQ) for diffusion models: activations shift per timestep, so calibration matters.'],
  ['Radiance Fields for View Synthesis', 'We fit radiance fields to images for novel view synthesis.'],
  ['Consistency Models', 'Consistency models map noise to data in one step.'],
  ['Shortcut Models', 'Shortcut models generate images in a single step.'],
  ['Hyperparameter Optimization', 'Hyperparameter tuning with random search; optimization of learning rates.'],
  ['Large Language Models as Judges', 'We let large language models (LLMs) evaluate the outputs of other models.'],
  ['A Survey of Diffusion Models', 'This survey reviews diffusion models for image generation.'],
  ['Text-to-Image Editing', 'Text-to-image models edit images from text prompts.'],
]);

const understand = (question: string): UnderstoodQuery => understandQuestion(question, vocabulary);
const typed = (query: UnderstoodQuery): string[] => query.concepts.map((c) => c.typed);
const concept = (query: UnderstoodQuery, typedWord: string) => query.concepts.find((c) => c.typed === typedWord);

describe('understandQuestion', () => {
  describe('chat filler and framing', () => {
    it('drops chat filler ("anyone looked at", "seems", "bc") and keeps the topic words, in question order', () => {
      const query = understand('anyone looked at PTQ for diffusion models? calibration seems weird bc activations shift per timestep');
      expect(typed(query)).toEqual(['PTQ', 'diffusion', 'models', 'calibration', 'weird', 'activations', 'shift', 'timestep']);
    });

    it('shows as "matched" only words some paper contains ("weird" is in none)', () => {
      const query = understand('anyone looked at PTQ for diffusion models? calibration seems weird bc activations shift per timestep');
      expect(query.keywords.phrases).toEqual(['ptq', 'diffusion models', 'calibration', 'activations shift', 'timestep']);
      expect(query.keywords.tokens.map((t) => t.word)).toEqual(['ptq', 'diffusion', 'models', 'calibration', 'activations', 'shift', 'timestep']);
      expect(concept(query, 'weird')?.known).toBe(false);
    });

    it('gives weights to known words only: 1 each, in the main sentence and after it alike, half for an alternative', () => {
      const query = understand('anyone looked at PTQ for diffusion models? calibration seems weird bc activations shift per timestep');
      expect([...query.weights]).toEqual([
        ['ptq', 1],
        ['post', ALTERNATIVE_WEIGHT],
        ['train', ALTERNATIVE_WEIGHT],
        ['quantiz', ALTERNATIVE_WEIGHT],
        ['diffus', 1],
        ['model', 1],
        ['calibr', 1],
        ['activ', 1],
        ['shift', 1],
        ['timestep', 1],
      ]);
    });

    it('gives the question’s adjacent-term phrases, an unknown word included, then those of long forms', () => {
      const query = understand('anyone looked at PTQ for diffusion models? calibration seems weird bc activations shift per timestep');
      expect(query.phrases).toEqual(['ptq_diffus', 'diffus_model', 'calibr_weird', 'weird_activ', 'activ_shift', 'shift_timestep', 'post_train', 'train_quantiz']);
    });

    it('counts a word said twice as one concept', () => {
      const query = understand('diffusion sampling, diffusion distillation');
      expect(query.concepts.map((c) => [c.typed, c.count])).toEqual([
        ['diffusion', 2],
        ['sampling', 1],
        ['distillation', 1],
      ]);
      expect(query.weights.get('diffus')).toBe(2);
    });

    it('weighs a word by how often the question says it, in its later sentences too (context is not lighter for ranking)', () => {
      const query = understand('diffusion sampling? calibration of sampling, and calibration of activations');
      expect(query.concepts.map((c) => [c.typed, c.main, c.count])).toEqual([
        ['diffusion', true, 1],
        ['sampling', true, 2],
        ['calibration', false, 2],
        ['activations', false, 1],
      ]);
      expect([...query.weights]).toEqual([
        ['diffus', 1],
        ['sampl', 2],
        ['calibr', 2],
        ['activ', 1],
      ]);
    });
  });

  describe('corrections', () => {
    it('corrects misspelt words to words of the corpus and says what was searched', () => {
      const query = understand('difusion smapling speedup');
      expect(query.corrections).toEqual([
        { from: 'difusion', to: 'diffusion' },
        { from: 'smapling', to: 'sampling' },
      ]);
      expect(query.searchedFor).toBe('diffusion sampling speedup');
      expect(query.concepts.map((c) => [c.typed, c.word, c.alternatives])).toEqual([
        ['difusion', 'diffusion', [['diffus']]],
        ['smapling', 'sampling', [['sampl']]],
        ['speedup', 'speedup', [['speedup']]],
      ]);
      expect(query.keywords.phrases).toEqual(['diffusion sampling speedup']);
      expect(query.missing).toEqual([]);
    });

    it('corrects a capitalised first letter ("Difusion") as a typo', () => {
      expect(understand('Difusion sampling').corrections).toEqual([{ from: 'Difusion', to: 'diffusion' }]);
    });

    it('never corrects a word typed with capitals inside: it is a name', () => {
      const query = understand('DifUsion sampling');
      expect(query.corrections).toEqual([]);
      expect(query.searchedFor).toBeUndefined();
      expect(concept(query, 'DifUsion')).toMatchObject({ word: 'difusion', alternatives: [['difus']], subject: true, known: false });
    });

    it('searches a lowercase plural acronym ("llms") as its singular, silently', () => {
      const query = understand('llms as judges');
      expect(query.corrections).toEqual([]);
      expect(query.searchedFor).toBeUndefined();
      expect(concept(query, 'llms')).toMatchObject({ word: 'llm', alternatives: [['llm']], known: true });
      expect(query.keywords.phrases).toEqual(['llm', 'judges']);
    });

    it('searches a chat abbreviation ("gen") as its word and "1-step" as "one step" too', () => {
      const query = understand('1-step gen with diffusion');
      expect(query.corrections).toEqual([{ from: 'gen', to: 'generation' }]);
      expect(query.searchedFor).toBe('1-step generation diffusion');
      expect(concept(query, '1-step')).toMatchObject({ alternatives: [['1step'], ['one', 'step']], known: true });
      expect(concept(query, 'gen')).toMatchObject({ word: 'generation', alternatives: [['generat']], known: true });
      expect(query.weights.get('one')).toBe(ALTERNATIVE_WEIGHT);
      expect(query.weights.has('1step')).toBe(false);
    });

    it('makes no correction and no searchedFor when every word is in the corpus', () => {
      const query = understand('which papers speed up diffusion sampling?');
      expect(query.corrections).toEqual([]);
      expect(query.searchedFor).toBeUndefined();
    });
  });

  describe('acronyms', () => {
    it('expands an acronym with the corpus’s own definition', () => {
      const query = understand('PTQ for diffusion models');
      expect(query.expansions).toEqual([{ from: 'PTQ', to: 'post-training quantization' }]);
      expect(concept(query, 'PTQ')?.alternatives).toEqual([['ptq'], ['post', 'train', 'quantiz']]);
    });

    it('expands a plural acronym typed in capitals with the corpus’s definition', () => {
      const query = understand('LLMs for evaluation');
      expect(query.expansions).toEqual([{ from: 'LLMs', to: 'large language models' }]);
      expect(concept(query, 'LLMs')?.alternatives).toEqual([['llm'], ['larg', 'languag', 'model']]);
    });

    it('falls back to the glossary for an acronym the corpus does not define', () => {
      const query = understand('NeRF for novel view synthesis');
      expect(query.expansions).toEqual([{ from: 'NeRF', to: ACRONYM_GLOSSARY.nerf }]);
      expect(concept(query, 'NeRF')?.alternatives).toEqual([['nerf'], ['neural', 'radianc', 'field']]);
    });

    it('prefers the corpus’s definition to the glossary’s', () => {
      const grammars = vocabularyOf([
        ['Parsing', 'We parse context-free grammars (CFG) quickly.'],
        ['Guidance', 'Classifier-free guidance for diffusion.'],
      ]);
      expect(ACRONYM_GLOSSARY.cfg).toBe('classifier-free guidance');
      expect(understandQuestion('CFG parsing', grammars).expansions).toEqual([{ from: 'CFG', to: 'context-free grammars' }]);
      const noDefinition = vocabularyOf([['Guidance', 'Classifier-free guidance for diffusion.']]);
      const query = understandQuestion('CFG for diffusion', noDefinition);
      expect(query.expansions).toEqual([{ from: 'CFG', to: 'classifier-free guidance' }]);
      expect(query.concepts[0]).toMatchObject({ typed: 'CFG', known: true });
      expect(query.missing).toEqual([]);
    });

    it('searches the long form of an acronym the question defines itself, without announcing it', () => {
      const query = understand('post-training quantization (PTQ) for diffusion');
      expect(query.expansions).toEqual([]);
      expect(concept(query, 'PTQ')?.alternatives).toEqual([['ptq'], ['post', 'train', 'quantiz']]);
    });
  });

  describe('survey intent', () => {
    it('takes survey, tutorial, overview … as one need', () => {
      const query = understand('is there a good survey or tutorial on diffusion models I could read?');
      expect(query.intent).toBe('survey');
      expect(concept(query, 'survey')?.alternatives).toEqual([['survey'], ['tutori'], ['overview'], ['review'], ['monograph'], ['primer'], ['introduct']]);
      expect(concept(query, 'tutorial')?.alternatives).toEqual([['tutori'], ['survey'], ['overview'], ['review'], ['monograph'], ['primer'], ['introduct']]);
      expect(concept(query, 'tutorial')?.known).toBe(true);
    });

    it('finds a survey for an "overview" question', () => {
      const query = understand('an overview of diffusion models');
      expect(query.intent).toBe('survey');
      expect(query.weights.get('survey')).toBe(ALTERNATIVE_WEIGHT);
    });
  });

  describe('subject and context', () => {
    it('takes the head before "for" as the subject and the first sentence as the main ask', () => {
      const query = understand('anyone looked at PTQ for diffusion models? calibration seems weird bc activations shift per timestep');
      expect(query.concepts.map((c) => [c.typed, c.subject, c.main])).toEqual([
        ['PTQ', true, true],
        ['diffusion', false, true],
        ['models', false, true],
        ['calibration', false, false],
        ['weird', false, false],
        ['activations', false, false],
        ['shift', false, false],
        ['timestep', false, false],
      ]);
    });

    it('takes the head before "with" as the subject', () => {
      const query = understand('image editing with diffusion models');
      expect(query.concepts.filter((c) => c.subject).map((c) => c.typed)).toEqual(['image', 'editing']);
    });

    it('skips a first sentence without content words ("hi!")', () => {
      const query = understand('hi! PTQ for diffusion models?');
      expect(query.concepts.map((c) => [c.typed, c.subject, c.main])).toEqual([
        ['PTQ', true, true],
        ['diffusion', false, true],
        ['models', false, true],
      ]);
    });

    it('takes the whole first sentence as the subject when it starts with "for"', () => {
      const query = understand('for diffusion models?');
      expect(query.concepts.map((c) => [c.typed, c.subject])).toEqual([
        ['diffusion', true],
        ['models', true],
      ]);
    });

    it('does not end the subject at a relation word inside a compound ("text-to-video", "in-context")', () => {
      const query = understand('text-to-video generation for editing');
      expect(query.concepts.map((c) => [c.typed, c.subject])).toEqual([
        ['text', true],
        ['video', true],
        ['generation', true],
        ['editing', false],
      ]);
      expect(query.missing).toEqual(['video']);
      const inContext = understand('diffusion in-context learning for editing');
      expect(inContext.concepts.map((c) => [c.typed, c.subject])).toEqual([
        ['diffusion', true],
        ['context', true],
        ['learning', true],
        ['editing', false],
      ]);
    });
  });

  describe('missing and near', () => {
    it('lists subject words no paper holds in any form', () => {
      const query = understand('Bayesian hyperparameter tuning?');
      expect(query.missing).toEqual(['Bayesian']);
      expect(query.near).toEqual([]);
    });

    it('decides what is missing on the subject: "Bayesian" is, "optimization" is not', () => {
      const query = understand('Bayesian optimization for hyperparameter tuning?');
      expect(query.concepts.map((c) => [c.typed, c.subject, c.known])).toEqual([
        ['Bayesian', true, false],
        ['optimization', true, true],
        ['hyperparameter', false, true],
        ['tuning', false, true],
      ]);
    });

    it('does not list unknown words outside the subject', () => {
      expect(understand('hyperparameter tuning for Bayesian networks').missing).toEqual([]);
    });

    it('says what part of an absent acronym’s long form papers use instead of listing it missing', () => {
      const query = understand('NeRF for novel view synthesis');
      expect(query.near).toEqual([{ from: 'NeRF', to: 'radiance fields' }]);
      expect(query.missing).toEqual([]);
      expect(concept(query, 'NeRF')).toMatchObject({ known: false, near: 'radiance fields' });
      expect(query.keywords.phrases).toEqual(['novel view synthesis']);
    });

    it('lists an absent acronym as missing when no two words of its long form occur together', () => {
      const query = understand('RLHF for diffusion');
      expect(query.expansions).toEqual([{ from: 'RLHF', to: ACRONYM_GLOSSARY.rlhf }]);
      expect(query.missing).toEqual(['RLHF']);
      expect(query.near).toEqual([]);
    });
  });

  describe('why and compare', () => {
    it('takes a "why" question as intent why', () => {
      expect(understand('why do activations shift per timestep?').intent).toBe('why');
      expect(understand('what causes activations to shift?').intent).toBe('why');
    });

    it('takes "X vs Y" as a comparison with two sides, each without the words both share ("models")', () => {
      const query = understand('shortcut models vs consistency models');
      expect(query.intent).toBe('compare');
      expect(query.sides).toEqual([['shortcut'], ['consist']]);
      expect(query.concepts.every((c) => c.subject)).toBe(true);
    });

    it('takes "versus" and "compared to" as comparisons too', () => {
      expect(understand('shortcut models versus consistency models').sides).toEqual([['shortcut'], ['consist']]);
      expect(understand('shortcut models compared to consistency models').intent).toBe('compare');
    });

    it('is no comparison when one side is unknown to the corpus', () => {
      const query = understand('GANs vs consistency models');
      expect(query.intent).toBe('general');
      expect(query.sides).toBeUndefined();
    });

    it('takes a question without any cue as general', () => {
      expect(understand('diffusion sampling').intent).toBe('general');
    });
  });

  describe('on the seed corpus', () => {
    let seeds: CorpusVocabulary;
    beforeAll(async () => {
      seeds = PaperIndex.build((await loadCorpus('seeds')).papers).vocabulary;
    });

    it('expands PTQ to post-training quantization', () => {
      const query = understandQuestion('anyone looked at PTQ for diffusion models? calibration seems weird bc activations shift per timestep', seeds);
      expect(query.expansions).toEqual([{ from: 'PTQ', to: 'post-training quantization' }]);
      expect(concept(query, 'PTQ')).toMatchObject({ subject: true, known: true });
    });

    it('says RLHF and overoptimization are absent', () => {
      const query = understandQuestion('RLHF reward model overoptimization, any papers?', seeds);
      const absent = [...query.missing, ...query.near.map((n) => n.from)];
      expect(absent).toContain('RLHF');
      expect(absent).toContain('overoptimization');
    });

    it('takes a request for a survey or tutorial as intent survey', () => {
      expect(understandQuestion('is there a good survey or tutorial on diffusion models I could read?', seeds).intent).toBe('survey');
    });

    it('corrects "difusion smapling speedup"', () => {
      const query = understandQuestion('difusion smapling speedup', seeds);
      expect(query.corrections).toEqual([
        { from: 'difusion', to: 'diffusion' },
        { from: 'smapling', to: 'sampling' },
      ]);
      expect(query.searchedFor).toBe('diffusion sampling speedup');
    });
  });
});
