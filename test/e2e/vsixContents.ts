// Reads a .vsix (a zip file) without unpacking it: the names it holds and the text of one entry. Enough
// of the zip format for what vsce writes (stored or deflated entries, no zip64), so that the launcher can
// check a package with no unzip tool installed.
import * as fs from 'node:fs';
import { inflateRawSync } from 'node:zlib';

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  localHeader: number;
}

function entries(zip: Buffer): Entry[] {
  // the end-of-central-directory record: its signature, searched from the end (a comment may follow it)
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('not a zip file: no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const found: Entry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory entry ${i}`);
    const nameLength = zip.readUInt16LE(at + 28);
    found.push({
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      localHeader: zip.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return found;
}

export interface VsixContents {
  names: string[];
  /** The text of an entry, undefined when the package does not hold it. */
  text(name: string): string | undefined;
}

export function readVsix(file: string): VsixContents {
  const zip = fs.readFileSync(file);
  const list = entries(zip);
  return {
    names: list.map((entry) => entry.name),
    text(name) {
      const entry = list.find((candidate) => candidate.name === name);
      if (!entry) return undefined;
      const at = entry.localHeader;
      const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
      const data = zip.subarray(start, start + entry.compressedSize);
      if (entry.method === 0) return data.toString('utf8');
      if (entry.method === 8) return inflateRawSync(data).toString('utf8');
      throw new Error(`${name}: compression method ${entry.method} is not read here`);
    },
  };
}

/** What a package must hold and how, as a list of problems (empty when it is right). */
export function vsixProblems(contents: VsixContents): string[] {
  const problems: string[] = [];
  const extension = (name: string) => `extension/${name}`;
  const manifest = JSON.parse(contents.text(extension('package.json')) ?? '{}');
  // a step's page is a %key%, named in each language's package.nls*.json
  const translations = contents.names
    .filter((name) => /^extension\/package\.nls(\.[\w-]+)?\.json$/.test(name))
    .map((name) => JSON.parse(contents.text(name) ?? '{}') as Record<string, string>);
  const inEveryLanguage = (text: string) => {
    const key = /^%([\w.-]+)%$/.exec(text)?.[1];
    return key === undefined ? [text] : translations.map((messages) => messages[key] ?? text);
  };
  const required = [
    'package.nls.json',
    'package.nls.zh-cn.json',
    'l10n/bundle.l10n.zh-cn.json',
    'sample-notes/README.md',
    ...(manifest.contributes?.walkthroughs ?? []).flatMap((w: { steps: Array<{ media: { markdown: string } }> }) =>
      w.steps.flatMap((step) => inEveryLanguage(step.media.markdown)),
    ),
  ];
  for (const name of required) if (!contents.names.includes(extension(name))) problems.push(`${name} is not in the package`);
  for (const bundle of ['extension', 'server', 'parseWorker', 'cli']) {
    const text = contents.text(extension(`dist/${bundle}.js`));
    if (text === undefined) {
      problems.push(`dist/${bundle}.js is not in the package`);
      continue;
    }
    // minified: a few very long lines, not tens of thousands of short ones
    const lines = text.split('\n').length;
    if (text.length / lines < 500) problems.push(`dist/${bundle}.js is not minified (${lines} lines, ${text.length} characters)`);
    if (contents.names.includes(extension(`dist/${bundle}.js.map`))) problems.push(`dist/${bundle}.js.map is packaged`);
  }
  return problems;
}
