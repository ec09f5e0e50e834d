import assert from 'node:assert/strict';
import { identityOf, identityOfRemote, unwrapRedirect } from '../../../server/src/entities/identity';

const keyOf = (url: string, name?: string) => identityOf(url, name)?.key;

describe('identities read from links', () => {
  it('reads one repository from every address of it: /tree, /blob of a README, #readme, .git', () => {
    for (const url of [
      'https://github.com/vllm-project/vllm',
      'https://github.com/vllm-project/vllm/tree/main',
      'https://github.com/vllm-project/vllm/blob/main/README.md',
      'https://github.com/vllm-project/vllm#readme',
      'https://github.com/vllm-project/vllm.git',
      'http://www.github.com/vllm-project/vllm/',
    ]) {
      assert.equal(keyOf(url), 'github:vllm-project/vllm', url);
    }
  });

  it('keeps a folder inside a repository apart from the repository, unless the link is named like it', () => {
    const blog = 'https://github.com/deepspeedai/DeepSpeed/tree/master/blogs/deepspeed-fastgen';
    assert.equal(keyOf(blog, 'DeepSpeed-FastGen'), 'url:github.com/deepspeedai/DeepSpeed/tree/master/blogs/deepspeed-fastgen');
    assert.equal(
      keyOf('https://github.com/snowflakedb/ArcticTraining/tree/main/projects/sequence-parallelism', 'ArcticTraining'),
      'github:snowflakedb/arctictraining',
    );
  });

  it('reads the same paper from /abs, /pdf and /html, with or without a version', () => {
    for (const url of [
      'https://arxiv.org/abs/2309.06180',
      'https://arxiv.org/pdf/2309.06180v2',
      'https://arxiv.org/pdf/2309.06180.pdf',
      'https://arxiv.org/html/2309.06180v1',
    ]) {
      assert.equal(keyOf(url), 'arxiv:2309.06180', url);
    }
    assert.equal(keyOf('https://browse.arxiv.org/pdf/2306.00978.pdf'), 'arxiv:2306.00978', 'the browse. mirror');
    assert.equal(keyOf('https://arxiv.org/ftp/arxiv/papers/2403/2403.20041.pdf'), 'arxiv:2403.20041', 'the ftp path of a PDF');
    assert.doesNotMatch(keyOf('https://arxiv.org/ftp/arxiv/papers/2403/') ?? '', /^arxiv:/, 'a folder of PDFs is no paper');
    assert.equal(keyOf('https://openreview.net/forum?id=rJl-b3RcF7'), 'openreview:rJl-b3RcF7');
    assert.equal(keyOf('https://doi.org/10.1109/SP.2016.9'), 'doi:10.1109/sp.2016.9');
    assert.equal(keyOf('https://aclanthology.org/2020.acl-main.463.pdf'), 'acl:2020.acl-main.463');
  });

  it('reads a paper in the ACM Digital Library, its page or its PDF, as the DOI it holds', () => {
    for (const url of [
      'https://doi.org/10.1145/3447786.3456233',
      'https://dl.acm.org/doi/10.1145/3447786.3456233',
      'https://dl.acm.org/doi/pdf/10.1145/3447786.3456233',
      'https://dl.acm.org/doi/abs/10.1145/3447786.3456233?casa_token=abc',
      'https://dl.acm.org/doi/10.1145/3447786.3456233/',
    ]) {
      assert.equal(keyOf(url), 'doi:10.1145/3447786.3456233', url);
    }
    assert.doesNotMatch(keyOf('https://dl.acm.org/conference/ccgrid') ?? '', /^doi:/, 'a conference page is no paper');
  });

  it('reads Hugging Face models and datasets, and GitLab or Gitee repositories', () => {
    assert.equal(keyOf('https://huggingface.co/bigscience/bloom'), 'hf:bigscience/bloom');
    assert.equal(keyOf('https://huggingface.co/datasets/bigscience/roots'), 'hf:datasets/bigscience/roots');
    assert.equal(keyOf('https://gitlab.com/cryptsetup/cryptsetup'), 'gitlab:cryptsetup/cryptsetup');
  });

  it('unwraps a redirect link to the address it stands for (HelloGitHub items)', () => {
    const redirect = 'https://hellogithub.com/periodical/statistics/click?target=https://github.com/rvaiya/keyd';
    assert.equal(unwrapRedirect(redirect), 'https://github.com/rvaiya/keyd');
    assert.equal(keyOf(redirect), 'github:rvaiya/keyd');
    assert.equal(unwrapRedirect('https://example.com/search?q=vllm'), 'https://example.com/search?q=vllm');
  });

  it('finds no identity in a person page, an article, a video or a local file', () => {
    for (const url of [
      'https://github.com/karpathy',
      'https://zhuanlan.zhihu.com/p/410278370',
      'https://www.bilibili.com/video/BV1hq4y157t1/',
      'docs/setup.md',
      '#anchor',
    ]) {
      assert.equal(keyOf(url), undefined, url);
    }
  });

  it('finds no identity in a document kept in a repository, as in an article: it is writing about something', () => {
    // - [英伟达A800加速卡常见软件包安装命令](https://github.com/example/llm-notes/blob/main/docs/a800-env-install.md)
    assert.equal(
      keyOf('https://github.com/example/llm-notes/blob/main/docs/a800-env-install.md', '英伟达A800加速卡常见软件包安装命令'),
      undefined,
    );
    assert.equal(keyOf('https://github.com/example/llm-notes/blob/main/notes/sanctum.md', 'Sanctum 的方案'), undefined);
    // A folder's README stands for the folder; a document named like its repository is the repository's.
    assert.equal(
      keyOf('https://github.com/example/llm-notes/blob/main/interview/README.md', '面试题'),
      'url:github.com/example/llm-notes/blob/main/interview/README.md',
    );
    assert.equal(
      keyOf('https://github.com/example/the-art-of-debugging/blob/master/SKILL.md', 'The Art of Debugging'),
      'github:example/the-art-of-debugging',
    );
  });

  it('finds no identity in a commit or pull request named as a change, but keeps one named after the project', () => {
    assert.equal(keyOf('https://github.com/example/home/commit/3ac3e440254393c5030766f153cecba334415994', '3ac3e44'), undefined);
    assert.equal(keyOf('https://github.com/example/rocket/pull/998', 'Rocket-Chip PR #998'), undefined);
    assert.equal(keyOf('https://github.com/example/mynewt-core/pull/396', 'Apache Mynewt'), 'url:github.com/example/mynewt-core/pull/396');
    assert.equal(keyOf('https://github.com/example/pr-agent', 'PR-Agent'), 'github:example/pr-agent');
    // One issue is a thread about the repository; the list of issues is its front page.
    assert.equal(
      keyOf('https://github.com/example/zipspeed/issues/2928#issuecomment-1', 'benchmarked a 176B model'),
      'url:github.com/example/zipspeed/issues/2928',
    );
    assert.equal(keyOf('https://github.com/example/zipspeed/issues', 'ZipSpeed issues'), 'github:example/zipspeed');
  });

  it('finds no identity in a social post or a thread of one, but does in a company publication page on such a domain', () => {
    for (const url of [
      'https://threadreaderapp.com/thread/1629496763148017665.html',
      'https://www.facebook.com/somepage/posts/1',
      'https://twitter.com/someone/status/1',
    ]) {
      assert.equal(keyOf(url), undefined, url);
    }
    assert.equal(
      keyOf('https://research.facebook.com/publications/llama-open-and-efficient-foundation-language-models/'),
      'url:research.facebook.com/publications/llama-open-and-efficient-foundation-language-models',
    );
  });

  it('takes an organisation page as the home page of a project named after it (NVDLA, github.com/nvdla)', () => {
    assert.equal(keyOf('https://github.com/nvdla', 'NVDLA (NVIDIA Deep Learning Accelerator)'), 'url:github.com/nvdla');
    assert.equal(
      keyOf('https://github.com/google?q=&type=all&sort=stargazers', 'Google'),
      undefined,
      "a listing of a company's repositories",
    );
    assert.equal(keyOf('https://github.com/tudortimi', 'Tudor Timi'), undefined, 'a person');
    assert.equal(keyOf('https://github.com/qrokproject', 'qrok'), 'url:github.com/qrokproject', "the project's group");
    assert.equal(keyOf('https://github.com/ZapsysHQ', 'Zapsys'), 'url:github.com/ZapsysHQ', "the project's group");
    assert.equal(keyOf('https://github.com/qrokproject', 'qr'), undefined, 'a name too short to tell');
  });

  it("takes a company's organisation page as the home page of the product named after the company", () => {
    assert.equal(keyOf('https://github.com/qrok-cloud', 'Qrok'), 'url:github.com/qrok-cloud');
    assert.equal(keyOf('https://github.com/ZapsysLabs', 'Zapsys.AI'), 'url:github.com/ZapsysLabs');
    assert.equal(keyOf('https://github.com/ZapsysLabs', 'Other.AI'), undefined, "another company's page");
  });

  it('drops tracking parameters, www. and the trailing slash from a home page', () => {
    assert.equal(keyOf('https://www.quobyte.com/storage-for/hpc/?gclid=EAIaIQ'), 'url:quobyte.com/storage-for/hpc');
  });

  it('reads a git remote as the repository it is, whether scp-style, ssh or https', () => {
    for (const remote of [
      'git@github.com:someone/ml-notes.git',
      'ssh://git@github.com/someone/ml-notes.git',
      'https://github.com/someone/ml-notes',
    ]) {
      assert.equal(identityOfRemote(remote)?.key, 'github:someone/ml-notes', remote);
    }
  });
});
