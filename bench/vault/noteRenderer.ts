// One note's text: its front matter, sections, definitions in the shapes the seed notes use, and filler
// (prose with mentions, cross-note links, images, bash blocks, link lists, bullets) up to its size.
// The order of the random draws is the vault's identity: changing it changes every vault.
import type { EntitySpec, Shape } from './entities';
import { NoteWriter, relativeLink, slug, type Counters, type NotePlan } from './notes';
import type { Random } from './random';
import {
  OWNERS,
  EXPANSIONS,
  CJK_FRAGMENTS,
  CJK_TEMPLATES,
  EN_TEMPLATES,
  EN_FILLER,
  SECTION_TOPICS,
  CARD_SECTIONS,
  BULLET_PHRASES,
  BASH_LINES,
  EXTERNAL_LINKS,
} from './vocabulary';

type Mention = { text: string; local: boolean };
type Part = string | Mention;

export function renderNote(random: Random, plan: NotePlan, plans: NotePlan[], entities: EntitySpec[], counters: Counters): NoteWriter {
  return new NoteRenderer(random, plan, plans, entities, counters).render();
}

class NoteRenderer {
  private readonly writer: NoteWriter;
  private section = 0;
  private readonly filler: Array<() => void> = [
    this.prose,
    this.prose,
    this.prose,
    this.prose,
    this.crossLink,
    this.crossLink,
    this.image,
    this.code,
    this.externalLinks,
    this.bulletList,
  ].map((write) => write.bind(this));

  constructor(
    private readonly random: Random,
    private readonly plan: NotePlan,
    private readonly plans: NotePlan[],
    private readonly entities: EntitySpec[],
    private readonly counters: Counters,
  ) {
    this.writer = new NoteWriter(plan.file);
  }

  render(): NoteWriter {
    const { random, plan, writer } = this;
    if (plan.frontmatter) this.frontMatter();
    writer.line(`# ${plan.title}`);
    writer.line();
    // Definitions first, grouped by shape as the seed notes group them; sections and filler in between.
    const groups = new Map<Shape, EntitySpec[]>();
    for (const entity of plan.defines) groups.set(entity.shape, [...(groups.get(entity.shape) ?? []), entity]);
    this.nextSection();
    this.prose();
    for (const [shape, group] of groups) {
      renderDefinitions(random, writer, shape, group, () => this.mention());
      if (random.chance(0.5)) this.nextSection();
      random.pick(this.filler)();
    }
    while (writer.bytes < plan.targetBytes) {
      if (random.chance(0.12)) this.nextSection();
      random.pick(this.filler)();
    }
    while (this.section < plan.sections.length) {
      this.nextSection();
      this.prose();
    }
    return writer;
  }

  private frontMatter(): void {
    const { plan, writer } = this;
    writer.line('---');
    writer.line(`title: ${plan.title}`);
    writer.line(`date: 2024-${String((plan.index % 12) + 1).padStart(2, '0')}-15 10:32`);
    writer.line('tags:');
    writer.line('    - ai');
    writer.line('    - notes');
    writer.line('---');
    writer.line();
  }

  private nextSection(): void {
    if (this.section >= this.plan.sections.length) return;
    this.writer.line(`## ${this.plan.sections[this.section++]}`);
    this.writer.line();
  }

  private mention(): Mention {
    const entity = this.entities[this.random.skewedIndex(this.entities.length)];
    return { text: this.random.pick(entity.mentions), local: entity.home === this.plan.index };
  }

  private prose(): void {
    const { random, writer } = this;
    const mention = () => this.mention();
    const parts: Part[] = [];
    if (random.chance(0.6)) {
      const sentences = random.int(2, 5);
      for (let sentence = 0; sentence < sentences; sentence++) {
        if (random.chance(0.5)) parts.push(...fillTemplate(random.pick(CJK_TEMPLATES), mention));
        else parts.push(`${random.pick(CJK_FRAGMENTS)}，${random.pick(CJK_FRAGMENTS)}。`);
      }
    } else {
      const sentences = random.int(2, 5);
      for (let sentence = 0; sentence < sentences; sentence++) {
        if (sentence > 0) parts.push(' ');
        if (random.chance(0.5)) parts.push(...fillTemplate(random.pick(EN_TEMPLATES), mention));
        else parts.push(random.pick(EN_FILLER));
      }
    }
    writer.lineWithMentions(parts);
    writer.line();
  }

  private crossLink(): void {
    const { random, plan, counters, writer } = this;
    const target = this.plans[random.int(0, this.plans.length - 1)];
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
  }

  private image(): void {
    const { random, counters, writer } = this;
    counters.images++;
    const dead = random.chance(0.08);
    if (dead) counters.deadImages++;
    writer.line(`![架构图](${dead ? `assets/missing-${random.int(1, 999)}.png` : `assets/fig-${random.int(0, 4)}.png`})`);
    writer.line();
  }

  private code(): void {
    const { random, writer } = this;
    const pkg = random
      .pick(this.entities)
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
  }

  private externalLinks(): void {
    const { random, writer } = this;
    const count = random.int(2, 5);
    for (let link = 0; link < count; link++) writer.line(`- [${random.pick(BULLET_PHRASES)}](${random.pick(EXTERNAL_LINKS)})`);
    writer.line();
  }

  private bulletList(): void {
    const { random, writer } = this;
    const count = random.int(2, 5);
    for (let item = 0; item < count; item++) {
      if (random.chance(0.5)) writer.lineWithMentions(['- ', random.pick(BULLET_PHRASES), '：参考', this.mention(), '的实现']);
      else writer.line(`- ${random.pick(BULLET_PHRASES)}`);
    }
    writer.line();
  }
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
