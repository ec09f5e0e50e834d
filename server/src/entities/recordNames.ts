// Turning the text a record gives into a name: link labels lose their decoration (`[🤗 Hugging Face
// Transformers]`, `[… (paper)]`, `[Github Repo: swerv]`, `[lvwerra/TRL]`), titles give their short
// name (`BERT` of `BERT: Pre-training of …`), and text that reads as a sentence is no name at all.
import { isAuthorCitation } from './byline';
import { namesAChange, type Identity } from './identity';
import { aliasesFromName, CJK_CHAR, isGenericLabel, isGenericLinkText, unique } from './names';
import { isCommonPhrase, isCommonWord } from './words';

export interface CleanName {
  name: string;
  aliases: string[];
  /** What a label says besides the name (`Ripes:教学用的图形化处理器流水线` → the part after the colon). */
  description?: string;
  /** A paper title's subtitle (`Pre-training of …` of `BERT: Pre-training of …`): a summary when the record has none. */
  subtitle?: string;
}

const MAX_LABEL = 300;
const TRAILING_NOTE =
  /\s*(?:[(（](?:paper|pdf|code|code and paper|paper and code|blog|video|slides|arxiv|\d{4}|[a-z]+ \d{4})[)）]|\bpaper|\bpdf)\s*$/i;
/** `[(1) GCC Manual: …]`, `[2. LLVM Language Reference]`: the list's numbering written into the label. */
const LABEL_NUMBER = /^(?:[(（]\d{1,3}[)）]\s*|\d{1,3}[.)、]\s+)/;
const LABEL_PREFIX = /^(?:github\s+repo|gitee\s+repo|github|gitee|repo|repository|project|code|source|paper|论文|项目|代码)\s*[:：]\s*/i;
/**
 * A Latin name of up to four words, then the Chinese word for a dataset or a corpus. Not `模型` or `工具`:
 * `Verilog模型` is a model written in Verilog, not a thing called Verilog.
 */
const KIND_AFTER_NAME = /^([A-Za-z][\w.+-]{0,40}(?: [A-Za-z0-9][\w.+-]{0,40}){0,3})["”]?\s?(?:数据集|语料库)$/;
/** `Name@group` without blanks; not an address (`someone@example.com`) nor a scoped package (`@org/name`). */
const KEPT_BY = /^([^\s@/]{2,60})@([A-Za-z][\w-]{1,39})$/;
const SYMBOLS =
  /^[\s\p{Extended_Pictographic}\u{FE0F}*_`"“”'‘’《》「」[\]]+|[\s\p{Extended_Pictographic}\u{FE0F}*_`"“”'‘’《》「」[\]:：]+$/gu;

/** The name a link label gives, or undefined when the label names nothing. */
export function cleanLinkName(text: string, identity: Identity | undefined): CleanName | undefined {
  // No label longer than a long title names anything; the patterns below need not read one.
  if (text.length > MAX_LABEL) return undefined;
  let name = text.replace(SYMBOLS, '').replace(LABEL_NUMBER, '').replace(TRAILING_NOTE, '').replace(SYMBOLS, '').trim();
  name = name.replace(LABEL_PREFIX, '').trim();
  if (!name || isGenericLinkText(name) || isGenericLabel(name)) return undefined;
  // `[Wang等人，2019年](…)`, `[Vaswani et al](…)`: a sentence citing a paper by who wrote it; the paper's name is elsewhere or nowhere.
  if (isAuthorCitation(name)) return undefined;
  // `[the compiler](…)`, `[this library](…)`: words about the target, not its name.
  if (/^[a-z]/.test(name) && name.includes(' ') && isCommonPhrase(name)) return undefined;
  const aliases: string[] = [];
  const ownerRepo = /^[\w.-]+\/([\w.-]+)$/.exec(name);
  if (ownerRepo) {
    aliases.push(name);
    name = ownerRepo[1];
  }
  // `[C4语料库](…)`, `[OpenWebText数据集](…)`: a Latin name and the Chinese word for what kind of thing it is.
  const kind = KIND_AFTER_NAME.exec(name);
  if (kind) {
    aliases.push(name);
    name = kind[1].trim();
  }
  const kept = withoutKeeper(name);
  if (kept !== name) {
    aliases.push(name);
    name = kept;
  }
  // `BigScience's BLOOM-176B` is called BLOOM-176B; whose it is goes with the other names.
  const possessive = stripPossessive(name);
  if (possessive !== name) {
    aliases.push(name);
    name = possessive;
  }
  const split = splitShortName(name, identity);
  // A paper is called by its title; the text before the colon is its short name.
  if (split && identity?.kind === 'paper') {
    return {
      name,
      aliases: unique([
        split.short,
        ...aliases,
        ...aliasesFromName(split.short, { latinParts: false }),
        ...aliasesFromName(name, { latinParts: false }),
      ]),
      subtitle: split.rest,
    };
  }
  if (split) {
    return {
      name: split.short,
      aliases: unique([name, ...aliases, ...aliasesFromName(split.short, { latinParts: false })]),
      description: split.rest,
    };
  }
  // The Latin part of a short mixed name is a name (`蜂鸟E200`); that of a long Chinese title is a topic.
  const latinParts = CJK_CHAR.test(name) && (name.match(/[\u3400-\u9fff]/g) ?? []).length <= 6;
  return { name, aliases: unique([...aliases, ...aliasesFromName(name, { latinParts })]) };
}

/**
 * `Rocket@chipsalliance`, `snitch@pulp`: a list of cores writes which group keeps each one after an `@`.
 * The core is called Rocket; the whole label stays a name it is known by.
 */
export function withoutKeeper(name: string): string {
  return KEPT_BY.exec(name)?.[1] ?? name;
}

/**
 * `Short: the rest` → the short name and the rest, when the part before the colon is a name rather than
 * a topic (`Sequence parallelism: Long sequence training …` keeps its whole title).
 */
export function splitShortName(title: string, identity?: Identity): { short: string; rest: string } | undefined {
  const match = /^([^:：]{2,60}?)\s*[:：]\s*(\S.*)$/.exec(title);
  if (!match) return undefined;
  const short = match[1].trim();
  const rest = match[2].trim();
  if (short.split(/\s+/).length > 6 || isGenericLabel(short)) return undefined;
  if (isCommonPhrase(short.replace(/[()（）]/g, ' ')) && !/[A-Z]{2}|\d/.test(short)) return undefined;
  // `Ripes:教学用的…` and `Mooncake: Kimi's …` describe after the colon; `repo: swerv` was handled before.
  if (identity?.kind !== 'paper' && !CJK_CHAR.test(rest) && rest.split(/\s+/).length < 2) return undefined;
  return { short, rest };
}

/** `Antti Lukats的Engine-V` → `Engine-V`; `BigScience's BLOOM-176B` → `BLOOM-176B`. */
export function stripPossessive(name: string): string {
  const chinese = /^[^的]{1,30}的\s*([A-Za-z][\w .+-]*)$/.exec(name);
  if (chinese) return chinese[1].trim();
  const english = /^[A-Z][\w.-]*(?: [A-Z][\w.-]*)?['’]s\s+(\S.*)$/.exec(name);
  if (english) return english[1].trim();
  return name;
}

/**
 * Whether text reads as a name: a few words at most, not a sentence, not a label. Link labels may be
 * titles (`Attention Is All You Need`), so they may be longer than a name written before a colon.
 */
export function isNameLike(text: string, options: { link: boolean }): boolean {
  const name = text.trim();
  if (!name || isGenericLabel(name) || isGenericLinkText(name)) return false;
  if (/^https?:\/\//i.test(name)) return false;
  if (namesAChange(name)) return false;
  const cjk = (name.match(/[\u3400-\u9fff]/g) ?? []).length;
  const words = name.split(/\s+/).filter(Boolean);
  if (/^[\u3400-\u9fff]$/.test(name)) return false;
  // Markup that was not parsed as such (`<a rel="license"href="…`) is no name.
  if (/[<>={}]|^["']/.test(name)) return false;
  if (options.link) return name.length <= 200 && words.length <= 30;
  if (name.length > 60 || words.length > 6 || cjk > 12) return false;
  if (/[。！？!?；;]$|[。；;]/.test(name) || /[,，]/.test(name)) return false;
  // Sentences start with a lower-case word of the language (`the`, `we`, `see`) or a function word; names rarely do.
  if (/^[a-z]+$/.test(words[0]) && words.length > 1 && isCommonWord(words[0])) return false;
  if (FUNCTION_WORD.test(words[0]) && words.length > 1) return false;
  return !isChineseSentence(name);
}

/** A head's text up to its first Chinese comma, when no colon comes before it. */
const HEAD_BEFORE_COMMA = /^[^，:：\n]{1,60}，/;

/**
 * `XrayGLM，首个会看胸部X光片的医学大模型：`: a Latin name, a Chinese comma, then a clause saying what it
 * is. The comma separates the name as a colon would. Only a Latin name counts: Chinese text before a
 * comma is most often a sentence's start (`目前，…`, `Hummingbird E200. 二级流水线，…`), and a dash or a
 * full stop before it is the separator.
 */
export function namingComma(head: string): RegExpExecArray | null {
  const before = HEAD_BEFORE_COMMA.exec(head);
  if (!before) return null;
  const name = before[0].slice(0, -1).trim();
  if (!/[A-Za-z]{2}/.test(name) || CJK_CHAR.test(name) || /\s[-–—]\s|——|\.\s/.test(name)) return null;
  if (!isNameLike(name, { link: false }) || isCommonPhrase(name)) return null;
  return /，/.exec(head);
}

const FUNCTION_WORD =
  /^(these|those|there|here|it|its|we|our|you|your|they|their|he|she|i|in|on|at|for|to|from|with|by|as|if|when|while|also|see|note|and|or|but|so|then|however|because)$/i;

/**
 * A link label that reads as a headline or a sentence rather than a title: `[SiFive任命某人新CEO](news…)`,
 * `[Why you should work on agents!](…)`. One word and its exclamation mark (`WHOOPS!`) is a name.
 */
export function isHeadline(label: string): boolean {
  const words = label.trim().split(/\s+/);
  const exclaimedWord = words.length === 1 && /^[A-Za-z][\w.-]*!$/.test(words[0]);
  return isChineseSentence(label) || words.length > 14 || (/[。！？!?]$/.test(label.trim()) && !exclaimedWord);
}

/**
 * Chinese text reads as a sentence rather than a name when it ends in `的`, holds the particles and
 * pronouns of running text, or switches between Chinese and Latin again and again (a headline such as
 * `SiFive任命某人新CEO`; a name switches once or twice: `蜂鸟E200`, `清华Jittor(计图)`).
 */
function isChineseSentence(name: string): boolean {
  if (!CJK_CHAR.test(name)) return false;
  if (/[的之]$/.test(name)) return true;
  const cjk = (name.match(/[\u3400-\u9fff]/g) ?? []).length;
  if (cjk > 4 && /[的了吗呢吧我你他她它们是在将把被让从对于可为]/.test(name)) return true;
  const switches =
    name
      .replace(/[\s\d()（）.\-+_/]/g, '')
      .replace(/[A-Za-z]+/g, 'L')
      .replace(/[\u3400-\u9fff]+/g, 'C').length - 1;
  return switches >= 3;
}

export interface TitledShortName {
  short: string;
  /** The title, and the title's own short name where it differs (`Sheared LLaMA` of `LLM-Shearing(Sheared LLaMA: …)`). */
  aliases: string[];
  /** What the title says the paper does: the part after its colon, or the whole title. */
  subtitle: string;
  /** Characters of the text the name and its title take. */
  length: number;
}

const SHORT_THEN_TITLE = /^\s*([A-Za-z][\w.+-]{1,40})\s?[(（]([^()（）:：\n]{1,60}[:：]\s*)?([^()（）\n]{12,240})[)）]/;

/**
 * `LLM-Pruner(LLM-Pruner: On the Structural Pruning of Large Language Models)`, `Wanda(A Simple and Effective
 * Pruning Approach for Large Language Models)`: a paper called by its short name, its title in parentheses.
 * The title's colon is not the record's separator, and the title is written in English title case: a
 * lower-case or Chinese aside (`PPO（近端策略优化）`, `(a tool for X)`) explains a term instead.
 */
export function shortBeforeTitle(text: string): TitledShortName | undefined {
  const match = SHORT_THEN_TITLE.exec(text);
  if (!match || !isTitleCase(match[3]) || spellsOut(match[1], match[3])) return undefined;
  const short = match[1];
  const titleShort = match[2]?.replace(/[:：]\s*$/, '').trim();
  const title = `${match[2] ?? ''}${match[3]}`.trim();
  const ownShort = titleShort && squashLatin(titleShort) !== squashLatin(short) && isNameLike(titleShort, { link: false });
  return { short, aliases: ownShort ? [title, titleShort] : [title], subtitle: match[3].trim(), length: match[0].length };
}

/** `BERT (Bidirectional Encoder Representations from Transformers)`: an acronym's expansion explains a term, it is no title. */
function spellsOut(short: string, words: string): boolean {
  const initials = words.split(/\s+/).filter((word) => /^[A-Z]/.test(word));
  return (
    squashLatin(short) ===
    initials
      .map((word) => word[0])
      .join('')
      .toLowerCase()
  );
}

/** Four words or more, Latin only, and most of the longer words capitalised, as titles are written. */
function isTitleCase(text: string): boolean {
  const words = text.trim().split(/\s+/);
  if (words.length < 4 || CJK_CHAR.test(text)) return false;
  const long = words.filter((word) => /^[A-Za-z-]{4,}$/.test(word));
  return long.length >= 2 && long.filter((word) => /^[A-Z]/.test(word)).length >= long.length * 0.75;
}

function squashLatin(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}
