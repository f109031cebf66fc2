/**
 * The rhetorical role of an abstract sentence — contribution, finding, method, background —
 * from lexical cues of scientific English ("we propose", "experiments show", "we use",
 * "have achieved remarkable…").
 */

import { mainClause } from './main-clause.js';

/** What a sentence does in an abstract. */
export type RhetoricalRole = 'contribution' | 'finding' | 'method' | 'background' | 'other';

/** A phrase that gave a sentence a role, for explaining (and testing) {@link rhetoricalRole}. */
export interface RoleCue {
  role: Exclude<RhetoricalRole, 'other'>;
  /** Name of the cue, e.g. "we propose" or "results show". */
  cue: string;
}

/** The authors speaking about their own work: "we", "our", "this paper", "the proposed method". */
const FIRST_PARTY = /\b(?:we|our|ours|us)\b|\bthis\s+(?:[\w-]+\s+)?(?:paper|work|study|article|report|letter|thesis|monograph)\b|\bthe\s+proposed\b/i;
/**
 * A main clause whose subject is the paper's method: a coined name ("DeepCache reduces…",
 * "HiPA achieves…", "AI-SARAH computes…" — capitals inside the word, not a plural such as
 * "GANs") or "the/this method" ("The method reaches…").
 */
const OWN_SUBJECT =
  /^(?:(?:[A-Z][a-z]*[A-Z][\w-]*|[A-Z][A-Z\d-]+)(?<![a-z]s)|(?:[Tt]he|[Tt]his)\s+(?:[\w-]+\s+)?(?:method|approach|framework|technique|algorithm|pipeline|solver|sampler|scheme))\b(?:\s*\([^)]*\))?\s+(?!(?:and|or|is\s+a|are|have|has)\b)/;

/** Optional adverbs between "we" and its verb: "we also propose", "we then show", "we further develop". */
const WE = String.raw`\bwe\s+(?:(?:also|further|then|thus|hence|therefore|first|here|now|additionally|finally|instead|newly|subsequently|[a-z]+ly)\s+){0,2}`;

/** A cue: a pattern and the role it signals, optionally only in claims about the authors' own work or only outside them. */
interface CueRule {
  role: RoleCue['role'];
  cue: string;
  pattern: RegExp;
  /**
   * `own`: counts only in a claim about the paper's own work ("our method achieves…", "DeepCache
   * achieves…", not "Diffusion models achieve…"). `others`: counts only outside such claims, for
   * background ("existing methods suffer from…", not "our method suffers less from…").
   */
  about?: 'own' | 'others';
  /** `clause`: the pattern is tested on the main clause (after connectives and a framing phrase), not the whole sentence. */
  scope?: 'clause';
}

const cue = (role: CueRule['role'], name: string, pattern: RegExp, about?: CueRule['about'], scope?: CueRule['scope']): CueRule => ({
  role,
  cue: name,
  pattern,
  ...(about ? { about } : {}),
  ...(scope ? { scope } : {}),
});

/** Metrics whose numbers state a result. */
const METRIC = String.raw`(?:FID|IS|KID|CLIP(?:[- ]score)?|PSNR|SSIM|LPIPS|BLEU|ROUGE|NFE|accuracy|error|AUC|mAP|top-1|top-5|recall|precision|F1|speed-?up|acceleration|WER|MOS|perplexity)`;
/** A ratio or share after a number: "2.3×", "10 times", "49%", "10-fold" — not a resolution such as "64 times 64". */
const RATIO = String.raw`(?:%|percent\b|×(?!\s*\d)|x\b(?!\s*\d)|times\b(?!\s*\d)|-?fold\b)`;
/** Nouns a paper calls its own proposal. */
const PROPOSAL = String.raw`(?:method|approach|framework|model|algorithm|technique|system|pipeline|solution|architecture|network|sampler|solver|paradigm|strategy|scheme|module|mechanism|variant|benchmark|dataset|estimator|formulation)`;

const CUES: readonly CueRule[] = [
  // Contribution: the paper's own proposal.
  cue('contribution', 'we propose', new RegExp(WE + String.raw`(?:propose[sd]?|introduce[sd]?|present(?:ed)?|develop(?:ed)?|design(?:ed)?|devise[sd]?|build|built|create[sd]?|construct(?:ed)?|contribute[sd]?|put\s+forward|offer(?:ed)?|provide[sd]?|derive[sd]?|establish(?:ed)?|formulate[sd]?|unveil(?:ed)?|pioneer(?:ed)?|generali[sz]e[sd]?|extend(?:ed)?|release[sd]?|reformulate[sd]?|rethink|revisit(?:ed)?|tackle[sd]?|address(?:ed)?|study|studied|investigate[sd]?|explore[sd]?|analy[sz]e[sd]?|examine[sd]?|overview|review|survey|summari[sz]e[sd]?|discuss(?:ed)?|outline[sd]?|describe[sd]?|consider(?:ed)?|give|gave|deal\s+with|focus(?:ed)?\s+on|aim\s+to|seek\s+to)\b`, 'i')),
  cue('contribution', 'we …, and introduce', /\bwe\b[^.;]{0,80}?\b(?:and|then)\s+(?:[a-z]+ly\s+)?(?:propose|introduce|present|develop|design)\b/i),
  cue('contribution', 'this paper presents', /\b(?:this|the|the\s+present|our)\s+(?:[\w-]+\s+)?(?:paper|work|study|article|report|letter|thesis|manuscript|monograph|survey|tutorial|chapter)\s+(?:(?:also|further|first|then|[a-z]+ly)\s+)?(?:propos|present|introduc|develop|describ|address|tackl|stud|explor|investigat|provid|offer|establish|identif|reveal|show|demonstrat|aim|focus|consider|examin|analy[sz]|extend|revisit|contribut|bridg|design|formulat|make|challeng|seek|argu|put|discuss|review|survey|trac|cover|summari[sz])/i),
  cue('contribution', 'in this paper, we', /\b(?:in|with|through|throughout)\s+this\s+(?:[\w-]+\s+)?(?:paper|work|study|article|report|letter|thesis)\s*,?\s*(?:we|our)\b/i),
  cue('contribution', 'here we', /^\W*here,?\s+we\b/i),
  cue('contribution', 'our method, X', new RegExp(String.raw`\b[Oo]ur\s+(?:proposed\s+)?(?:[\w-]+\s+){0,2}?${PROPOSAL}s?(?:\s*,\s*(?:(?:called|named|dubbed|termed|coined)\b|[A-Z])|\s*\(\s*(?:called|named|dubbed|termed|coined)\b)`)),
  cue('contribution', 'X, a new method', new RegExp(String.raw`\b[A-Z][\w-]*[A-Z][\w-]*\s*(?:\([^)]*\))?\s*,\s*(?:a|an)\s+(?:[\w-]+\s+){0,6}?${PROPOSAL}\b`), 'own'),
  cue('contribution', 'we call it X', new RegExp(WE + String.raw`(?:call|name|dub|term|coin)\s+(?:it|this|our|the|them)\b`, 'i')),
  // "a new state of the art" is a finding, not a new proposal.
  cue('contribution', 'a novel', /\b(?:a|an)\s+(?:[\w-]+\s+)?(?:novel|new)\s+(?!state[- ]of[- ]the[- ]art|record|sota\b|high|low|level|standard|benchmark\s+result)/i, 'own'),
  cue('contribution', 'the first', /\b(?:the\s+first\b|to\s+the\s+best\s+of\s+our\s+knowledge)/i, 'own'),

  // Finding: what the paper shows.
  cue('finding', 'we show that', new RegExp(WE + String.raw`(?:find|found|show(?:ed|n)?|observe[sd]?|demonstrate[sd]?|prove[sd]?|verif(?:y|ied)|confirm(?:ed)?|discover(?:ed)?|reveal(?:ed)?|identif(?:y|ied)|uncover(?:ed)?|report(?:ed)?|notice[sd]?|note[sd]?|conclude[sd]?|highlight(?:ed)?|argue[sd]?|point\s+out|emphasi[sz]e[sd]?|achieve[sd]?|obtain(?:ed)?|attain(?:ed)?|outperform(?:ed)?|surpass(?:ed)?|improve[sd]?|reduce[sd]?|accelerate[sd]?|speed\s+up|evaluate[sd]?|validate[sd]?|test(?:ed)?|benchmark(?:ed)?|compare[sd]?|assess(?:ed)?|get|see)\b`, 'i')),
  cue('finding', 'results show', /(?<!\b(?:recent|previous|prior|existing|several|many|some|earlier|past|numerous|other)\s+(?:[\w-]+\s+)?)\b(?:results?|experiments?|evaluations?|validations?|analys[ie]s|studies|simulations?|comparisons?|ablations?|findings|benchmarks?|tests?|evidence|observations?|theory|experimentation)\b[^.;]{0,120}?(?<!\b(?:have|has|had)\s+(?:[a-z]+ly\s+)?)\b(?:show|shows|showed|shown|demonstrate[sd]?|indicate[sd]?|suggest(?:s|ed)?|reveal(?:s|ed)?|confirm(?:s|ed)?|verif(?:y|ies|ied)|validate[sd]?|highlight(?:s|ed)?|illustrate[sd]?|prove[sd]?|corroborate[sd]?|support(?:s|ed)?|attest)\b/i),
  cue('finding', 'it is shown that', /\bit\s+is\s+(?:empirically\s+|experimentally\s+|theoretically\s+)?(?:shown|demonstrated|proven|proved|found|observed|verified|confirmed)\b/i),
  cue('finding', 'outperforms', /\b(?:outperform(?:s|ed)?|surpass(?:es|ed)?|beats|exceed(?:s|ed)|on\s+par\s+with|superior\s+to|performs?\s+(?:favou?rably|competitively|comparably|better|best|well|strongly))\b/i),
  // "…have achieved remarkable quality, surpassing GANs" is background: participles count only in own claims.
  cue('finding', 'outperforming', /\b(?:outperforming|surpassing|beating|exceeding|rival(?:s|ing)?)\b/i, 'own'),
  cue('finding', 'achieves', /\b(?:achiev(?:es|ing)|attain(?:s|ing)|obtain(?:s|ing)|yield(?:s|ing)|reach(?:es|ing)|deliver(?:s|ing)|achieve|attain|set(?:s|ting)?\s+a\s+new)\b/i, 'own'),
  cue('finding', 'state-of-the-art', /\b(?:state[- ]of[- ]the[- ]art|SOTA|new\s+record)\b/i, 'own'),
  cue('finding', 'improves', /\b(?:significantly|substantially|consistently|considerably|dramatically|greatly|drastically|notably|markedly|largely)\s+(?:improv|reduc|outperform|accelerat|speed|boost|enhanc|lower|increas|decreas|surpass|cut)|\b(?:improv(?:es|ing)|reduc(?:es|ing)|accelerat(?:es|ing)|boost(?:s|ing)|enhanc(?:es|ing)|speed(?:s|ing)\s+up|lower(?:s|ing)|halv(?:es|ing)|cut(?:s|ting))\s+(?:both\s+)?(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:speed|quality|performance|accuracy|efficiency|fidelity|FID|cost|time|latency|memory|number|steps|robustness|results?|error|generali[sz]ation)\b/i, 'own'),
  cue('finding', 'shows strong performance', /\b(?:demonstrat|show|exhibit|display)(?:es|s|ed|ing)?\s+(?:[\w-]+\s+){0,3}?(?:performance|results|improvements?|gains?|speed-?ups?|robustness|quality|effectiveness|efficiency|superiority|capabilit(?:y|ies)|potential|generali[sz]ation)\b/i, 'own'),
  cue('finding', 'enables', /\b(?:enabl(?:es|ing)|allow(?:s|ing)|permit(?:s|ting)|mak(?:es|ing)\s+it\s+possible|open(?:s|ing)\s+the\s+door)\b/i, 'own'),
  cue('finding', 'guarantees', /\b(?:guarantee[sd]?\s+that|provabl[ey]|is\s+guaranteed|we\s+guarantee)\b/i, 'own'),
  cue('finding', 'n× / n%', new RegExp(String.raw`\d(?:\.\d+)?\s*${RATIO}|\b(?:speed-?ups?|acceleration)\s+(?:of|by|up\s+to)\s+\d|\d(?:\.\d+)?\s*(?:→|->|rightarrow)\s*\d|\b${METRIC}\s*(?:score\s*)?(?:of|=|:|by)\s*\d`, 'i'), 'own'),
  cue('finding', 'n× faster', new RegExp(String.raw`\b(?:speed-?ups?|faster|reduction|reduc(?:es|ing)|improvements?|improv(?:es|ing)|gains?|savings?|accelerat(?:es|ing|ion)|boost(?:s|ing)?)\b[^.;]{0,50}?\d(?:\.\d+)?\s*${RATIO}|\d(?:\.\d+)?\s*${RATIO}\s*(?:[\w-]+\s+){0,2}?(?:faster|speed-?ups?|fewer|less|lower|higher|better|improvements?|reductions?|gains?|savings?|acceleration)\b`, 'i')),
  cue('finding', 'in 0.5 s', /\b(?:as\s+(?:few|little|low)\s+as|only|just|within|under|in)\s+(?:about\s+|approximately\s+|around\s+)?(?:\d[\d.,]*|one|two|three|four|five|a\s+single)\s*(?:s|sec|secs|seconds?|ms|milliseconds?|min|minutes?|hours?|GPU[- ]hours?|days?|steps?|iterations?|evaluations?|NFEs?|fps)\b/i, 'own'),
  cue('finding', 'to our surprise', /\b(?:to\s+our\s+surprise|surprisingly|interestingly|remarkably|counter-?intuitively)\b/i),
  cue('finding', 'our key finding', /\b(?:our|the)\s+(?:key|main|central|primary|surprising)\s+(?:finding|discovery|result|observation)s?\s+(?:is|are)\b/i),

  // Method: how it works.
  cue('method', 'we use', new RegExp(WE + String.raw`(?:use[sd]?|apply|applied|train(?:ed)?|leverage[sd]?|employ(?:ed)?|adopt(?:ed)?|utili[sz]e[sd]?|exploit(?:ed)?|incorporate[sd]?|combine[sd]?|model(?:ed)?|parameteri[sz]e[sd]?|optimi[sz]e[sd]?|learn|fine-?tune[sd]?|distill(?:ed)?|inject(?:ed)?|replace[sd]?|reuse[sd]?|cache[sd]?|compute[sd]?|estimate[sd]?|approximate[sd]?|treat(?:ed)?|cast|view|decompose[sd]?|represent(?:ed)?|map|encode[sd]?|enforce[sd]?|impose[sd]?|adapt(?:ed)?|integrate[sd]?|follow(?:ed)?|rely|assume[sd]?|define[sd]?|frame[sd]?|align(?:ed)?|condition(?:ed)?|sample[sd]?|perform(?:ed)?|regulari[sz]e[sd]?|modify|modified|augment(?:ed)?|restrict(?:ed)?|constrain(?:ed)?|limit(?:ed)?|keep|iteratively|denoise[sd]?|share|shared|split|exclude[sd]?)\b`, 'i')),
  cue('method', 'our approach is based on', new RegExp(String.raw`\b(?:our|the\s+proposed|this)\s+(?:[\w-]+\s+){0,2}?(?:${PROPOSAL}|idea|design)\s+(?:is\s+based\s+on|builds?\s+(?:up)?on|relies\s+on|consists\s+of|comprises|uses|employs|leverages|utili[sz]es|involves|works\s+by|operates|combines|incorporates|learns|trains|applies|adopts|exploits|treats|decomposes|models|is\s+built|is\s+trained|is\s+designed|first)\b`, 'i')),
  cue('method', 'X employs', /^(?:[\w-]+\s+){0,3}?(?:(?:also|further|then|first|additionally|implicitly|explicitly|effectively|efficiently|simply|directly|jointly|iteratively|dynamically|adaptively)\s+)*(?:employs|uses|utili[sz]es|introduces|computes|exploits|leverages|capitali[sz]es\s+on|adopts|incorporates|combines|learns|relies\s+on|builds\s+on|applies|consists\s+of|propagates|decomposes|treats|reuses|injects|replaces|integrates|encodes|adjusts|adapts|distills|predicts|refines|down-?samples|smooths|optimi[sz]es|formulates|parameteri[sz]es|aligns|regulari[sz]es)\b/, 'own', 'clause'),
  cue('method', 'the key idea', /\b(?:the|our)\s+(?:key|core|main|central|basic|underlying|heart|crux)\b(?:\s+(?:idea|insight|intuition|principle|component|ingredient|observation|technique|contribution))?\s+(?:of\s+[^,.;]+?\s+)?(?:is|lies|are)\b/i),
  cue('method', 'is trained with', /\b(?:is|are)\s+(?:then\s+|first\s+|jointly\s+|further\s+|subsequently\s+|also\s+)?(?:trained|optimi[sz]ed|learned|computed|obtained|parameteri[sz]ed|modeled|implemented|constructed|built|formulated|derived|estimated|fed|injected|conditioned|guided|updated|initiali[sz]ed|distilled|fine-?tuned|encoded|decoded|sampled|approximated|replaced|adjusted|incorporated|applied)\s+(?:on|with|by|via|using|as|from|through|into|in|for|during)\b/i),
  cue('method', 'by …ing', /\b(?:by|via)\s+(?:[a-z]+ly\s+)?[a-z]+ing\b/i, 'own'),
  cue('method', 'consists of', /\b(?:consists?\s+of|is\s+composed\s+of|comprises|is\s+based\s+on)\b/i),

  // Background: the field and its problems, not the authors' work.
  cue('background', 'has achieved', /\b(?:has|have)\s+(?:[a-z]+ly\s+|also\s+|already\s+|long\s+|now\s+)?(?:achieved|demonstrated|shown|emerged|become|gained|attracted|made|revolutioni[sz]ed|enabled|been|seen|received|garnered|proven|exhibited|dominated|witnessed|drawn|led|spurred|sparked|established|opened|advanced|transformed|found|improved|increased|boosted|accelerated|expanded|grown|evolved|progressed|reshaped|pushed|had)\b/i, 'others'),
  cue('background', 'recently', /^\W*(?:recently|(?:the\s+)?recent\b|in\s+recent\s+(?:years|times|decades|months)|over\s+the\s+(?:past|last)\s+(?:few\s+)?(?:years|decades?))/i, 'others'),
  cue('background', 'has emerged as', /\b(?:emerg(?:ed|es|ing)|become|became|becomes|serve[sd]?|stands?)\s+as\b|\b(?:has|have)\s+become\b/i, 'others'),
  cue('background', 'has attracted attention', /\b(?:attract(?:ed|s|ing)?|dr[ae]w(?:n|s)?|receiv(?:ed|es|ing)|gain(?:ed|s|ing)?|garner(?:ed|s|ing)?)\s+(?:[\w-]+\s+){0,3}?(?:attention|interest|popularity|traction|adoption)\b/i, 'others'),
  cue('background', 'remains challenging', /\b(?:remains?|remained|is|are|was|were)\s+(?:still\s+|largely\s+|often\s+|usually\s+)?(?:an?\s+|a\s+(?:major|key|significant|fundamental|long-standing)\s+)?(?:open|challenging|challenge|unclear|unknown|unexplored|under-?explored|elusive|difficult|limited|lacking|unsolved|unresolved|non-?trivial|poorly\s+understood|not\s+well\s+understood|under-?studied|scarce|costly|expensive|prohibitive|slow|time-consuming|infeasible|intractable|impractical|inefficient|insufficient|bottleneck|computationally\s+(?:expensive|intensive|demanding|costly))\b|\b(?:presents?|poses?|faces?|remains?)\s+(?:an?\s+)?(?:[\w-]+\s+)?(?:challenge|problem|obstacle|difficulty|hurdle)s?\b/i, 'others'),
  cue('background', 'however, …', /^\W*(?:however|but|yet|unfortunately|nevertheless|nonetheless|despite|although|while)\b/i, 'others'),
  cue('background', 'suffer from', /\b(?:suffer(?:s|ed|ing)?\s+from|(?:is|are)\s+(?:often\s+|usually\s+)?(?:limited|hindered|hampered|constrained|plagued|bottlenecked)\s+by|bottleneck|struggl(?:e|es|ed|ing)\s+(?:to|with)|fail(?:s|ed)?\s+to|(?:typically|usually|often|generally|still|commonly)\s+(?:requires?|relies|rely|needs?|depends?|involves?)|requir(?:e|es|ed|ing)\s+(?:a\s+)?(?:large|many|hundreds|thousands|expensive|costly|extensive|significant|substantial|numerous|multiple|iterative|tens|massive|huge|considerable)\b)/i, 'others'),
  cue('background', 'existing methods …', /^\W*(?:(?:however|but|yet|unfortunately|nevertheless|nonetheless|moreover|also|still|additionally|furthermore|in\s+addition|meanwhile|in\s+practice|notably|importantly|crucially|in\s+particular|specifically|typically|traditionally|currently|so\s+far|to\s+date)\s*,?\s+)?(?:the\s+|most\s+|many\s+|these\s+|such\s+)?(?:current|existing|prior|previous|conventional|traditional|most|many|several|some|recent|standard|popular|mainstream|classical|common|typical|state-of-the-art)\s+(?:[\w-]+\s+){0,3}?(?:approaches|methods|works?|techniques|models|solutions|algorithms|studies|research|literature|efforts|attempts|systems|frameworks|samplers|solvers)\b/i, 'others'),
  cue('background', 'with the advance of', /^\W*(?:with|given|due\s+to|thanks\s+to|following|along\s+with|driven\s+by)\s+(?:the\s+)?(?:[\w-]+\s+)?(?:advance|advancement|development|success|progress|rise|growth|proliferation|popularity|emergence|advent|availability|explosion|breakthroughs?)s?\s+(?:of|in)\b/i, 'others'),
  cue('background', 'is widely used', /\b(?:is|are|has\s+been|have\s+been)\s+(?:widely|commonly|extensively|increasingly|frequently|broadly|often|routinely|popularly|traditionally)\s+(?:used|adopted|applied|employed|studied|deployed|utili[sz]ed|recogni[sz]ed|regarded|considered|known|investigated|explored)\b/i, 'others'),
  cue('background', 'it is well known', /\bit\s+is\s+(?:well[- ]known|(?:widely|commonly|generally|often)\s+(?:believed|accepted|known|recogni[sz]ed|assumed|observed)|believed|known)\b/i, 'others'),
  cue('background', 'X is a powerful class', /\b(?:is|are)\s+(?:a|an|one\s+of\s+the)\s+(?:[\w-]+\s+){0,2}?(?:popular|powerful|promising|prominent|fundamental|important|crucial|key|central|emerging|widely[- ]used|standard|common|classical|classic|well-known|leading|dominant|ubiquitous|essential|core|major|critical|pivotal|vital|natural|boon|milestone|cornerstone|staple|workhorse|widely[- ]\w+)\b|\bone\s+of\s+the\s+(?:most\s+)?(?:key|main|major|central|fundamental|important|popular|prominent|critical|common|widely)\b/i, 'others'),
  cue('background', 'X is a method that', /\b(?:is|are|refers?\s+to)\s+(?:a|an)\s+(?:[\w-]+\s+){0,3}?(?:method|class|family|technique|approach|paradigm|tool|problem|task|field|area|topic|process|procedure|concept|phenomenon|setting)\s+(?:that|which|for|of|in|where|whose|to)\b/i, 'others'),
  cue('background', 'X is essential for', /\b(?:is|are|remains?|has\s+been|have\s+been)\s+(?:\w+ly\s+)?(?:essential|crucial|important|vital|critical|key|central|fundamental|indispensable|ubiquitous|necessary|beneficial|instrumental|widespread|prevalent)\s+(?:for|to|in|across|among)\b|\bplays?\s+(?:an?\s+)?(?:\w+\s+)?(?:central|key|crucial|important|vital|pivotal|critical|fundamental|major|significant|essential)\s+roles?\b/i, 'others'),
  cue('background', 'X holds great promise', /\b(?:holds?|shows?|showed|showing|offers?|demonstrates?)\s+(?:great|much|significant|tremendous|considerable|enormous|huge|remarkable|strong)\s+(?:promise|potential)\b|\b(?:is|are)\s+showing\s+promising\b|\b(?:has|have)\s+the\s+potential\s+to\b|\bexcels?\s+(?:in|at)\b|\b(?:has|have|had)\s+(?:a\s+)?(?:great|tremendous|remarkable|huge|considerable)\s+success\b/i, 'others'),
  cue('background', 'X can generate', /\bcan\s+(?:\w+ly\s+)?(?:generate|create|produce|synthesi[sz]e|model|capture|learn|represent)\s+(?:[\w-]+\s+){0,2}?(?:high[- ]quality|realistic|stunning|diverse|photorealistic|complex|impressive|high[- ]fidelity)\b/i, 'others'),
  cue('background', 'X typically …', /\b(?:typically|generally|usually|commonly|traditionally|conventionally|normally)\s+(?!(?:used|adopted)\b)[a-z]+\b/i, 'others'),
  cue('background', 'a question', /\?\s*$/, 'others'),
];

/** Which role wins when a sentence has cues of several: the paper's own claims first. */
const ROLE_PRIORITY: ReadonlyArray<RoleCue['role']> = ['contribution', 'finding', 'method', 'background'];

/**
 * Every cue the sentence carries, in the order of {@link ROLE_PRIORITY}; explains
 * {@link rhetoricalRole}. Some cues count only in a claim about the authors' own work — with
 * "we", "our", "this paper", "the proposed", or the method's coined name as subject
 * ("DeepCache achieves…"): "achieves" and "state-of-the-art" state a finding after "our method"
 * but background after "Diffusion models". Background cues, conversely, count only outside such
 * claims.
 */
export function roleCues(text: string): RoleCue[] {
  const firstParty = FIRST_PARTY.test(text);
  let clause: string | undefined;
  let ownSubjectFound: boolean | undefined;
  const ownSubject = (): boolean => (ownSubjectFound ??= OWN_SUBJECT.test((clause ??= mainClause(text))));
  const applies = (rule: CueRule): boolean => {
    if (rule.about === 'others' && (firstParty || ownSubject())) return false;
    if (rule.about === 'own' && !firstParty && !ownSubject()) return false;
    return rule.pattern.test(rule.scope === 'clause' ? (clause ??= mainClause(text)) : text);
  };
  return CUES.filter(applies).map(({ role, cue: name }) => ({ role, cue: name }));
}

/**
 * What the sentence does in its abstract:
 * - `contribution` — the paper's proposal: "We propose…", "This paper presents…", "In this work, we…";
 * - `finding` — what it shows: "We find that…", "Experiments show…", "…outperforms…", "2.3× faster";
 * - `method` — how it works: "We use/train/leverage…", "Our approach is based on…", "by …ing";
 * - `background` — the field and its problems: "Diffusion models have achieved…", "Recently,…",
 *   "However, existing methods suffer from…";
 * - `other` — none of these.
 * When cues of several roles occur, contribution > finding > method > background.
 *
 * @example
 * rhetoricalRole('In this paper, we introduce DeepCache, a training-free paradigm.'); // 'contribution'
 * rhetoricalRole('Diffusion models have recently achieved remarkable results.'); // 'background'
 */
export function rhetoricalRole(text: string): RhetoricalRole {
  const roles = new Set(roleCues(text).map((found) => found.role));
  return ROLE_PRIORITY.find((role) => roles.has(role)) ?? 'other';
}
