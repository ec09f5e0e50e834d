import assert from 'node:assert/strict';
import type { Entity } from '../../../server/src/index/entityTable';
import { MentionMatcher } from '../../../server/src/index/mentionMatcher';
import { finish, inSlices } from '../../../server/src/parse/steps';
import { factsOf } from '../helpers';

function entity(id: string, name: string, aliases: string[] = [], definedIn: string[] = []): Entity {
  const sites = definedIn.map((uri) => ({
    uri,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
    shape: 'list-record' as const,
  }));
  return { id, identities: [id], name, kind: 'project', aliases, summary: '', links: {}, fields: {}, sites };
}

function mentioned(matcher: MentionMatcher, text: string): string[] {
  const facts = factsOf(text);
  return [...finish(matcher.mentionSteps(text, facts.opaqueRanges))].map((mention) => text.slice(mention.start, mention.end));
}

describe('mention matching of names that are ordinary words', () => {
  const matcher = new MentionMatcher([
    entity('less', 'LESS'),
    entity('tensor', 'tensor'),
    entity('rocket', 'Rocket', [], ['file:///vault/riscv/resource.md']),
    entity('boom', 'BOOM', [], ['file:///vault/riscv/resource.md']),
    entity('vllm', 'vLLM', [], ['file:///vault/cuda/vllm.md']),
  ]);
  const mentionedIn = (uri: string, text: string) =>
    [...finish(matcher.mentionSteps(text, factsOf(text).opaqueRanges, uri))].map((mention) => text.slice(mention.start, mention.end));

  it('matches a name that is also a word only as written: `LESS`, never `less`; a lower-case word never', () => {
    assert.deepEqual(mentioned(matcher, 'Use less memory with LESS; a tensor is not a name.'), ['LESS']);
  });

  it('matches a name in capitals also with only its first letter capitalised, near its definition: `Boom`, never `boom`', () => {
    assert.deepEqual(mentionedIn('file:///vault/riscv/news/2017.md', 'Boom发布第2版; a boom in chips; BOOM v2.'), ['Boom', 'BOOM']);
  });

  it('matches a capitalised word (`Rocket`) only in notes near a definition of it, and a real name (`vLLM`) everywhere', () => {
    const text = 'Rocket 和 vLLM 都在这里。';
    assert.deepEqual(mentionedIn('file:///vault/riscv/news/2017.md', text), ['Rocket', 'vLLM']);
    assert.deepEqual(mentionedIn('file:///vault/weekly/issue-123.md', text), ['vLLM']);
  });
});

describe('mention matching of a name shared by a paper and its code', () => {
  it("puts first the entity called exactly as written, a title's short name included (`Zorbit-XL` before `zorbit-xl`)", () => {
    const matcher = new MentionMatcher([
      entity('repo', 'zorbit-xl'),
      entity('paper', 'Zorbit-XL: Attentive Models Beyond a Fixed Context', ['Zorbit-XL']),
    ]);
    const text = 'Zorbit-XL caches states; zorbit-xl is its code.';
    const [written, lower] = [...finish(matcher.mentionSteps(text, factsOf(text).opaqueRanges))];
    assert.deepEqual([written.entityIds[0], written.exactCount], ['paper', 1]);
    assert.deepEqual([lower.entityIds[0], lower.exactCount], ['repo', 1]);
  });
});

describe('mention matching', () => {
  const matcher = new MentionMatcher([
    entity('ray', 'Ray'),
    entity('gemmini', 'Gemmini'),
    entity('deepspeed', 'DeepSpeed'),
    entity('mii', 'DeepSpeed-MII'),
    entity('mindspore', '华为mindspore', ['mindspore']),
  ]);

  it('matches Latin names at word boundaries only: `Ray` is not inside `Array`', () => {
    assert.deepEqual(mentioned(matcher, 'An Array of Ray actors; rays; XRay.'), ['Ray']);
  });

  it('matches names inside CJK text (seed 000 line 483: `利用Gemmini平台`)', () => {
    assert.deepEqual(mentioned(matcher, 'a) 架构探索:利用Gemmini平台探索不同的DNN加速器架构。'), ['Gemmini']);
  });

  it('prefers the longest name and does not see a name inside a hyphenated one', () => {
    assert.deepEqual(mentioned(matcher, 'DeepSpeed-MII builds on DeepSpeed, unlike DeepSpeed-Inference.'), ['DeepSpeed-MII', 'DeepSpeed']);
  });

  it('reads a hyphen as a space: `Intel-MPI` is a mention of `Intel MPI`, `DeepSpeed Ulysses` of `DeepSpeed-Ulysses` (awesome-hpc, ml-engineering)', () => {
    const spelled = new MentionMatcher([
      entity('mpi', 'Intel-MPI'),
      entity('ulysses', 'DeepSpeed Ulysses'),
      entity('mii', 'DeepSpeed-MII'),
    ]);
    const text = 'for use with their Intel MPI; DeepSpeed-Ulysses keeps volume; DeepSpeed MII serves.';
    assert.deepEqual(
      [...finish(spelled.mentionSteps(text, factsOf(text).opaqueRanges))].map((mention) => [
        text.slice(mention.start, mention.end),
        mention.entityIds[0],
      ]),
      [
        ['Intel MPI', 'mpi'],
        ['DeepSpeed-Ulysses', 'ulysses'],
        ['DeepSpeed MII', 'mii'],
      ],
    );
  });

  it('sees a name in a compound that is still about it (`Gemmini-based`), but not in one that names another thing (`DeepSpeed-Inference`)', () => {
    assert.deepEqual(mentioned(matcher, 'a Gemmini-based flow, a Ray-like API and DeepSpeed-Inference.'), ['Gemmini', 'Ray']);
  });

  it('sees a name followed by a Chinese date or count in digits (cnrv weekly: `lowRISC6月份发布的新版本`), not by other digits', () => {
    assert.deepEqual(mentioned(matcher, 'Gemmini6月份发布，Gemmini2 与 Gemmini3级流水线。'), ['Gemmini', 'Gemmini']);
  });

  it('gives every mention of the same entities one shared list of them, which a large vault holds once', () => {
    const text = 'Gemmini, then gemmini again, and Ray; GEMMINI once more.';
    const mentions = [...finish(matcher.mentionSteps(text, factsOf(text).opaqueRanges))];
    const gemmini = mentions.filter((mention) => mention.entityIds.includes('gemmini'));
    assert.equal(gemmini.length, 3);
    assert.ok(gemmini.every((mention) => mention.entityIds === gemmini[0].entityIds));
    assert.notEqual(mentions.find((mention) => mention.entityIds.includes('ray'))?.entityIds, gemmini[0].entityIds);
  });

  it('ignores case for longer names but not for short ones', () => {
    assert.deepEqual(mentioned(matcher, 'GEMMINI and gemmini; ray and RAY'), ['GEMMINI', 'gemmini']);
    assert.deepEqual(mentioned(matcher, '昇思MindSpore是华为开源'), ['MindSpore']);
  });

  it('never matches inside fenced code, inline code or URLs, but does inside link text', () => {
    const text = [
      'Use `Gemmini` here.',
      '```bash',
      'gemmini --run',
      '```',
      'See https://example.com/Gemmini and [Gemmini](https://github.com/ucb-bar/gemmini).',
    ].join('\n');
    const mentions = [...finish(matcher.mentionSteps(text, factsOf(text).opaqueRanges))];
    assert.deepEqual(
      mentions.map((mention) => mention.start),
      [text.indexOf('[Gemmini]') + 1],
    );
  });

  it('finds the mentions of a long text read a slice at a time, names cut at slice boundaries included, pausing between slices', async () => {
    const line = '利用Gemmini平台; DeepSpeed-MII, not DeepSpeed-Inference; an Array of Ray; `Ray` in code.\n';
    const text = line.repeat(5000);
    const opaque = factsOf(text).opaqueRanges;
    let pauses = 0;
    const sliced = await inSlices(matcher.mentionSteps(text, opaque), async () => void pauses++);
    const expected = [...Array(5000).keys()].flatMap((row) =>
      ['Gemmini', 'DeepSpeed-MII', 'Ray;'].map((name) => row * line.length + line.indexOf(name)),
    );
    assert.deepEqual(
      [...sliced].map((mention) => mention.start),
      expected,
    );
    assert.deepEqual([...sliced], [...finish(matcher.mentionSteps(text, opaque))]);
    assert.ok(pauses > 3, `${pauses} pauses`);
  });
});
