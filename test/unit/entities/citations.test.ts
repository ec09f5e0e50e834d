import assert from 'node:assert/strict';
import { citedTitle } from '../../../server/src/entities/citations';
import { factsOf } from '../helpers';

describe('titles of written-out references', () => {
  it('reads the title after the year that closes the authors (ACM style)', () => {
    const reference = 'Paper: A. Author and B. Author. 2015. Tinyhdl: Describing hardware in Lisp. In Proc. of Example Conf. 1–9.';
    assert.equal(citedTitle(reference), 'Tinyhdl: Describing hardware in Lisp');
  });

  it('reads a quoted title (IEEE style)', () => {
    assert.equal(
      citedTitle('Paper: A. Author, "Describing hardware in Lisp," in Proc. of Example Conf., 2015.'),
      'Describing hardware in Lisp',
    );
  });

  it('finds no title in a reference without one', () => {
    assert.equal(citedTitle('Paper: see 2015.'), undefined);
    assert.equal(citedTitle('Paper: https://doi.org/10.1000/x'), undefined);
  });

  it('describes an entry that says nothing else of itself by the title of the paper its field cites (a list of languages citing the paper behind each)', () => {
    const note = [
      '- ***Tinyhdl***',
      '',
      '  *Paper*: A. Author and B. Author. 2015. Tinyhdl: Describing hardware in Lisp. In Proc. of Example Conf. https://doi.org/10.1000/tinyhdl',
      '',
      '  *Repository*: https://github.com/example/tinyhdl',
      '',
      '- ***Pyrtlx***',
      '',
      '  *Paper*: C. Author. 2017. A pythonic approach to hardware. In Proc. of Example Conf. https://doi.org/10.1000/pyrtlx',
      '',
      '  *Repository*: https://github.com/example/pyrtlx',
      '',
      '  *Description*: A Python library for register-transfer design.',
      '',
    ].join('\n');
    const summaries = factsOf(note).entities.map((entity) => [entity.name, entity.summary]);
    assert.deepEqual(summaries, [
      ['Tinyhdl', 'Tinyhdl: Describing hardware in Lisp'],
      ['Pyrtlx', 'A Python library for register-transfer design.'],
    ]);
  });
});
