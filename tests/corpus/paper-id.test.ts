import { describe, expect, it } from 'vitest';
import { assignPaperIds, derivePaperId } from '../../src/corpus/paper-id.js';

describe('derivePaperId', () => {
  it('is a slug of the first title words plus a short hash of the normalised title', () => {
    expect(derivePaperId('Video-Infinity: Distributed Long Video Generation')).toBe('video-infinity-distributed-long-6e3dba');
  });

  it('depends only on the normalised title', () => {
    expect(derivePaperId('video infinity — distributed long VIDEO generation')).toBe(
      derivePaperId('Video-Infinity: Distributed Long Video Generation'),
    );
    expect(derivePaperId('Video-Infinity: Distributed Long Video Generation 2')).not.toBe(
      derivePaperId('Video-Infinity: Distributed Long Video Generation'),
    );
  });

  it('stays short and safe for very long and non-ASCII titles', () => {
    const long = derivePaperId('Interpretable structural model error discovery from sparse assimilation increments');
    expect(long).toMatch(/^interpretable-structural-model-[0-9a-f]{6}$/u);
    expect(derivePaperId('Supercalifragilisticexpialidociousnessosity-for-diffusion-transformers')).toMatch(/^[a-z]{32}-[0-9a-f]{6}$/u);
    expect(derivePaperId('Modèles de diffusion')).toMatch(/^modeles-de-diffusion-[0-9a-f]{6}$/u);
    expect(derivePaperId('扩散模型')).toMatch(/^paper-[0-9a-f]{6}$/u);
  });

  it('takes a longer hash on request', () => {
    expect(derivePaperId('Decentralized Diffusion Models', 12)).toMatch(/^decentralized-diffusion-models-[0-9a-f]{12}$/u);
  });
});

describe('assignPaperIds', () => {
  it("keeps records' own ids and derives the others", () => {
    const { ids, refused } = assignPaperIds([{ title: 'A Paper', ownId: '2406.12345' }, { title: 'Decentralized Diffusion Models' }]);
    expect(ids).toEqual(['2406.12345', derivePaperId('Decentralized Diffusion Models')]);
    expect(refused).toEqual([]);
  });

  it('refuses an own id already taken by an earlier paper and derives one instead', () => {
    const { ids, refused } = assignPaperIds([
      { title: 'First', ownId: 'x1' },
      { title: 'Second', ownId: 'x1' },
    ]);
    expect(ids).toEqual(['x1', derivePaperId('Second')]);
    expect(refused).toEqual([{ index: 1, ownId: 'x1', takenBy: 0 }]);
  });

  it('lengthens the hash of a derived id that clashes, whatever the order', () => {
    const clash = derivePaperId('Decentralized Diffusion Models');
    const forward = assignPaperIds([{ title: 'Other', ownId: clash }, { title: 'Decentralized Diffusion Models' }]);
    expect(forward.ids).toEqual([clash, derivePaperId('Decentralized Diffusion Models', 12)]);
    const backward = assignPaperIds([{ title: 'Decentralized Diffusion Models' }, { title: 'Other', ownId: clash }]);
    expect(backward.ids).toEqual([derivePaperId('Decentralized Diffusion Models', 12), clash]);
  });
});
