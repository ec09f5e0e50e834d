import assert from 'node:assert/strict';
import { countDeadLinks, isDeadLinkDiagnostic } from '../../../client/src/deadLinks';
import { entityItemText, linkCheckSummary, statusBarText, type StatusModel } from '../../../client/src/format';
import { CrashRestartPolicy } from '../../../client/src/restartPolicy';
import type { EntityListItem } from '../../../common/protocol';

const model = (changes: Partial<StatusModel>): StatusModel => ({
  phase: 'ready',
  indexed: 0,
  total: 0,
  entities: 0,
  deadLinks: 0,
  ...changes,
});

describe('the client: status bar text', () => {
  it('shows indexing progress as done/total notes', () => {
    assert.equal(statusBarText(model({ phase: 'indexing', indexed: 812, total: 10000 })).text, '$(sync~spin) Indexing 812/10000 notes');
    assert.equal(statusBarText(model({ phase: 'indexing' })).text, '$(sync~spin) Indexing notes');
  });

  it('shows entity and dead-link counts once ready, in the singular where it is one', () => {
    assert.equal(statusBarText(model({ entities: 165, deadLinks: 0 })).text, '$(book) 165 entities $(link) 0 dead links');
    assert.equal(statusBarText(model({ entities: 1, deadLinks: 1 })).text, '$(book) 1 entity $(link) 1 dead link');
  });

  it('says when the server is stopped and how to bring it back', () => {
    const { text, tooltip } = statusBarText(model({ phase: 'stopped' }));
    assert.match(text, /stopped/);
    assert.match(tooltip, /restart/i);
  });
});

describe('the client: dead-link count', () => {
  it('counts diagnostics whose code starts with link., in any code form', () => {
    const entries = [
      ['a.md', [{ code: 'link.no-such-file' }, { code: { value: 'link.external-dead' } }, { code: 'snippet.bad-option' }, { code: 42 }]],
      ['b.md', [{ code: 'link.no-such-heading', source: 'marginalia' }, {}]],
    ] as const;
    assert.equal(countDeadLinks(entries), 3);
  });

  it("ignores VS Code's own Markdown link validation, which uses the same codes", () => {
    assert.equal(isDeadLinkDiagnostic({ code: 'link.no-such-file', source: 'markdown' }), false);
  });
});

describe('the client: crash restart policy', () => {
  it('restarts four times within three minutes, then stops and says how to restart by hand', () => {
    let now = 0;
    const policy = new CrashRestartPolicy(4, 180_000, () => now);
    for (let crash = 1; crash <= 4; crash++) {
      now += 1000;
      const decision = policy.onCrash();
      assert.equal(decision.restart, true);
      assert.match(decision.message, new RegExp(`restarted \\(${crash} of 4`));
    }
    const fifth = policy.onCrash();
    assert.equal(fifth.restart, false);
    assert.match(fifth.message, /Marginalia: Restart Server/);
  });

  it('forgets crashes older than the window, and all of them after a restart by hand', () => {
    let now = 0;
    const policy = new CrashRestartPolicy(1, 1000, () => now);
    assert.equal(policy.onCrash().restart, true);
    now = 2000;
    assert.equal(policy.onCrash().restart, true);
    assert.equal(policy.onCrash().restart, false);
    policy.reset();
    assert.equal(policy.onCrash().restart, true);
  });
});

describe('the client: entity list and link-check text', () => {
  const vllm: EntityListItem = {
    id: 'github:vllm-project/vllm',
    identities: ['github:vllm-project/vllm'],
    name: 'vLLM',
    kind: 'project',
    aliases: ['vllm', 'VLLM', 'v-LLM', 'vLLM engine'],
    summary: 'vLLM 是一个开源的大模型推理加速框架,\n通过 PagedAttention 高效地管理 attention 中缓存的张量。'.repeat(3),
    links: { github: 'vllm-project/vllm' },
    sites: [],
  };

  it('puts the name first, kind and a few aliases next, and a one-line shortened summary with the place last', () => {
    const text = entityItemText(vllm, '001_7e5cbe7abf80e26e.md:120');
    assert.equal(text.label, 'vLLM');
    assert.equal(text.description, 'project · vllm, VLLM, v-LLM, …');
    assert.ok(!text.detail.includes('\n'));
    assert.match(text.detail, /… — 001_7e5cbe7abf80e26e\.md:120$/);
  });

  it('summarises a link check from the counts the server answers, or points at the Problems panel', () => {
    assert.equal(
      linkCheckSummary({ checked: 120, dead: 3, unverified: 2 }),
      'Checked 120 external links: 3 dead, 2 unverified. Details are in the Problems panel.',
    );
    assert.equal(linkCheckSummary('All 12 links answer.'), 'All 12 links answer.');
    assert.match(linkCheckSummary(null), /Problems panel/);
  });
});
