// Which names a record may define, and which links in it name what they open. Kept apart from how a
// lead is read (recordLead.ts): these are the judgements a wrong card comes from, each with its case.
import { anchorNamesUrl, type Identity } from './identity';
import { squashName } from './candidate';
import { isFieldName } from './fieldLabels';
import { isGenericLabel, withoutParentheses } from './names';
import type { LinkSegment } from './segments';
import { isCommonPhrase, isCommonWord } from './words';

/**
 * `[Intel](https://software.intel.com/…)`, `[GNU](https://gcc.gnu.org/)`: a label that is the site's own
 * name, on one of its product subdomains, names the company rather than the product. On the site itself
 * (`[ArrayFire](https://arrayfire.org/docs)`) or its docs or wiki (`[DAOS](https://docs.daos.io/)`), it
 * names the product.
 */
export function namesOnlyTheCompany(name: string, url: string): boolean {
  // Only a name the address holds can be the site's own.
  if (!url.toLowerCase().includes(squashName(name)) || squashName(name) === '') return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const labels = parsed.hostname.toLowerCase().split('.');
  if (labels.length <= 2 || SITE_SUBDOMAINS.has(labels[0])) return false;
  return squashName(name) === labels[labels.length - 2];
}

const SITE_SUBDOMAINS = new Set(['www', 'docs', 'doc', 'wiki', 'en', 'm', 'blog', 'web', 'home']);

export const CODE_LABEL = /^(github|gitee|gitlab|code|source|source code|repo|repository|源码|代码|仓库)$/i;

const ENCYCLOPEDIA = /wikipedia\.org|wiktionary\.org|baike\.baidu\.com/i;

export function isConceptArticle(identity: Identity | undefined, name: string): boolean {
  const words = withoutParentheses(name).split(/\s+/);
  return identity?.kind === 'homepage' && ENCYCLOPEDIA.test(identity.url) && words.length >= 2 && isCommonPhrase(words.join(' '));
}

/**
 * A link in running text defines what it opens when it opens a repository, paper or model, or a site its
 * text names (`[LibreCores CI](https://www.librecores.org/…)`); an encyclopedia article explains a concept.
 */
export function definesInProse(link: LinkSegment): boolean {
  const identity = link.identity;
  if (!identity) return false;
  if (identity.kind !== 'homepage') return true;
  return !ENCYCLOPEDIA.test(identity.url) && anchorNamesUrl(link.text, identity.url);
}

/**
 * `… written using [UVM](https://www.accellera.org/…/uvm) and …`: a page whose path its short label names.
 * A label naming only the host (`[Embecosm](http://www.embecosm.com/)`) is most often a company's.
 */
export function definesInPassing(link: LinkSegment): boolean {
  if (link.identity?.kind !== 'homepage') return true;
  return (
    definesInProse(link) &&
    link.text.split(/\s+/).length <= 3 &&
    /[A-Z]/.test(link.text) &&
    anchorNamesUrl(link.text, link.identity.url, { pathOnly: true })
  );
}

export function endsInOrdinaryWord(name: string): boolean {
  const words = name.split(/\s+/);
  const last = words[words.length - 1];
  return words.length > 1 && /^[a-z]+$/.test(last) && isCommonWord(last);
}

/**
 * A name a record may define with no link at all: written like a proper name (`RI5CY`, `Zero-riscy`),
 * or, among items that link what they describe, a capitalised word (`Rocket`). Never a label or a step.
 */
export function isDefinableName(name: string, definitionList: boolean): boolean {
  if (!/[A-Za-z]/.test(withoutParentheses(name)) || isGenericLabel(name)) return false;
  if (/^(step|stage|phase|part|chapter|section|figure|fig|table|example|note|tip|warning|update|input|output|pros|cons|q|a)\b/i.test(name))
    return false;
  // `- Licence: ISC` under a card is one of its fields.
  if (isFieldName(name)) return false;
  // `AI内容创作：…` among linked items is a topic: its Latin part is a generic term, the rest Chinese words.
  const latin = withoutParentheses(name)
    .replace(/[^A-Za-z0-9 .+-]/g, ' ')
    .trim();
  if (/[\u3400-\u9fff]/.test(name) && (!latin || isCommonPhrase(latin))) return false;
  if (definitionList && /^[A-Z]/.test(name) && name.split(/\s+/).length <= 3) return true;
  if (isCommonPhrase(name)) return false;
  return /[A-Z0-9]|[-_.]/.test(name.replace(/^[A-Z]/, '')) || /^[A-Z][a-z]+[A-Z]/.test(name);
}

// A number with the unit written after it: `4.9Gbps`, `12 GB`, `10 Gbit/s`, `2002年`, `5万条`.
const QUANTITY = /\d[\d.,]*\s?(?:[A-Za-z%]{0,6}(?:\/[A-Za-z]{1,4})?|[万亿千百]?[年月日号元倍个条次秒天])/g;

/**
 * Whether the value after `Name：` says what the thing is, in words. A spec line (`HDMI 2.0（2013）：18Gbps`)
 * or a price (`Basic: $5`) gives only a measure of something already named, which is no definition.
 */
export function describesInWords(value: string): boolean {
  return /[\p{L}]/u.test(value.replace(QUANTITY, ''));
}

/** Two runs of Han joined by a middle dot, as a coined name is written: `书生·浦语`, `夫子•明察司法大模型`. */
const DOTTED_HAN_NAME = /^[\u3400-\u9fff]+[·•・][\u3400-\u9fff]+$/;

/**
 * Whether a Chinese name standing alone over its fields (`* 书生·浦语` over `* 地址：…`) is what they locate.
 * A plain Chinese word there is as often a topic over a link (`* 医疗`, `* 相关资料`); the middle dot of a
 * coined name is not written in a topic.
 */
export function isCoinedChineseName(name: string): boolean {
  return DOTTED_HAN_NAME.test(name.trim());
}
