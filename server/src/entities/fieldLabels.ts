// The labels a record's fields carry (`- Link: …`, `- 简介：…`, `- Licence: ISC`): one vocabulary for every
// record shape, so that a field one shape reads as a link or a summary is never a name in another.

/** Fields that hold where the thing is: its code, paper, site or docs. */
const LINK_FIELDS = [
  'link',
  'links',
  'url',
  'github',
  'gitlab',
  'gitee',
  'code',
  'source',
  'source code',
  'repo',
  'repository',
  'homepage',
  'website',
  'web',
  'paper',
  'papers',
  'arxiv',
  'pdf',
  'docs?',
  'documentation',
  'demo',
  'blog',
  'project',
  '网址',
  '网站',
  '地址',
  '链接',
  '代码',
  '源码',
  '仓库',
  '论文',
  '主页',
  '官网',
  '项目地址',
  '开源地址',
];

/**
 * Fields that say what the thing is. A Chinese label may name what it describes before the word
 * (`数据集说明`, `项目简介`, `模型介绍`): the prefix is a short run of Han characters, never a name's Latin.
 */
const SUMMARY_FIELDS = [
  '[\\u3400-\\u9fff]{0,4}(?:简介|介绍|描述|说明|概述|概要|摘要)',
  '(?:short |project |brief )?description',
  'summary',
  'about',
  'tl;?dr',
  'overview',
];

/** Fields that say something about the thing other than what it is or where it lives. */
const META_FIELDS = [
  'licen[cs]es?',
  '许可',
  '协议',
  'written in',
  'languages?',
  'authors?',
  'maintainers?',
  'status',
  'type',
  'platform',
  'category',
  'tags',
  'stars',
  'version',
  // `*Year*: 2012`: when the thing appeared, which says nothing of what it is.
  'year',
  '年份',
  'supports?',
  'requires?',
  '语言',
  '作者',
  '状态',
  '类型',
  '标签',
  // `- 主要功能：…`, `- 特点：…`: what the thing offers, which is not what it is and must not displace its 简介.
  '[\\u3400-\\u9fff]{0,2}(?:特点|特性|功能|亮点)',
];

const labelled = (labels: readonly string[]) => new RegExp(`^(${labels.join('|')})\\s*[:：]`, 'i');

/** `- Link: https://…`, `项目地址：…`: a field holding the record's links. */
export const LINK_FIELD = labelled(LINK_FIELDS);

/** `Paper: …`, `论文：…`: a field citing the paper about the thing, rather than locating the thing itself. */
export const PAPER_FIELD = labelled(['papers?', 'arxiv', 'pdf', '论文']);

/** `- 简介：…`, `Description: …`, with the label and its colon matched so that the rest is the summary. */
export const SUMMARY_FIELD = new RegExp(`^(${SUMMARY_FIELDS.join('|')})\\s*[:：]\\s*`, 'i');

/** Any field of a record: a sub-item so labelled describes its parent rather than naming something. */
export const ANY_FIELD = labelled([...LINK_FIELDS, ...SUMMARY_FIELDS, ...META_FIELDS]);

const FIELD_NAME = new RegExp(`^(${[...LINK_FIELDS, ...META_FIELDS].join('|')})$`, 'i');

/** `Licence`, `Written in`, `Links`: a field's label, never the name of what the record defines. */
export function isFieldName(text: string): boolean {
  return FIELD_NAME.test(text.trim());
}
