// Deciding what is a name: generic section labels are never entities, and a heading such as
// `清华Jittor(计图)` yields the aliases a reader would type (`Jittor`, `计图`).

const GENERIC_LABELS = new Set(
  [
    '简介', '介绍', '概述', '概要', '核心功能', '主要功能', '功能', '技术原理', '原理', '应用场景', '场景', '配置', '问题', '解答',
    '特点', '优势', '劣势', '优点', '缺点', '用途', '目录', '总结', '背景', '安装', '使用', '用法', '示例', '例子', '参考',
    '参考资料', '参考文献', '相关链接', '链接', '资源', '版本', '基础知识', '细节', '框架', '说明', '备注', '注意', '其他', '更多',
    '下载', '文档', '教程', '笔记', '前言', '引言', '结论', '附录', '待办', '论文', '项目', '工具', '模型', '描述', '详情', '团队',
    'reference', 'references', 'introduction', 'intro', 'overview', 'summary', 'features', 'installation', 'install', 'usage',
    'example', 'examples', 'notes', 'note', 'todo', 'links', 'link', 'resources', 'background', 'conclusion', 'faq', 'contents',
    'table of contents', 'toc', 'setup', 'configuration', 'config', 'getting started', 'quick start', 'quickstart', 'about',
    'description', 'details', 'papers', 'projects', 'tools', 'appendix', 'misc', 'license', 'changelog', 'readme', 'index',
    'github', 'pdf', 'paper', 'code', 'homepage', 'home', 'website', 'demo', 'blog', 'video', 'slides', 'here', 'this', 'na', 'n/a',
    'arxiv', 'project', 'model', 'tool', 'source',
  ].map((label) => label.toLowerCase()),
);

/** Words too common to be recognised as a mention on their own, even when a note uses them as a name. */
const TOO_COMMON_TO_MATCH = new Set(
  ['ai', 'gpu', 'cpu', 'llm', 'llms', 'api', 'os', 'na', 'the', 'and', 'for', 'platform', 'server', 'framework', 'library', 'model', 'models', 'project', 'tool', 'tools', 'data', 'paper', 'code', 'github', 'pdf', 'app', 'apps', 'web', 'core', 'main', 'docs', 'test', 'demo', 'awesome'],
);

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
  return text
    .replace(/^[\s*_~`]+|[\s*_~`]+$/g, '')
    .replace(/^[a-z]\)\s+/i, '')
    .replace(/\s*[:：]\s*$/, '')
    .trim();
}

/** Whether a text can stand alone as a recognised mention. */
export function isMatchableName(name: string): boolean {
  const trimmed = name.trim();
  if (trimmed.length < 2) return false;
  if (/^\d+$/.test(trimmed)) return false;
  if (TOO_COMMON_TO_MATCH.has(trimmed.toLowerCase())) return false;
  if (isGenericLabel(trimmed)) return false;
  return true;
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
    const inner = match[1].trim().replace(/^原/, '');
    if (isParentheticalAlias(inner)) aliases.push(inner);
  }
  const bare = withoutParentheses(name);
  if (bare !== name.trim()) aliases.push(bare);
  if (options.latinParts && CJK_CHAR.test(bare)) {
    for (const run of bare.matchAll(LATIN_RUN)) {
      const part = run[0].replace(/[-._+]+$/, '');
      if (/[A-Za-z]{2,}/.test(part)) aliases.push(part);
    }
  }
  return unique(aliases.filter(isMatchableName)).filter((alias) => alias !== name.trim());
}

/** Text before the first colon of a title (`Mooncake` in `Mooncake: Kimi's KVCache-centric …`). */
export function shortNameOf(title: string): string | undefined {
  const match = /^([^:：]{2,60}?)\s*[:：]\s*\S/.exec(title);
  if (!match) return undefined;
  const candidate = match[1].trim();
  return isMatchableName(candidate) ? candidate : undefined;
}

/** `由NVIDIA开发` / `developed by NVIDIA` in parentheses names the developer rather than an alias. */
export function developerFrom(text: string): string | undefined {
  const chinese = /由\s*([^()（）]+?)\s*(?:开发|推出|开源|发布)/.exec(text);
  if (chinese) return chinese[1].trim();
  const english = /\b(?:developed|made|released) by ([A-Z][\w .&-]+)/.exec(text);
  return english?.[1].trim();
}

function isParentheticalAlias(inner: string): boolean {
  if (!inner || /^https?:/i.test(inner)) return false;
  if (developerFrom(inner)) return false;
  if (CJK_CHAR.test(inner)) return inner.length <= 8 && !/[，。,、的]/.test(inner);
  // `(with TensorFlow backend)` qualifies the name; `(Embedded JavaScript)` expands it.
  if (/^[a-z]+\s/.test(inner)) return false;
  return inner.length <= 60;
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
