import assert from 'node:assert/strict';
import { factsOf } from '../helpers';

// Reading lists that cite each paper as `[Title](link). *Authors*. Venue Year. What it introduces.`, the
// shape of course notes' further-reading sections (Stanford CS324's, and the Chinese notes built on it).
describe('the authors and venue after a linked title', () => {
  it('keeps the authors in italics and the venue as fields, and what the paper introduces as the summary', () => {
    const note =
      '- [Zorbit: Sparse Attention for Long Inputs](https://arxiv.org/pdf/2301.00001.pdf). *Ada B. Example, Bo Sample, Quinn R. Lee*. ACL 2021. Introduces **Zorbit** from Acme.\n';
    const [zorbit] = factsOf(note).entities;
    assert.equal(zorbit.name, 'Zorbit: Sparse Attention for Long Inputs');
    assert.equal(zorbit.summary, 'Introduces Zorbit from Acme.');
    assert.equal(zorbit.fields.authors, 'Ada B. Example, Bo Sample, Quinn R. Lee');
    assert.equal(zorbit.fields.venue, 'ACL 2021');
  });

  it('reads a venue whose abbreviations hold full stops, and a lone author before a year', () => {
    const journal = factsOf(
      '- [A Unified Text Model](https://arxiv.org/pdf/2301.00002.pdf). _Ada Example, Bo Sample_. J. Mach. Learn. Res. 2019. Introduces the Z5 model.\n',
    ).entities[0];
    assert.equal(journal.fields.venue, 'J. Mach. Learn. Res. 2019');
    assert.equal(journal.summary, 'Introduces the Z5 model.');
    const alone = factsOf('- [Filtering Web Text](https://arxiv.org/pdf/2301.00003.pdf). *Ada Example*. 2021.\n').entities[0];
    assert.equal(alone.fields.authors, 'Ada Example');
    assert.equal(alone.summary, '');
  });

  it('leaves an emphasised phrase after a link in the summary: it names no one', () => {
    const note = '- [Zorbit](https://github.com/example/zorbit). *Highly Recommended*. A fast sparse attention kernel.\n';
    const [zorbit] = factsOf(note).entities;
    assert.equal(zorbit.fields.authors, undefined);
    assert.match(zorbit.summary, /^Highly Recommended/);
  });
});
