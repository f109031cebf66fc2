/**
 * "what about video?" after "which papers speed up image generation?": the same question with
 * its topic changed. Which word the new topic replaces is decided by kind: a topic of a known
 * facet (a modality, a model family, a task) replaces the question's word of the same facet
 * ("image" → "video"); otherwise, or when the question has no word of that facet, the topic is
 * added as what the question is about ("… speed up diffusion sampling for video?"). Deterministic
 * and shown to the user ("follow-up: …"), so a wrong guess is visible and easy to correct.
 */

/**
 * Interchangeable topics by facet. Entries are lowercase phrases as written in questions; the
 * longest match wins ("point cloud" before "point"). Named and exported so the docs can list it.
 */
export const TOPIC_FACETS: Readonly<Record<string, readonly string[]>> = {
  modality: [
    'image', 'images', 'video', 'videos', 'audio', 'speech', 'music', 'sound', 'text', 'language', '3d', '3d shapes', 'point cloud', 'point clouds',
    'mesh', 'meshes', 'molecule', 'molecules', 'protein', 'proteins', 'graph', 'graphs', 'motion', 'time series', 'tabular data', 'code', 'medical images',
    'satellite images', 'multimodal', 'vision',
  ],
  model: [
    'diffusion', 'diffusion models', 'gan', 'gans', 'vae', 'vaes', 'transformer', 'transformers', 'cnn', 'cnns', 'convolutional networks', 'rnn', 'rnns',
    'lstm', 'lstms', 'autoregressive models', 'normalizing flows', 'flow matching', 'mamba', 'state space models', 'llm', 'llms', 'language models',
    'vision transformers', 'vit', 'vits', 'nerf', 'nerfs', 'gaussian splatting', 'mixture of experts', 'moe', 'consistency models', 'energy-based models',
  ],
  task: [
    'classification', 'detection', 'object detection', 'segmentation', 'generation', 'editing', 'super-resolution', 'captioning', 'retrieval', 'tracking',
    'inpainting', 'translation', 'summarization', 'reconstruction', 'synthesis', 'recognition', 'denoising', 'compression', 'quantization', 'distillation',
    'pruning', 'sampling', 'training', 'inference', 'fine-tuning', 'pretraining', 'alignment', 'evaluation', 'planning', 'reasoning',
  ],
};

/** The question with its topic changed, and what was replaced (absent when the topic was added). */
export interface ChangedTopic {
  question: string;
  /** The words of the old question the topic took the place of. */
  replaced?: string;
}

/** The facet of a phrase, if it is an entry of one. */
function facetOf(phrase: string): string | undefined {
  const wanted = phrase.toLowerCase().replace(/\s+/g, ' ').trim();
  for (const [facet, entries] of Object.entries(TOPIC_FACETS)) if (entries.includes(wanted)) return facet;
  return undefined;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Changes the topic of a question.
 *
 * @example
 * changeTopic('papers on image super-resolution', 'video')               // → { question: 'papers on video super-resolution', replaced: 'image' }
 * changeTopic('which papers speed up diffusion sampling?', 'video')      // → { question: 'which papers speed up diffusion sampling for video?' }
 */
export function changeTopic(question: string, topic: string): ChangedTopic {
  const facet = facetOf(topic);
  if (facet) {
    // Longest entries first, so "point clouds" is replaced whole rather than leaving "clouds".
    const entries = [...TOPIC_FACETS[facet]!].sort((a, b) => b.length - a.length);
    for (const entry of entries) {
      if (entry === topic.toLowerCase()) continue;
      const m = new RegExp(`(?<![\\p{L}\\p{N}])${escape(entry)}(?![\\p{L}\\p{N}])`, 'iu').exec(question);
      if (m) return { question: question.slice(0, m.index) + topic + question.slice(m.index + m[0].length), replaced: m[0] };
    }
  }
  // Added as what the question is about, before its closing punctuation.
  const end = /[\s?!.]*$/.exec(question)!;
  const body = question.slice(0, end.index);
  if (new RegExp(`(?<![\\p{L}\\p{N}])${escape(topic)}(?![\\p{L}\\p{N}])`, 'iu').test(body)) return { question };
  return { question: `${body} for ${topic}${end[0].trim() || ''}` };
}
