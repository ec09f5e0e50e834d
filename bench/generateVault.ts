// Writes a synthetic notes vault for the benchmark: N notes built from the shapes the seed notes use
// (project tables, paper tables with arXiv links, project cards, linked headings, loose plain-text lists,
// fenced bash blocks, CJK and English prose, cross-note links, images), deterministic for a given seed.
//
//   node --import tsx bench/generateVault.ts [--notes 10000] [--seed 20240601] [--out .bench/vault-10000] [--force]
//
// The generator knows where every entity it wrote is mentioned, so the benchmark can aim hover and
// definition requests at real mentions without asking the server first.

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/** Bump whenever the output for a given (notes, seed) changes, so stale vaults are regenerated. */
export const GENERATOR_VERSION = 1;
export const DEFAULT_SEED = 20240601;
export const MANIFEST_NAME = 'bench-manifest.json';
const NOTES_PER_FOLDER = 100;
const AVERAGE_NOTE_BYTES = 5000;
const SESSION_NOTES = 20;

export interface Probe {
  /** Path relative to the vault root, with forward slashes. */
  file: string;
  /** Zero-based line and UTF-16 column of the first character of the mention. */
  line: number;
  character: number;
  length: number;
  /** The text written at the position. */
  text: string;
  /** Whether the entity is defined in the same note. */
  local: boolean;
}

export interface VaultManifest {
  generatorVersion: number;
  notes: number;
  seed: number;
  bytes: number;
  folders: number;
  entities: { projects: number; papers: number; byShape: Record<string, number> };
  links: { crossNote: number; deadFile: number; deadFragment: number; images: number; deadImages: number };
  /** A note of about the median size with mentions of entities defined elsewhere: first hover and edits happen here. */
  typicalNote: { file: string; bytes: number; probes: Probe[] };
  /** Notes an editor session opens; their mentions are the hover and definition targets. */
  sessionNotes: Array<{ file: string; bytes: number; probes: Probe[] }>;
  largestNotes: Array<{ file: string; bytes: number }>;
  generatedInMs: number;
}

export interface VaultOptions {
  notes: number;
  seed?: number;
  dir?: string;
  force?: boolean;
  log?: (message: string) => void;
}

export function defaultVaultDir(notes: number): string {
  return path.resolve(__dirname, '..', '.bench', `vault-${notes}`);
}

/** Returns the vault for (notes, seed), generating it unless a folder with a matching manifest is already there. */
export function ensureVault(options: VaultOptions): { dir: string; manifest: VaultManifest; reused: boolean } {
  const seed = options.seed ?? DEFAULT_SEED;
  const dir = path.resolve(options.dir ?? defaultVaultDir(options.notes));
  const log = options.log ?? (() => undefined);
  if (!options.force) {
    const existing = readManifest(dir);
    if (existing && existing.generatorVersion === GENERATOR_VERSION && existing.notes === options.notes && existing.seed === seed) {
      return { dir, manifest: existing, reused: true };
    }
  }
  log(`generating ${options.notes} notes (seed ${seed}) into ${dir} ...`);
  const staging = `${dir}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  const manifest = generateVault(staging, options.notes, seed);
  writeFileSync(path.join(staging, MANIFEST_NAME), `${JSON.stringify(manifest, null, 1)}\n`);
  rmSync(dir, { recursive: true, force: true });
  renameSync(staging, dir);
  log(`generated ${manifest.notes} notes, ${(manifest.bytes / 1e6).toFixed(1)} MB in ${(manifest.generatedInMs / 1000).toFixed(1)} s`);
  return { dir, manifest, reused: false };
}

function readManifest(dir: string): VaultManifest | undefined {
  try {
    return JSON.parse(readFileSync(path.join(dir, MANIFEST_NAME), 'utf8')) as VaultManifest;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------
// Randomness

/** mulberry32: a small, fast, seedable PRNG; the same seed always yields the same vault. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  constructor(readonly next: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  chance(probability: number): boolean {
    return this.next() < probability;
  }
  /** Standard normal, Box–Muller. */
  normal(): number {
    const u = Math.max(this.next(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
  /** Skewed towards small indices: a few entities are mentioned everywhere, most rarely. */
  skewedIndex(length: number): number {
    return Math.min(length - 1, Math.floor(length * Math.pow(this.next(), 2.2)));
  }
  shuffle<T>(items: T[]): T[] {
    for (let index = items.length - 1; index > 0; index--) {
      const other = Math.floor(this.next() * (index + 1));
      [items[index], items[other]] = [items[other], items[index]];
    }
    return items;
  }
}

// ---------------------------------------------------------------------------------------------------
// Vocabulary

const SYLLABLES = [
  'ka',
  'lo',
  'ren',
  'vex',
  'tor',
  'qui',
  'zan',
  'mir',
  'dex',
  'ul',
  'bra',
  'sto',
  'phi',
  'nyx',
  'gal',
  'mo',
  'ter',
  'vin',
  'sol',
  'cyr',
  'ax',
  'el',
  'quo',
  'rax',
  'fen',
  'dri',
  'lum',
  'zor',
  'pex',
  'vor',
  'tiq',
  'mar',
  'jen',
  'hal',
  'ost',
  'wyn',
  'zel',
  'kry',
  'bel',
  'nor',
  'dag',
  'sev',
  'yu',
  'ix',
  'tral',
  'ob',
  'gren',
  'fio',
];
const NAME_SUFFIXES = [
  '',
  '',
  '',
  '',
  '',
  'DB',
  'LM',
  'Flow',
  'Serve',
  '-RT',
  'Kit',
  '.js',
  'X',
  '2',
  'Net',
  'Infer',
  'Bench',
  '-Lite',
  'Engine',
  'ML',
];
const COMPANIES = [
  '腾讯',
  '阿里巴巴',
  '华为',
  '字节跳动',
  '百度',
  '清华',
  '北大',
  '旷视',
  '商汤',
  '京东',
  '美团',
  '智谱',
  '小米',
  '网易',
  '科大讯飞',
];
const ORGS = [
  'UC Berkeley',
  'NVIDIA',
  'MicroSoft',
  'HuggingFace',
  'Google DeepMind',
  'Meta AI',
  '清华大学',
  '上海人工智能实验室',
  '阿里云',
  '字节跳动',
  'Stanford',
  'MIT CSAIL',
  'ETH Zürich',
  'NA',
  '北京智源人工智能研究院',
  'Leland Stanford Junior University',
];
const OWNERS = [
  'vllm-project',
  'huggingface',
  'microsoft',
  'NVIDIA',
  'facebookresearch',
  'google',
  'THUDM',
  'open-mmlab',
  'InternLM',
  'hpcaitech',
  'alibaba',
  'Tencent',
  'bytedance',
  'PaddlePaddle',
  'apache',
  'mlc-ai',
  'ggerganov',
  'openai',
  'pytorch',
  'tensorflow',
  'intel',
  'ucb-bar',
  'pulp-platform',
  'sgl-project',
  'deepseek-ai',
  'QwenLM',
  'baichuan-inc',
  'modelscope',
];
const EXPANSIONS = [
  'Low-Rank Adaptation',
  'Parallel Ultra-Low-Power',
  'Deep Learning Accelerator',
  'Embedded JavaScript',
  'Tensor Processing Unit',
  'Mixture of Experts',
  'Key-Value Cache',
  'Sparse Attention Runtime',
  'Graph Compiler',
  'Retrieval Augmented Generation',
];
const PAPER_TAILS = [
  'Efficient KV Cache Compression for Long-Context LLM Serving',
  'A Unified Debugging Approach via LLM-Based Multi-Agent Synergy',
  'Scaling Sparse Mixture-of-Experts Training on Commodity Clusters',
  'Speculative Decoding with Tree-Structured Drafts',
  'Towards Energy-Aware Scheduling of Deep Learning Jobs',
  'Learning to Compile Tensor Programs with Search',
  'Memory-Efficient Fine-Tuning via Quantized Low-Rank Adapters',
  'Retrieval-Augmented Agents for Repository-Level Code Repair',
  'Disaggregated Prefill and Decode for High-Throughput Inference',
  'An Empirical Study of Instruction Tuning Data Quality',
  'Hardware-Aware Neural Architecture Search for Edge Accelerators',
  'Benchmarking Operating System Support for AI Workloads',
];
const CJK_FRAGMENTS = [
  '通过分页注意力机制高效管理KV缓存',
  '在长上下文场景下显著降低显存占用',
  '支持张量并行与流水线并行',
  '相比基线方法吞吐量提升约三倍',
  '适合在边缘设备上部署',
  '采用混合精度训练以加速收敛',
  '提供了统一的推理接口',
  '依赖高度优化的矩阵乘法库',
  '对量化后的模型精度影响很小',
  '调度器按请求长度动态分组',
  '内存占用与序列长度近似线性相关',
  '可以与现有的训练框架无缝集成',
  '社区活跃且文档比较完整',
  '在多卡环境下扩展性良好',
  '编译期会做算子融合和常量折叠',
  '支持动态形状输入',
  '提供了可视化的性能分析工具',
  '实现上大量使用了CUDA内核',
  '训练和推理共享同一套模型定义',
  '适用于检索增强生成的场景',
  '降低了首个词元的延迟',
  '对长尾请求的处理还不够稳定',
];
const CJK_TEMPLATES = [
  '我们在{A}的基础上复现了实验，并与{B}做了对比。',
  '{A}和{B}都支持量化推理，但{A}的部署更简单。',
  '最近在看{A}的源码，调度器部分写得很清楚。',
  '对比{A}，{B}在小批量下延迟更低。',
  '如果只需要单机推理，{A}已经足够。',
  '团队内部的评测显示{A}在长文本任务上表现更稳定。',
  '{A}的作者后来又发布了一个基于{B}的改进版本。',
  '注意{A}默认关闭了前缀缓存，需要手动开启。',
];
const EN_TEMPLATES = [
  'We benchmarked {A} against {B} on a single node with eight GPUs.',
  'The scheduler in {A} borrows ideas from {B} but keeps the batching simpler.',
  'Notes from reading the {A} codebase this week.',
  '{A} ships a fused attention kernel that {B} does not have yet.',
  'For offline batch jobs {A} was about twice as fast as {B} in our runs.',
  'The memory planner of {A} is worth a closer look.',
  'Compared with {B}, {A} needs far less configuration to get started.',
];
const EN_FILLER = [
  'Throughput numbers depend heavily on the prompt length distribution.',
  'The evaluation used greedy decoding and a fixed random seed.',
  'Most of the latency comes from the prefill phase on long prompts.',
  'Quantization to four bits kept accuracy within one point on the benchmark.',
  'The documentation covers installation but not the deployment story.',
  'Profiling showed the tokenizer was a surprising bottleneck.',
];
const SECTION_TOPICS = [
  '推理优化',
  '训练技巧',
  '模型压缩',
  '部署实践',
  '硬件加速',
  '论文阅读',
  '工具链',
  '数据处理',
  'Serving Notes',
  'Kernel Tuning',
  'Reading List',
  'Evaluation',
  'Open Questions',
];
const CARD_SECTIONS = ['核心功能', '技术原理', '应用场景'];
const BULLET_PHRASES = [
  '大规模分布式训练',
  '低延迟推理服务',
  '模型量化与剪枝',
  '自动混合精度',
  '算子融合',
  '显存优化',
  '多模态支持',
  '插件化的后端',
];
const BASH_LINES = [
  'pip install -U {pkg}',
  'git clone https://github.com/{repo}.git',
  'cd {pkg} && make -j8',
  'export HF_ENDPOINT=https://hf-mirror.com',
  'python -m {pkg}.serve --port 8000',
  'nvidia-smi --query-gpu=memory.used --format=csv',
  'docker run --gpus all -it --rm {pkg}:latest',
];
const EXTERNAL_LINKS = [
  'https://huggingface.co/docs',
  'https://zhuanlan.zhihu.com/p/681716326',
  'https://hf-mirror.com',
  'https://developer.nvidia.com/cudnn',
  'https://www.modelscope.cn/home',
  'https://pytorch.org/docs/stable/index.html',
  'https://lilianweng.github.io/posts/2021-09-25-train-large/',
];
const ENGLISH_WORDS = new Set(
  [...EN_TEMPLATES, ...EN_FILLER, ...PAPER_TAILS, ...EXPANSIONS, ...SECTION_TOPICS]
    .join(' ')
    .toLowerCase()
    .match(/[a-z0-9]+/g) ?? [],
);

// ---------------------------------------------------------------------------------------------------
// Entities

type Shape = 'project-table' | 'paper-table' | 'card' | 'linked-heading' | 'loose-enumerated' | 'loose-github';

interface EntitySpec {
  /** The name as defined (`腾讯Qorvex`, `Qorvex`, or a paper title). */
  name: string;
  /** Texts a note may use to mention it; all are recognised names or aliases. */
  mentions: string[];
  kind: 'project' | 'paper';
  shape: Shape;
  url: string;
  org: string;
  home: number;
}

function makeBaseNames(random: Random, count: number): string[] {
  const names: string[] = [];
  const taken = new Set<string>();
  while (names.length < count) {
    const syllables = random.int(2, 3);
    let stem = '';
    for (let index = 0; index < syllables; index++) stem += random.pick(SYLLABLES);
    stem = stem[0].toUpperCase() + stem.slice(1);
    if (random.chance(0.25)) {
      // Inner capital, as in DeepSpeed or MegEngine.
      const cut = Math.min(stem.length - 1, Math.max(2, Math.floor(stem.length / 2)));
      stem = stem.slice(0, cut) + stem[cut].toUpperCase() + stem.slice(cut + 1);
    }
    const name = stem + random.pick(NAME_SUFFIXES);
    const key = name.toLowerCase();
    if (name.length < 5 || taken.has(key) || taken.has(stem.toLowerCase()) || ENGLISH_WORDS.has(stem.toLowerCase())) continue;
    taken.add(key);
    taken.add(stem.toLowerCase());
    names.push(name);
  }
  return names;
}

function makeEntities(random: Random, count: number, notes: number): EntitySpec[] {
  const bases = makeBaseNames(random, count);
  const arxivIds = new Set<string>();
  const repos = new Set<string>();
  const shapes: Array<[Shape, number]> = [
    ['project-table', 0.3],
    ['paper-table', 0.2],
    ['card', 0.15],
    ['linked-heading', 0.15],
    ['loose-enumerated', 0.1],
    ['loose-github', 0.1],
  ];
  return bases.map((base) => {
    let roll = random.next();
    let shape: Shape = 'project-table';
    for (const [candidate, weight] of shapes) {
      if ((roll -= weight) < 0) {
        shape = candidate;
        break;
      }
    }
    const home = random.int(0, notes - 1);
    const org = random.pick(ORGS);
    if (shape === 'paper-table') {
      let id: string;
      do id = `${random.int(18, 25)}${String(random.int(1, 12)).padStart(2, '0')}.${String(random.int(0, 29999)).padStart(5, '0')}`;
      while (arxivIds.has(id));
      arxivIds.add(id);
      const name = `${base}: ${random.pick(PAPER_TAILS)}`;
      // A paper titled `Name: long title` is known by its short name too.
      return { name, mentions: [base], kind: 'paper', shape, url: `https://arxiv.org/abs/${id}`, org, home };
    }
    let repo = `${random.pick(OWNERS)}/${base.toLowerCase().replace(/[^a-z0-9-]/g, '')}`;
    while (repos.has(repo.toLowerCase())) repo += `-${random.int(2, 9)}`;
    repos.add(repo.toLowerCase());
    const url = `https://github.com/${repo}`;
    // Loose lists name a project plainly; tables, cards and headings often carry a company prefix.
    const prefixed = (shape === 'card' || shape === 'project-table') && random.chance(0.3);
    const name = prefixed ? `${random.pick(COMPANIES)}${base}` : base;
    const mentions = prefixed ? [name, base] : [base];
    return { name, mentions, kind: 'project', shape, url, org, home };
  });
}

// ---------------------------------------------------------------------------------------------------
// Notes

interface NotePlan {
  index: number;
  file: string;
  title: string;
  sections: string[];
  targetBytes: number;
  frontmatter: boolean;
  defines: EntitySpec[];
}

class NoteWriter {
  readonly lines: string[] = [];
  readonly probes: Probe[] = [];
  bytes = 0;

  constructor(readonly file: string) {}

  line(text = ''): void {
    this.lines.push(text);
    this.bytes += Buffer.byteLength(text) + 1;
  }

  /** A line made of plain text and mentions; records where each mention lands. */
  lineWithMentions(parts: Array<string | { text: string; local: boolean }>): void {
    let text = '';
    for (const part of parts) {
      if (typeof part === 'string') text += part;
      else {
        this.probes.push({
          file: this.file,
          line: this.lines.length,
          character: text.length,
          length: part.text.length,
          text: part.text,
          local: part.local,
        });
        text += part.text;
      }
    }
    this.line(text);
  }
}

interface Counters {
  crossNote: number;
  deadFile: number;
  deadFragment: number;
  images: number;
  deadImages: number;
}

function folderOf(index: number): string {
  return `topic-${String(Math.floor(index / NOTES_PER_FOLDER)).padStart(3, '0')}`;
}

function fileOf(index: number): string {
  return `${folderOf(index)}/note-${String(index).padStart(5, '0')}.md`;
}

function relativeLink(from: string, to: string): string {
  const relative = path.posix.relative(path.posix.dirname(from), to);
  return relative;
}

/** GitHub-style slug of the simple section headings the generator writes (letters, digits, CJK, spaces). */
function slug(heading: string): string {
  return heading.trim().toLowerCase().replace(/\s+/g, '-');
}

function planNotes(random: Random, notes: number, entities: EntitySpec[]): NotePlan[] {
  const plans: NotePlan[] = [];
  const bigNotes = new Set<number>();
  const bigCount = Math.max(1, Math.round(notes / 2000));
  while (bigNotes.size < Math.min(bigCount, notes)) bigNotes.add(random.int(0, notes - 1));
  for (let index = 0; index < notes; index++) {
    const sectionCount = random.int(2, 6);
    const sections: string[] = [];
    for (let section = 0; section < sectionCount; section++) sections.push(`${random.pick(SECTION_TOPICS)} ${section + 1}`);
    const targetBytes = bigNotes.has(index)
      ? random.int(100_000, 180_000)
      : Math.round(Math.min(40_000, Math.max(700, 3600 * Math.exp(0.65 * random.normal()))));
    plans.push({
      index,
      file: fileOf(index),
      title: `${random.pick(SECTION_TOPICS)}笔记 ${String(index).padStart(5, '0')}`,
      sections,
      targetBytes,
      frontmatter: random.chance(0.1),
      defines: [],
    });
  }
  for (const entity of entities) plans[entity.home].defines.push(entity);
  // Scale the ordinary notes so that the vault averages about AVERAGE_NOTE_BYTES per note.
  const total = plans.reduce((sum, plan) => sum + plan.targetBytes, 0);
  const factor = (AVERAGE_NOTE_BYTES * notes) / total;
  for (const plan of plans) if (!bigNotes.has(plan.index)) plan.targetBytes = Math.max(600, Math.round(plan.targetBytes * factor * 0.93));
  return plans;
}

function generateVault(root: string, notes: number, seed: number): VaultManifest {
  const started = Date.now();
  const random = new Random(mulberry32(seed));
  const entityCount = Math.min(4000, Math.max(200, Math.round(notes * 0.4)));
  const entities = makeEntities(random, entityCount, notes);
  const plans = planNotes(random, notes, entities);
  const counters: Counters = { crossNote: 0, deadFile: 0, deadFragment: 0, images: 0, deadImages: 0 };
  const folders = Math.ceil(notes / NOTES_PER_FOLDER);
  mkdirSync(root, { recursive: true });
  for (let folder = 0; folder < folders; folder++) {
    const assets = path.join(root, folderOf(folder * NOTES_PER_FOLDER), 'assets');
    mkdirSync(assets, { recursive: true });
    for (let image = 0; image < 5; image++) writeFileSync(path.join(assets, `fig-${image}.png`), PNG_1X1);
  }
  let bytes = 0;
  const sizes: Array<{ file: string; bytes: number }> = [];
  const probesByNote = new Map<number, Probe[]>();
  for (const plan of plans) {
    const writer = renderNote(random, plan, plans, entities, counters);
    const text = `${writer.lines.join('\n')}\n`;
    writeFileSync(path.join(root, plan.file), text);
    const size = Buffer.byteLength(text);
    bytes += size;
    sizes.push({ file: plan.file, bytes: size });
    probesByNote.set(plan.index, writer.probes);
  }
  const byShape: Record<string, number> = {};
  for (const entity of entities) byShape[entity.shape] = (byShape[entity.shape] ?? 0) + 1;

  // The typical note: about the median size, with several mentions of entities defined elsewhere.
  const sortedSizes = [...sizes].sort((a, b) => a.bytes - b.bytes);
  const median = sortedSizes[Math.floor(sortedSizes.length / 2)].bytes;
  const order = random.shuffle(plans.map((plan) => plan.index));
  const remote = (index: number) => (probesByNote.get(index) ?? []).filter((probe) => !probe.local);
  const typical =
    order.find((index) => Math.abs(sizes[index].bytes - median) <= median * 0.25 && remote(index).length >= 3) ??
    order.reduce((best, index) => (remote(index).length > remote(best).length ? index : best), order[0]);
  const session = order
    .filter((index) => index !== typical && sizes[index].bytes < 60_000 && (probesByNote.get(index)?.length ?? 0) >= 8)
    .slice(0, SESSION_NOTES);
  return {
    generatorVersion: GENERATOR_VERSION,
    notes,
    seed,
    bytes,
    folders,
    entities: {
      projects: entities.filter((entity) => entity.kind === 'project').length,
      papers: entities.filter((entity) => entity.kind === 'paper').length,
      byShape,
    },
    links: { ...counters },
    typicalNote: { file: plans[typical].file, bytes: sizes[typical].bytes, probes: remote(typical) },
    sessionNotes: session.map((index) => ({ file: plans[index].file, bytes: sizes[index].bytes, probes: probesByNote.get(index) ?? [] })),
    largestNotes: sortedSizes.slice(-5).reverse(),
    generatedInMs: Date.now() - started,
  };
}

function renderNote(random: Random, plan: NotePlan, plans: NotePlan[], entities: EntitySpec[], counters: Counters): NoteWriter {
  const writer = new NoteWriter(plan.file);
  if (plan.frontmatter) {
    writer.line('---');
    writer.line(`title: ${plan.title}`);
    writer.line(`date: 2024-${String((plan.index % 12) + 1).padStart(2, '0')}-15 10:32`);
    writer.line('tags:');
    writer.line('    - ai');
    writer.line('    - notes');
    writer.line('---');
    writer.line();
  }
  writer.line(`# ${plan.title}`);
  writer.line();
  const mention = (): { text: string; local: boolean } => {
    const entity = entities[random.skewedIndex(entities.length)];
    return { text: random.pick(entity.mentions), local: entity.home === plan.index };
  };
  const prose = (): void => {
    if (random.chance(0.6)) {
      const sentences = random.int(2, 5);
      const parts: Array<string | { text: string; local: boolean }> = [];
      for (let sentence = 0; sentence < sentences; sentence++) {
        if (random.chance(0.5)) parts.push(...fillTemplate(random.pick(CJK_TEMPLATES), mention));
        else parts.push(`${random.pick(CJK_FRAGMENTS)}，${random.pick(CJK_FRAGMENTS)}。`);
      }
      writer.lineWithMentions(parts);
    } else {
      const sentences = random.int(2, 5);
      const parts: Array<string | { text: string; local: boolean }> = [];
      for (let sentence = 0; sentence < sentences; sentence++) {
        if (sentence > 0) parts.push(' ');
        if (random.chance(0.5)) parts.push(...fillTemplate(random.pick(EN_TEMPLATES), mention));
        else parts.push(random.pick(EN_FILLER));
      }
      writer.lineWithMentions(parts);
    }
    writer.line();
  };
  const crossLink = (): void => {
    const target = plans[random.int(0, plans.length - 1)];
    let href = relativeLink(plan.file, target.file);
    const roll = random.next();
    if (roll < 0.025) {
      href = relativeLink(plan.file, target.file.replace(/\.md$/, '-old.md'));
      counters.deadFile++;
    } else if (roll < 0.05) {
      href += `#已删除的章节-${random.int(1, 9)}`;
      counters.deadFragment++;
    } else if (roll < 0.8) {
      href += `#${slug(random.pick(target.sections))}`;
    }
    counters.crossNote++;
    const label = random.chance(0.5) ? target.title : `另见${random.pick(SECTION_TOPICS)}`;
    writer.line(random.chance(0.5) ? `- 相关笔记 [${label}](${href})` : `参考 [${label}](${href}) 中的讨论。`);
    writer.line();
  };
  const image = (): void => {
    counters.images++;
    const dead = random.chance(0.08);
    if (dead) counters.deadImages++;
    writer.line(`![架构图](${dead ? `assets/missing-${random.int(1, 999)}.png` : `assets/fig-${random.int(0, 4)}.png`})`);
    writer.line();
  };
  const code = (): void => {
    const pkg = random
      .pick(entities)
      .mentions[0].toLowerCase()
      .replace(/[^a-z0-9]/g, '');
    writer.line('```bash');
    const count = random.int(2, 6);
    for (let line = 0; line < count; line++)
      writer.line(
        random
          .pick(BASH_LINES)
          .replace('{pkg}', pkg)
          .replace('{repo}', `${random.pick(OWNERS)}/${pkg}`),
      );
    writer.line('```');
    writer.line();
  };
  const externalLinks = (): void => {
    const count = random.int(2, 5);
    for (let link = 0; link < count; link++) writer.line(`- [${random.pick(BULLET_PHRASES)}](${random.pick(EXTERNAL_LINKS)})`);
    writer.line();
  };
  const bulletList = (): void => {
    const count = random.int(2, 5);
    for (let item = 0; item < count; item++) {
      if (random.chance(0.5)) writer.lineWithMentions(['- ', random.pick(BULLET_PHRASES), '：参考', mention(), '的实现']);
      else writer.line(`- ${random.pick(BULLET_PHRASES)}`);
    }
    writer.line();
  };
  const filler = [prose, prose, prose, prose, crossLink, crossLink, image, code, externalLinks, bulletList];

  // Definitions first, grouped by shape as the seed notes group them; sections and filler in between.
  const groups = new Map<Shape, EntitySpec[]>();
  for (const entity of plan.defines) groups.set(entity.shape, [...(groups.get(entity.shape) ?? []), entity]);
  let section = 0;
  const nextSection = (): void => {
    if (section >= plan.sections.length) return;
    writer.line(`## ${plan.sections[section++]}`);
    writer.line();
  };
  nextSection();
  prose();
  for (const [shape, group] of groups) {
    renderDefinitions(random, writer, shape, group, mention);
    if (random.chance(0.5)) nextSection();
    random.pick(filler)();
  }
  while (writer.bytes < plan.targetBytes) {
    if (random.chance(0.12)) nextSection();
    random.pick(filler)();
  }
  while (section < plan.sections.length) {
    nextSection();
    prose();
  }
  return writer;
}

function fillTemplate(template: string, mention: () => { text: string; local: boolean }): Array<string | { text: string; local: boolean }> {
  const parts: Array<string | { text: string; local: boolean }> = [];
  const chosen = new Map<string, { text: string; local: boolean }>();
  for (const piece of template.split(/(\{[AB]\})/)) {
    const slot = /^\{([AB])\}$/.exec(piece)?.[1];
    if (!slot) {
      if (piece) parts.push(piece);
      continue;
    }
    let value = chosen.get(slot);
    if (!value) {
      value = mention();
      // Two slots name two different entities.
      for (let retry = 0; retry < 3 && [...chosen.values()].some((other) => other.text === value!.text); retry++) value = mention();
      chosen.set(slot, value);
    }
    parts.push({ ...value });
  }
  return parts;
}

function description(random: Random, mention: () => { text: string; local: boolean }): Array<string | { text: string; local: boolean }> {
  const parts: Array<string | { text: string; local: boolean }> = [`${random.pick(CJK_FRAGMENTS)}，${random.pick(CJK_FRAGMENTS)}。`];
  if (random.chance(0.4)) parts.push('与', mention(), '相比，', `${random.pick(CJK_FRAGMENTS)}。`);
  return parts;
}

function renderDefinitions(
  random: Random,
  writer: NoteWriter,
  shape: Shape,
  group: EntitySpec[],
  mention: () => { text: string; local: boolean },
): void {
  switch (shape) {
    case 'project-table': {
      writer.line('| 编号 | 推理框架 | 团队 | 介绍 |');
      writer.line('|:---:|:---:|:---:|:---|');
      group.forEach((entity, index) =>
        writer.lineWithMentions([
          `| ${index + 1} | [${entity.name}](${entity.url}) | ${entity.org} | `,
          ...description(random, mention),
          ' |',
        ]),
      );
      writer.line();
      return;
    }
    case 'paper-table': {
      writer.line('| 论文 | 描述 |');
      writer.line('|:---:|:----:|');
      for (const entity of group) writer.lineWithMentions([`| [${entity.name}](${entity.url}) | `, ...description(random, mention), ' |']);
      writer.line();
      return;
    }
    case 'card': {
      for (const entity of group) {
        writer.line(`## ${entity.name}`);
        writer.line();
        writer.line('#### 简介');
        writer.lineWithMentions([`${entity.name}是${entity.org}开源的项目，`, ...description(random, mention)]);
        writer.line();
        for (const label of CARD_SECTIONS.slice(0, random.int(1, 3))) {
          writer.line(`#### ${label}`);
          for (let bullet = random.int(2, 4); bullet > 0; bullet--)
            writer.line(`*   **${random.pick(BULLET_PHRASES)}：** ${random.pick(CJK_FRAGMENTS)}。`);
          writer.line();
        }
        writer.line(`- [${entity.url.replace('https://github.com/', '')}: ${random.pick(CJK_FRAGMENTS)}](${entity.url})`);
        writer.line();
        writer.line('------------------------------------------------------------');
        writer.line();
      }
      return;
    }
    case 'linked-heading': {
      for (const entity of group) {
        writer.line(`### [${entity.name}: ${random.pick(CJK_FRAGMENTS)}](${entity.url})`);
        for (let bullet = random.int(1, 3); bullet > 0; bullet--) writer.line(`* ${random.pick(CJK_FRAGMENTS)}`);
        writer.line();
      }
      return;
    }
    case 'loose-enumerated': {
      group.forEach((entity, index) => {
        writer.line(`${String.fromCharCode(97 + (index % 26))}) ${entity.name} (${random.pick(EXPANSIONS)})：`);
        writer.line(`${random.pick(CJK_FRAGMENTS)}`);
        writer.line(`网址: ${entity.url}`);
        writer.line();
      });
      return;
    }
    case 'loose-github': {
      for (const entity of group) {
        writer.line(random.chance(0.3) ? `${entity.name} (原${entity.name.slice(0, 3)}o)` : entity.name);
        writer.line(`${random.pick(CJK_FRAGMENTS)}`);
        writer.line(`${random.pick(CJK_FRAGMENTS)}`);
        writer.line(`GitHub: ${entity.url}`);
      }
      writer.line();
      return;
    }
  }
}

/** A valid 1×1 transparent PNG, so that image links to existing files point at real images. */
const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

export function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

// ---------------------------------------------------------------------------------------------------
// Command line

function main(argv: string[]): void {
  let notes = 10_000;
  let seed = DEFAULT_SEED;
  let out: string | undefined;
  let force = false;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (arg === '--notes') notes = Number(argv[++index]);
    else if (arg === '--seed') seed = Number(argv[++index]);
    else if (arg === '--out') out = argv[++index];
    else if (arg === '--force') force = true;
    else if (arg === '--quick') notes = 1000;
    else throw new Error(`unknown option ${arg}`);
  }
  if (!Number.isInteger(notes) || notes < 10) throw new Error('--notes must be an integer of at least 10');
  if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');
  const { dir, manifest, reused } = ensureVault({ notes, seed, dir: out, force, log: (message) => process.stdout.write(`${message}\n`) });
  process.stdout.write(
    `${reused ? 'reused' : 'wrote'} ${dir}: ${manifest.notes} notes, ${(manifest.bytes / 1e6).toFixed(1)} MB, ${manifest.entities.projects + manifest.entities.papers} entities\n`,
  );
}

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`generateVault: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
