import assert from 'node:assert/strict';
import { isAuthorCitation, isAuthorList, isNameList, splitByline } from '../../../server/src/entities/byline';
import { factsOf } from '../helpers';

// Bylines after a paper's title link, in the shapes of awesome-transformer-nlp's numbered paper lists.
describe('paper bylines', () => {
  it('reads initials as part of a name, not as the end of the byline', () => {
    assert.deepEqual(splitByline('by Ada B. Example, Quinn R. Sample and Bo C. Lee.'), {
      authors: 'Ada B. Example, Quinn R. Sample and Bo C. Lee',
      summary: '',
    });
  });

  it('ends the byline at `et al.` and keeps what follows a dash as the summary', () => {
    assert.deepEqual(splitByline('by Ada B. Example (Acme) et al. - "We train a model with 9 billion parameters."'), {
      authors: 'Ada B. Example (Acme) et al.',
      summary: '"We train a model with 9 billion parameters."',
    });
  });

  it('keeps the sentence a byline runs into (`by Yandex is a GPT-like model …`)', () => {
    assert.deepEqual(splitByline('by Acme is a GPT-like pretrained model with 9B parameters. It is free to use.'), {
      authors: 'Acme',
      summary: 'is a GPT-like pretrained model with 9B parameters. It is free to use.',
    });
  });

  it('closes the byline at a year after `et al.`, and leaves text without a byline alone', () => {
    assert.deepEqual(splitByline('by Acme University et al., 2023. Findings.'), {
      authors: 'Acme University et al., 2023',
      summary: 'Findings.',
    });
    assert.deepEqual(splitByline('A library by itself'), { summary: 'A library by itself' });
  });

  it('reads `@` between a team and its company as part of the byline (`by Llama Team, AI @ Meta, Jul 2024 - …`)', () => {
    assert.deepEqual(splitByline('by Zeta Team, AI @ Acme, Jul 2024 - The paper matters as much as the model.'), {
      authors: 'Zeta Team, AI @ Acme, Jul 2024',
      summary: 'The paper matters as much as the model.',
    });
  });

  it('reads where the authors work (`et al. at Acme`, `Research Scientist at Acme`, `Institute of Technology`) and a `from` byline that ends a clause', () => {
    assert.deepEqual(splitByline('by Example et al. at Acme Labs - The group explore another path.'), {
      authors: 'Example et al. at Acme Labs',
      summary: 'The group explore another path.',
    });
    assert.deepEqual(splitByline('by Georgia Institute of Technology and Acme - The quadratic cost.'), {
      authors: 'Georgia Institute of Technology and Acme',
      summary: 'The quadratic cost.',
    });
    assert.deepEqual(splitByline('from Acme Research and Example Institute. — Improvements for parameter usage.'), {
      authors: 'Acme Research and Example Institute',
      summary: 'Improvements for parameter usage.',
    });
    assert.deepEqual(splitByline('from PyTorch to TensorRT in one step'), { summary: 'from PyTorch to TensorRT in one step' });
  });

  it('tells a line of authors with their affiliations from a description', () => {
    assert.equal(isAuthorList('Ada Example (Technical University of Munich, Germany), Bo Sample (Acme Research).'), true);
    assert.equal(isAuthorList('Ada Example and Bo Sample'), true);
    assert.equal(isAuthorList('Acme Runtime, a fast engine for serving models on GPUs and CPUs alike.'), false);
    assert.equal(isAuthorList('An Efficient Communication Library for Distributed Training'), false);
  });

  it('falls back to the subtitle when nothing but a byline and a [[Code]] label follow the title', () => {
    const note =
      '7. [ZQX: A Conditional Model for Controllable Text](https://arxiv.org/abs/1909.00001) by Ada Example, Bo Sample et al. [[Code](https://github.com/example/zqx)].\n';
    const [paper] = factsOf(note).entities;
    assert.equal(paper.fields.authors, 'Ada Example, Bo Sample et al.');
    assert.equal(paper.summary, 'A Conditional Model for Controllable Text');
  });

  it('tells a list of names set apart in italics from an emphasised phrase', () => {
    assert.equal(isNameList('Ada B. Example, Bo Sample, Cyprien de Sample d’Example, Quinn R. Lee, Li Wei'), true);
    assert.equal(isNameList('Ada Example and Bo Sample.'), true);
    assert.equal(isNameList('Fast, Cheap and Good'), false);
    assert.equal(isNameList('a note on the method'), false);
  });

  it('tells a link that cites a paper by its authors from a name with a number in it', () => {
    for (const citation of [
      'Wang等人，2019年',
      'Bender等人',
      'Trinh和Le',
      'Kudo，2018年',
      'Vaswani et al',
      'Smith et al. (2020)',
      'Kudo & Le, 2018',
    ])
      assert.equal(isAuthorCitation(citation), true, citation);
    for (const name of ['Windows 2000', 'Llama 2', 'PyTorch和TensorFlow', 'Jekyll & Hyde', 'BERT'])
      assert.equal(isAuthorCitation(name), false, name);
  });
});
