import assert from 'node:assert/strict';
import { factsOf } from '../../helpers';

describe('lines written as headings that Markdown does not read as headings', () => {
  it('are kept with the anchor they would have had and why they are not headings', () => {
    const text = [
      '---',
      '# a YAML comment',
      '---',
      '# Guide',
      '',
      '<details>',
      '<summary>Install</summary>',
      '## Setup (Linux)',
      '</details>',
      '',
      'Some text',
      '    ## Lazy Part',
      '',
      '#NoSpace',
      '',
      '```bash',
      '# a shell comment',
      '```',
      '',
      '<!--',
      '## Old plan',
      '-->',
      '',
      '## Real ##',
    ].join('\n');
    const facts = factsOf(text);
    assert.deepEqual(
      facts.headings.map((heading) => heading.slug),
      ['guide', 'real'],
    );
    assert.deepEqual(facts.lostHeadings, [
      { slug: 'setup-linux', line: 7, reason: 'html' },
      { slug: 'lazy-part', line: 11, reason: 'paragraph' },
      { slug: 'nospace', line: 13, reason: 'no-space' },
      { slug: 'old-plan', line: 20, reason: 'comment' },
    ]);
  });
});
