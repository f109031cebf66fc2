import { describe, expect, it } from 'vitest';
import { debris, isMetadata, leansOnAntecedent, rhetoricalRole, roleCues } from '../../src/answer/sentence-quality.js';

// Unless said otherwise, every sentence below is quoted from an abstract of the seed corpus.

describe('isMetadata', () => {
  it('recognises keyword lists and bare links', () => {
    expect(isMetadata('Keywords: Reinforcement Learning and Efficient Planning and Diffusion Model')).toBe(true);
    expect(isMetadata('Index Terms—speech enhancement, score-based generative models.')).toBe(true);
    expect(isMetadata('https://github.com/RenMing-Huang/TrajectoryDiffuser')).toBe(true);
    expect(isMetadata('Results and visualizations at https://diffusion-classifier.github.io/')).toBe(true);
  });

  it('recognises labelled link lines', () => {
    expect(isMetadata('Code: https://github.com/Gen-Verse/Diffusion-Sharpening')).toBe(true);
    expect(isMetadata('Project page:~https://github.com/gnobitab/InstaFlow.')).toBe(true);
    expect(isMetadata('Code and model: https://rockeycoss.github.io/spo.github.io/')).toBe(true);
    expect(isMetadata('The project homepage is https://szuviz.github.io/layered_vectorization/.')).toBe(true);
  });

  it('recognises statements that code is or will be available, with or without a link', () => {
    expect(isMetadata('Code is available at https://github.com/CompVis/latent-diffusion .')).toBe(true);
    expect(isMetadata('Visit our project page (https://kyungmnlee.github.io/dreamflow.github.io/) for visualizations.')).toBe(true);
    expect(isMetadata('To democratize this, code and models have been publicly available in hf.co/Stable-X')).toBe(true);
    expect(isMetadata('Our code and models will be publicly available.')).toBe(true);
    expect(isMetadata('We will release our code shortly.')).toBe(true);
    expect(isMetadata('The generated audio samples are available online.')).toBe(true);
  });

  it('recognises copyright lines and venue notes (made-up examples)', () => {
    expect(isMetadata('© 2023 Elsevier Ltd. All rights reserved.')).toBe(true);
    expect(isMetadata('Copyright (c) 2021 IEEE.')).toBe(true);
    expect(isMetadata('Accepted at ICLR 2024.')).toBe(true);
    expect(isMetadata('This paper has been accepted for publication in IEEE TPAMI.')).toBe(true);
  });

  it('leaves prose that mentions code, availability or copyright alone', () => {
    expect(isMetadata('SaRA also offers a practical advantage that requires only a single line of code modification for efficient implementation and is seamlessly compatible with existing methods.')).toBe(false);
    expect(isMetadata('(2) One can guide pre-trained diffusion models and GANs by controlling the latent codes in a unified, plug-and-play formulation based on energy-based models.')).toBe(false);
    expect(isMetadata('However, the direct use of publicly available off-the-shelf models for guidance fails due to their poor performance on noisy inputs.')).toBe(false);
    // Made up: a paper about copyright is not a copyright line.
    expect(isMetadata('Diffusion models memorize training images, which raises copyright concerns.')).toBe(false);
  });
});

describe('leansOnAntecedent', () => {
  it('is true for a demonstrative subject: "This allows…", "These adaptive step sizes…", "Such models…"', () => {
    expect(leansOnAntecedent('This allows the finetuned model to significantly improve the speed-quality trade-off, by substantially increasing fidelity in inference regimes with few steps.')).toBe(true);
    expect(leansOnAntecedent('These adaptive step sizes are further extended to the stochastic settings, which are attractive choices for stochastic gradient descent with momentum.')).toBe(true);
    expect(leansOnAntecedent('This novel diagonalization approach makes the selected step lengths adaptive.')).toBe(true);
    expect(leansOnAntecedent('Such models involve training a U-Net to iteratively predict and remove noise, and the resulting model can synthesize high fidelity, diverse, novel images.')).toBe(true);
  });

  it('is true for a pronoun subject, also after a connective or a short framing phrase', () => {
    expect(leansOnAntecedent('They operate under the assumption that image and noise pairs, known as couplings, can be approximated by straight trajectories with constant velocity.')).toBe(true);
    expect(leansOnAntecedent('In Stable Diffusion, it severely limits the model to only generate images with medium brightness and prevents it from generating very bright and dark samples.')).toBe(true);
    expect(leansOnAntecedent('Then, it refines the velocity network to match the optimal step sizes, aiming to straighten the generation paths.')).toBe(true);
  });

  it('is true for a definite phrase pointing back: "The proposed…", "the two mechanisms"', () => {
    expect(leansOnAntecedent('The proposed Dual Randomized Smoothing (DRS) down-samples the input image into two sub-images and smooths the two sub-images in lower dimensions.')).toBe(true);
    expect(leansOnAntecedent('Together, the two mechanisms join forces to distribute the workload and enable the fast generation of long videos.')).toBe(true);
  });

  it('is false when "this" refers to the paper itself: "This paper presents…", "In this paper, we…"', () => {
    expect(leansOnAntecedent('This paper presents a novel framework, Denoising Diffusion Step-aware Models (DDSM), to address this challenge.')).toBe(false);
    expect(leansOnAntecedent('This work presents a Diffusion Reuse MOtion (Dr. Mo) network to accelerate latent video generation.')).toBe(false);
    expect(leansOnAntecedent('In this paper, we present MMD-DDM, a novel method for fast sampling of diffusion models.')).toBe(false);
  });

  it('is false when only a framing phrase refers back and the claim stands: "To address this limitation, we propose…"', () => {
    expect(leansOnAntecedent('To address this limitation, we propose Point Straight Flow (PSF), a model that exhibits impressive performance using one step.')).toBe(false);
    expect(leansOnAntecedent('Building on this insight, we propose Rectified Diffusion, which generalizes the design space and application scope of rectification.')).toBe(false);
  });

  it('is false for the dummy "it" of "It is well known that…"', () => {
    expect(leansOnAntecedent('It is well known that many open-released foundational diffusion models have difficulty in generating images that substantially depart from average brightness, despite such images being present in the training data.')).toBe(false);
  });

  it('reads a pronoun after a subordinate clause as pointing inside the sentence, unless the clause itself points back', () => {
    expect(leansOnAntecedent('While several works have explored basic properties of the UNet decoder, its encoder largely remains unexplored.')).toBe(false);
    expect(leansOnAntecedent('While these methods excel at small perturbation radii, they struggle with larger perturbations and incur a significant computational overhead during inference compared to classical methods.')).toBe(true);
  });
});

describe('debris', () => {
  it('is 0 for clean prose, numbers and "100 times faster" included', () => {
    expect(debris('Under an 8 x Nvidia 6000 Ada GPU (48G) setup, our method generates videos up to 2,300 frames in approximately 5 minutes, enabling long video generation at a speed 100 times faster than the prior methods.')).toBe(0);
    expect(debris('Code is available at https://github.com/CompVis/latent-diffusion .')).toBe(0);
  });

  it('counts "times" glued to numbers, the residue of \\times', () => {
    const score = debris('This innovative strategy, in turn, enables a speedup factor of 2.3times for Stable Diffusion v1.5 with only a 0.05 decline in CLIP Score, and 4.1times for LDM-4-G with a slight decrease of 0.22 in FID on ImageNet.');
    expect(score).toBeCloseTo(1 - 0.65 ** 2, 5);
  });

  it('counts LaTeX command names, TeX characters and subscripts', () => {
    expect(debris('Compared with progressive distillation, HiPA achieves much better performance in one-step text-to-image generation (37.3 rightarrow 23.8 in FID-5k on MS-COCO 2017).')).toBeCloseTo(0.35, 5);
    expect(debris('A nice property of BDIA-DDIM is that the update expression for z_{i-1} is a linear combination of (z_{i+1}, z_i, boldsymbol{epsilon}(z_i,i)).')).toBeGreaterThan(0.9);
    expect(debris('The model is called It\\^oWave.')).toBeGreaterThan(0.3);
  });

  it('counts broken unicode and overlong tokens (made-up examples)', () => {
    expect(debris('We propose a modelâ€™s new loss.')).toBeCloseTo(0.5, 5);
    expect(debris('We train onaveryveryverylonggluedtokenwithoutspaces data.')).toBeCloseTo(0.25, 5);
  });

  it('grows with the amount of debris and stays below 1', () => {
    const one = debris('We reach an error of mathcal O(1/T).');
    const two = debris('We reach an error of mathcal O(1/T^2) and mathcal O(1/sqrt T).');
    expect(two).toBeGreaterThan(one);
    expect(two).toBeLessThan(1);
  });
});

describe('rhetoricalRole', () => {
  it('finds contributions: "we propose/introduce", "this paper presents", "in this paper, we", "our approach, termed X"', () => {
    expect(rhetoricalRole('We propose a bidirectional concept distillation framework, EchoDistill, to enable one-step diffusion personalization (1-SDP).')).toBe('contribution');
    expect(rhetoricalRole('This paper presents a novel framework, Denoising Diffusion Step-aware Models (DDSM), to address this challenge.')).toBe('contribution');
    expect(rhetoricalRole('In this paper, we present MMD-DDM, a novel method for fast sampling of diffusion models.')).toBe('contribution');
    expect(rhetoricalRole('Our approach, termed adaptive projected guidance (APG), retains the quality-boosting advantages of CFG while enabling the use of higher guidance scales without oversaturation.')).toBe('contribution');
  });

  it('finds findings: "we find that", "results demonstrate", "outperforms", "N times faster"', () => {
    expect(rhetoricalRole('We find that with careful feature selection and pooling, diffusion models outperform comparable generative-discriminative methods such as BigBiGAN for classification tasks.')).toBe('finding');
    expect(rhetoricalRole('Extensive experiments demonstrate that our ZONE achieves remarkable local editing results and user-friendliness, outperforming state-of-the-art methods.')).toBe('finding');
    expect(rhetoricalRole('Under an 8 x Nvidia 6000 Ada GPU (48G) setup, our method generates videos up to 2,300 frames in approximately 5 minutes, enabling long video generation at a speed 100 times faster than the prior methods.')).toBe('finding');
    expect(rhetoricalRole('Restart not only outperforms the previous best SDE results, but also accelerates the sampling speed by 10-fold / 2-fold on CIFAR-10 / ImageNet 64 times 64.')).toBe('finding');
  });

  it('finds method descriptions: "our approach is based on", "X employs", "is guided by"', () => {
    expect(rhetoricalRole('Our approach is based on the idea of using the Maximum Mean Discrepancy (MMD) to finetune the learned distribution with a given budget of timesteps.')).toBe('method');
    expect(rhetoricalRole('ISM employs deterministic diffusing trajectories and utilizes interval-based score matching to counteract over-smoothing.')).toBe('method');
    expect(rhetoricalRole('To further accelerate the search process, we employ FID score between generated and real samples to estimate the performance of the sampled examples.')).toBe('method');
  });

  it('finds background: "have achieved remarkable…", "Recently,", "However, existing methods…", "suffer from"', () => {
    expect(rhetoricalRole('Diffusion models have recently achieved remarkable results for video generation.')).toBe('background');
    expect(rhetoricalRole('Recently, diffusion models have been successfully employed for randomized smoothing to purify noise-perturbed samples before making predictions with a standard classifier.')).toBe('background');
    expect(rhetoricalRole('However, existing methods either train separate models for each condition or rely on unified architectures with entangled representations, resulting in poor generalization and high adaptation costs.')).toBe('background');
    expect(rhetoricalRole('Diffusion models are powerful generative models but suffer from slow sampling, often taking 1000 sequential denoising steps for one sample.')).toBe('background');
    expect(rhetoricalRole('In recent years, denoising diffusion models have become a crucial area of research due to their abundance in the rapidly expanding field of generative AI.')).toBe('background');
  });

  it('keeps the field\'s successes background: participles and "achieve" count as findings only in the authors\' own claims', () => {
    expect(rhetoricalRole('Diffusion models have achieved remarkable image generation quality surpassing previous generative models.')).toBe('background');
    expect(rhetoricalRole('By decomposing the image formation process into a sequential application of denoising autoencoders, diffusion models (DMs) achieve state-of-the-art synthesis results on image data and beyond.')).not.toBe('finding');
    expect(rhetoricalRole('Our latent diffusion models (LDMs) achieve a new state of the art for image inpainting and highly competitive performance on various tasks.')).toBe('finding');
  });

  it('prefers contribution > finding > method > background when cues conflict', () => {
    expect(rhetoricalRole('In this paper, we observe that a long sampling chain also leads to an error accumulation phenomenon, which is similar to the exposure bias problem in autoregressive text generation.')).toBe('contribution');
    expect(rhetoricalRole('In this work, we demonstrate that previous high-order fast samplers suffer from instability issues, and they even become slower than DDIM when the guidance scale grows large.')).toBe('contribution');
    expect(rhetoricalRole('Specifically, we first design a unified search space that consists of all possible time steps and various architectures.')).toBe('contribution');
  });

  it('is "other" for sentences without cues', () => {
    expect(rhetoricalRole('Calibration measures quantify the degree of miscalibration, and reliability diagrams visualize the structure of this miscalibration.')).toBe('other');
    expect(rhetoricalRole('The goal is to learn a reverse process that transforms noise back into data while recovering the same intermediates.')).toBe('other');
  });
});

describe('roleCues', () => {
  it('lists every cue found, with its role, in priority order', () => {
    expect(roleCues('In this paper, we observe that a long sampling chain also leads to an error accumulation phenomenon.')).toEqual([
      { role: 'contribution', cue: 'in this paper, we' },
      { role: 'finding', cue: 'we show that' },
    ]);
    expect(roleCues('However, existing distillation methods either require significant amounts of offline computation.')).toEqual([
      { role: 'background', cue: 'however, …' },
      { role: 'background', cue: 'suffer from' },
      { role: 'background', cue: 'existing methods …' },
    ]);
  });

  it('counts background cues only outside the authors\' own claims', () => {
    expect(roleCues('Our thorough experimental validation demonstrates that our work does not suffer from CO, even in challenging settings where previous works suffer from it.')).toEqual([
      { role: 'finding', cue: 'results show' },
    ]);
  });

  it('returns no cues for a sentence without any', () => {
    expect(roleCues('Denoising is intuitively related to projection.')).toEqual([]);
  });
});
