// Which notes the vault has, where they go, and the writer that records where each mention lands.
import * as path from 'node:path';
import type { Probe } from '../generateVault';
import type { EntitySpec } from './entities';
import type { Random } from './random';
import { SECTION_TOPICS } from './vocabulary';

/** Notes per folder: the vault is laid out as `topic-000/note-00000.md`. */
export const NOTES_PER_FOLDER = 100;
/** The size the ordinary notes are scaled to, on average. */
const AVERAGE_NOTE_BYTES = 5000;

export interface NotePlan {
  index: number;
  file: string;
  title: string;
  sections: string[];
  targetBytes: number;
  frontmatter: boolean;
  defines: EntitySpec[];
}

export class NoteWriter {
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

export interface Counters {
  crossNote: number;
  deadFile: number;
  deadFragment: number;
  images: number;
  deadImages: number;
}

export function folderOf(index: number): string {
  return `topic-${String(Math.floor(index / NOTES_PER_FOLDER)).padStart(3, '0')}`;
}

export function fileOf(index: number): string {
  return `${folderOf(index)}/note-${String(index).padStart(5, '0')}.md`;
}

export function relativeLink(from: string, to: string): string {
  const relative = path.posix.relative(path.posix.dirname(from), to);
  return relative;
}

/** GitHub-style slug of the simple section headings the generator writes (letters, digits, CJK, spaces). */
export function slug(heading: string): string {
  return heading.trim().toLowerCase().replace(/\s+/g, '-');
}

export function planNotes(random: Random, notes: number, entities: EntitySpec[]): NotePlan[] {
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
