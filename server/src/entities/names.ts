// Deciding what is a name: generic section labels are never entities, and a heading such as
// `清华Jittor(计图)` yields the aliases a reader would type (`Jittor`, `计图`).
import { charsOf, trimChars } from './trim';
import { GENERIC_LABELS, GENERIC_LINK_TEXT, TOO_COMMON_TO_MATCH } from './labelWords';
import { isCommonPhrase, isCommonWord } from './words';

const CJK = '\\u2E80-\\u2FFF\\u3040-\\u30FF\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF\\uAC00-\\uD7AF';
export const CJK_CHAR = new RegExp(`[${CJK}]`);
const LATIN_RUN = new RegExp(`[A-Za-z0-9][A-Za-z0-9._+\\-]*(?: [A-Za-z0-9][A-Za-z0-9._+\\-]*)*`, 'g');
const PARENTHESISED = /[(（]([^()（）]+)[)）]/g;

export function normalizeName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Section labels, numbered section titles and the like: never entities. */
export function isGenericLabel(text: string): boolean {
  const cleaned = stripDecoration(text);
  if (!cleaned) return true;
  if (GENERIC_LABELS.has(cleaned.toLowerCase())) return true;
  if (/^\d+(\.\d+)*[.、\s]/.test(cleaned)) return true;
  if (/^[\d\s.\-—–_*:：#|/\\]+$/.test(cleaned)) return true;
  return false;
}

/** Removes Markdown emphasis leftovers, list numbering such as `a)` and trailing colons. */
export function stripDecoration(text: string): string {
  const bare = trimChars(text, charsOf('*_~`[]')).replace(/^[a-z]\)\s+/i, '');
  return trimChars(bare, charsOf(':：'), { start: false });
}

/** Whether a text can stand alone as a recognised mention. */
export function isMatchableName(name: string): boolean {
  const trimmed = name.trim();
  // An arXiv id (`参考论文1712.01208里的思路`) names its paper, though it is all digits.
  if (/^\d{4}\.\d{4,5}$/.test(trimmed)) return true;
  if (trimmed.length < 2) return false;
  if (/^\d+$/.test(trimmed)) return false;
  if (TOO_COMMON_TO_MATCH.has(trimmed.toLowerCase())) return false;
  if (isGenericLabel(trimmed)) return false;
  // A single Han character, or a lower-case ordinary word, is never a name in running text.
  if (/^[\u3400-\u9fff]$/.test(trimmed)) return false;
  if (trimmed === trimmed.toLowerCase() && isCommonPhrase(trimmed)) return false;
  if (CJK_CHAR.test(trimmed) && !/[A-Za-z0-9]/.test(trimmed) && isCommonWord(trimmed)) return false;
  return true;
}

/**
 * Whether a name must be matched exactly as written: a short name, one written mostly in capitals
 * (`LESS`, `TVM`, `ORCA`), one that is also an ordinary word (`Ray`, `Spark`), or one that capitalises
 * an ordinary word as a title does (`AXI Bus`), so that the words in their ordinary sense (`an AXI bus`)
 * are never taken for the project.
 */
export function isCaseSensitiveName(name: string): boolean {
  const letters = name.replace(/[^A-Za-z]/g, '');
  if (name.length <= 3) return true;
  if (letters.length >= 2 && letters.replace(/[^A-Z]/g, '').length / letters.length >= 0.75) return true;
  return isCommonPhrase(name) || capitalisesOrdinaryWord(name);
}

/**
 * `AXI Bus`, `Chisel Verify`: a short name whose later word is an ordinary word written with a capital. A
 * first word's capital says nothing, and a paper's title is written in title case or not, whatever it names.
 */
function capitalisesOrdinaryWord(name: string): boolean {
  const words = name.trim().split(/\s+/);
  return words.length <= TITLE_CASED_WORDS && words.slice(1).some((word) => /^[A-Z][a-z]+$/.test(word) && isCommonWord(word));
}

const TITLE_CASED_WORDS = 3;

const BRACKETED_TAG = /^\s*\[([^[\]]{1,80})\]\s*$/;

/**
 * `[[Google]](…)`, `[[NeurIPS'20]](…)`, `[[open]](…/metaseq)`: text set in its own brackets tags the link
 * with a maker, a venue or a kind of page. It names only the repository it spells (`[[vllm]](…/vllm)`).
 */
export function isBracketedTag(text: string, repositoryName?: string): boolean {
  const inner = BRACKETED_TAG.exec(text)?.[1];
  if (inner === undefined) return false;
  const squash = (value: string) => value.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  return repositoryName === undefined || squash(inner) !== squash(repositoryName);
}

/** Link texts that say what kind of page a link opens (`[pdf]`, `[[Code]]`, `[论文]`), never what the thing is called. */
export function isGenericLinkText(text: string): boolean {
  if (text.length > 200) return false;
  const cleaned = text
    .replace(/^[\s[\]()（）【】*_`📄🔗💻]+|[\s[\]()（）【】*_`:：]+$/gu, '')
    .trim()
    .toLowerCase();
  // `[</>](…)`, `[→](…)`: a sign for a page, without a letter or a digit of a name.
  if (!cleaned || !/[\p{L}\p{N}]/u.test(cleaned)) return true;
  if (GENERIC_LINK_TEXT.has(cleaned)) return true;
  // `see [this paper](…)`: a page pointed at in a sentence, not called by its name.
  if (/^(?:this|that|the|our|their|original)\s+(?:paper|article|post|blog|code|repo|repository|project|page|link|work)$/.test(cleaned))
    return true;
  if (/^https?:\/\//.test(cleaned) || /^(arxiv|doi)\s*:?\s*[\d./]+/.test(cleaned)) return true;
  if (/^(source\s+)?code\b|^\[?code\]?$|^official\b/.test(cleaned) && cleaned.split(' ').length <= 3) return true;
  if (/^(link|url|ref|source)\s*\d+$/.test(cleaned)) return true;
  // `Daniel Lustig个人网站`, `X's blog`: a person's page, however it is labelled.
  // `Project's github`, `the paper's code`: where something of the thing lives, not its name.
  if (
    /(个人网站|个人主页|的主页|的博客)$|['’]s (blog|homepage|website|home page|github|gitlab|gitee|repo|repository|code|source code|paper|docs|documentation)$/.test(
      cleaned,
    )
  )
    return true;
  if (/^(linux内核|[\u3400-\u9fff]{1,2}(包|码|址|页))$/.test(cleaned)) return true;
  return false;
}

/** `Text Generation Inference(TGI)` → `Text Generation Inference`; `Pug (原Jade)` → `Pug`. */
export function withoutParentheses(name: string): string {
  return name.replace(PARENTHESISED, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * Aliases a reader would type for a name: parenthesised short names (`TGI`, `计图`, `Jade` from `原Jade`)
 * and the Latin parts of a mixed heading (`华为mindspore` → `mindspore`). CJK parts outside parentheses
 * are usually the company (`华为`), so they are not aliases.
 */
export function aliasesFromName(name: string, options: { latinParts: boolean } = { latinParts: true }): string[] {
  const aliases: string[] = [];
  for (const match of name.matchAll(PARENTHESISED)) {
    const formerly = /^原/.test(match[1].trim());
    const inner = match[1].trim().replace(/^原/, '');
    if (formerly ? isMatchableName(inner) : isParentheticalAlias(inner, name)) aliases.push(inner);
  }
  const bare = withoutParentheses(name);
  if (bare !== name.trim()) aliases.push(bare);
  if (options.latinParts && CJK_CHAR.test(bare)) {
    // `英伟达NVIDIA/Megatron-LM` is owner/name: the owner is not another name of the project.
    const named = bare.includes('/') ? bare.slice(bare.lastIndexOf('/') + 1) : bare;
    const parts = [...named.matchAll(LATIN_RUN)].map((run) => run[0].replace(/[-._+]+$/, '')).filter((part) => /[A-Za-z]{2,}/.test(part));
    // `蜂鸟E200` is called `E200` too; `Nvidia 官方 nvprof 使用文档` names two things, neither of them itself;
    // `CUDA 编程手册` and `PyTorch 分布式` are about CUDA and PyTorch, not called so.
    const rest = named.replace(LATIN_RUN, ' ').replace(/[\s()（）、，,.·:：-]+/g, '');
    if (new Set(parts.map((part) => part.toLowerCase())).size === 1 && !isAboutTopic(rest)) aliases.push(parts[0]);
  }
  const described = withoutDescriptor(bare);
  if (described) aliases.push(described);
  return unique(aliases.filter(isMatchableName)).filter((alias) => alias !== name.trim());
}

/** What a Chinese title says it is about its topic: a manual, a tutorial, notes, an analysis. */
const TOPIC_DESCRIPTOR =
  /^(?:编程|中文|官方|入门|进阶|实战|源码|分布式|并行|性能|底层|高级|基础)*(?:手册|教程|文档|笔记|指南|实践|解读|分析|原理|介绍|详解|总结|学习|课程|资料|入门|源码|优化|部署|安装|使用|分布式|并行|训练|推理)$/;

function isAboutTopic(chinese: string): boolean {
  return chinese !== '' && (TOPIC_DESCRIPTOR.test(chinese) || isCommonWord(chinese));
}

const DESCRIPTOR =
  /\s+(fs|file ?system|framework|library|lib|toolkit|toolbox|toolchain|project|engine|suite|platform|compilers?|simulator|emulator|language|model|package|plugin|sdk|cli|文件系统|框架|库|工具|引擎|平台|编译器|模拟器)$/i;

/** Words before the descriptor of a name; more make a title (`BLOOM: A 176B-Parameter … Language Model`). */
const MAX_DESCRIBED_WORDS = 4;

/**
 * `Lustre FS` is called `Lustre`; `Ray framework`, `Ray`: the last word says what kind of thing it is. A
 * title ending in `Model` is no name with a descriptor, and `Transformer Engine` is not called
 * `Transformer`: a capitalised descriptor belongs to a name whose other word is an ordinary one.
 */
function withoutDescriptor(name: string): string | undefined {
  const match = DESCRIPTOR.exec(name);
  if (!match) return undefined;
  const rest = name.slice(0, match.index).trim();
  // `Zorbit: An Efficient … Library` and `The Deep Learning Compiler` are titles ending in a kind of thing:
  // what comes before that word is half a title, not what anyone calls the thing.
  if (/[:：]/.test(rest) || /^(?:the|a|an)\s/i.test(rest) || rest.split(/\s+/).length > MAX_DESCRIBED_WORDS) return undefined;
  const ordinary = isCommonPhrase(rest) && (rest === rest.toLowerCase() || /^\s+[A-Z]/.test(match[0]));
  return rest.length >= 3 && !ordinary ? rest : undefined;
}

/** A Chinese phrase that says what kind of thing a name is: `法律大模型`, `天文大语言模型`, `中文数据集`. */
const CHINESE_KIND = /(?:模型|数据集|语料库?|框架|工具包?|平台|引擎)$/;
/** A name in three runs: no Han, Han, no Han (either outer run may be empty). */
const HAN_BETWEEN = /^([^\u3400-\u9fff]*)([\u3400-\u9fff]+)([^\u3400-\u9fff]*)$/;
const JOINING = charsOf('-–—·•:：');

/**
 * `ChatLaw-法律大模型`, `天文大语言模型StarGLM`: a Latin name beside a Chinese phrase saying what kind of
 * thing it is, which readers call by the Latin name. A Chinese part that is not a kind (`腾讯ncnn`,
 * `蜂鸟E200`, `lychee_law-律知`) is part of the name or its maker, so the name stays whole.
 */
export function latinNameBesideKind(name: string): string | undefined {
  const runs = HAN_BETWEEN.exec(name);
  if (!runs || !CHINESE_KIND.test(runs[2])) return undefined;
  const before = trimChars(runs[1], JOINING);
  const after = trimChars(runs[3], JOINING);
  if (before && after) return undefined;
  const latin = before || after;
  return /[A-Za-z]{2}/.test(latin) && isMatchableName(latin) && !isCommonPhrase(latin) ? latin : undefined;
}

/** Text before the first colon of a title (`Mooncake` in `Mooncake: Kimi's KVCache-centric …`). */
export function shortNameOf(title: string): string | undefined {
  const match = /^([^:：]{2,60}?)\s*[:：]\s*\S/.exec(title);
  if (!match) return undefined;
  const candidate = match[1].trim();
  return isMatchableName(candidate) ? candidate : undefined;
}

/**
 * Names a description gives the thing it describes: `introduces a new 70B LM called "Chinchilla"`,
 * `简称XX`. Only written-as-a-name words count: capitalised, or with digits or inner capitals.
 */
export function namesGivenIn(description: string): string[] {
  const names: string[] = [];
  for (const match of description.matchAll(
    /\b(?:called|named|dubbed|aka|a\.k\.a\.)\s+(?:["“'‘]([^"”'’]{2,40})["”'’]|([A-Z][\w.+-]*(?:\s+[A-Z0-9][\w.+-]*){0,3}))/g,
  )) {
    names.push((match[1] ?? match[2]).replace(/[.,]$/, '').trim());
  }
  // `提出了ULMFiT方法`, `介绍了GPT-3`: the name a Chinese reading list says a paper introduced.
  for (const match of description.matchAll(
    /(?:提出了|介绍了|推出了|发布了)\s*([A-Z][A-Za-z0-9.+-]{1,20}?)(?=模型|方法|算法|框架|架构|[，。,、\s]|$)/g,
  ))
    names.push(match[1]);
  for (const match of description.matchAll(
    /(?:简称|又称|又名|别名|称为)\s*["“「『]?([A-Za-z0-9\u3400-\u9fff][\w.+\-\u3400-\u9fff]{1,20}?)["”」』]?(?=[，。,.;；）)\s]|$)/g,
  ))
    names.push(match[1]);
  return unique(names.filter(isMatchableName));
}

/** `由NVIDIA开发` / `developed by NVIDIA` in parentheses names the developer rather than an alias. */
export function developerFrom(text: string): string | undefined {
  const chinese = /由\s*([^()（）]+?)\s*(?:开发|推出|开源|发布)/.exec(text);
  if (chinese) return chinese[1].trim();
  const english = /\b(?:developed|made|released) by ([A-Z][\w .&-]+)/.exec(text);
  return english?.[1].trim();
}

/**
 * A parenthesised part is another name only when it spells the name differently: an abbreviation of it
 * (`Text Generation Inference (TGI)`), what the abbreviation stands for (`NVDLA (NVIDIA Deep Learning
 * Accelerator)`), or its name in the other script (`清华Jittor(计图)`). `(Google)`, `(IBM)`, `(Open Source)`
 * and `(with TensorFlow backend)` say who made it or what it is, not what it is called.
 */
function isParentheticalAlias(inner: string, outer = ''): boolean {
  if (!inner || /^https?:/i.test(inner) || inner.startsWith('@')) return false;
  if (developerFrom(inner)) return false;
  const bare = outer.replace(PARENTHESISED, ' ').trim();
  if (CJK_CHAR.test(inner))
    return (
      inner.length <= 8 && !/[，。,、的]/.test(inner) && !isCommonWord(inner) && (!bare || !CJK_CHAR.test(bare) || /[A-Za-z]/.test(bare))
    );
  if (/^[a-z]+\s/.test(inner) || inner.length > 60) return false;
  if (!bare) return true;
  if (CJK_CHAR.test(bare)) return /[A-Za-z]/.test(inner) && !isCommonPhrase(inner);
  return isAbbreviationOf(inner, bare) || isAbbreviationOf(bare, inner);
}

/**
 * Whether `short` abbreviates `long`: its letters, in order, start words of `long` or follow one another
 * inside them (`PaLM` of `Pathways Language Model`, `IRPO`, `MUG` of `MVAPICH User Group`).
 */
export function isAbbreviationOf(short: string, long: string): boolean {
  const letters = short.replace(/[^A-Za-z0-9]/g, '').toLowerCase();
  const words = long
    .split(/[\s\-_/]+/)
    .filter((word) => /[A-Za-z0-9]/.test(word))
    .map((word) => word.toLowerCase());
  if (letters.length < 2 || words.length < 2 || letters.length > 12) return false;
  if (letters[0] !== words[0][0]) return false;
  return abbreviates(letters, 0, words, 0, 0, new Set());
}

/** `failed` remembers the states already tried, so that repeated letters (`aaaa`) cost no more than others. */
function abbreviates(letters: string, at: number, words: string[], word: number, inWord: number, failed: Set<string>): boolean {
  if (at === letters.length) return words.slice(word + 1).every((rest) => isCommonWord(rest));
  if (word >= words.length) return false;
  const state = `${at} ${word} ${inWord}`;
  if (failed.has(state)) return false;
  const current = words[word];
  // The next letter continues the current word, or starts one of the following words.
  if (inWord < current.length && current[inWord] === letters[at] && abbreviates(letters, at + 1, words, word, inWord + 1, failed))
    return true;
  for (let next = word + 1; next < words.length && next <= word + 3; next++) {
    if (words[next][0] === letters[at] && abbreviates(letters, at + 1, words, next, 1, failed)) return true;
    if (!isCommonWord(words[next]) || words[next].length > 4) break;
  }
  failed.add(state);
  return false;
}

/** Drops repeated names; spellings that differ in case stay, since short names match case exactly. */
export function unique(values: string[]): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const value of values) {
    const key = value.normalize('NFKC').replace(/\s+/g, ' ').trim();
    if (!key || seen.has(key)) continue;
    seen.add(key);
    result.push(value);
  }
  return result;
}
