import assert from 'node:assert/strict';
import { CappedOutput, completeUtf8Length, formatBytes, truncationMarker, Utf8Chunker } from '../../../../common/runner/cappedOutput';
import { LiveOutput } from '../../../../common/runner/liveOutput';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('snippets: capped output', () => {
  it('keeps everything under the cap, in order', () => {
    const out = new CappedOutput(100);
    out.push(bytes('hello '));
    out.push(bytes('world\n'));
    assert.deepEqual(out.result(), { text: 'hello world\n', truncated: false, totalBytes: 12, omittedBytes: 0 });
  });

  it('keeps exactly the cap without a marker', () => {
    const out = new CappedOutput(10);
    out.push(bytes('0123456789'));
    assert.equal(out.result().text, '0123456789');
    assert.equal(out.truncated, false);
  });

  it('keeps the head and the tail with a marker line between them', () => {
    const out = new CappedOutput(12);
    for (let i = 0; i < 10; i++) out.push(bytes(`line${i}\n`));
    const result = out.result();
    assert.equal(result.truncated, true);
    assert.equal(result.totalBytes, 60);
    assert.equal(result.omittedBytes, 48);
    assert.equal(result.text, `line0\n${truncationMarker(48)}\nline9\n`);
  });

  it('puts the marker on a line of its own when the head ends mid-line', () => {
    const out = new CappedOutput(8);
    out.push(bytes('abcdefghijklmnopqrstuvwxyz'));
    assert.equal(out.result().text, `abcd\n… [marginalia: 18 bytes of output omitted] …\nwxyz`);
  });

  it('keeps the tail when one chunk is larger than the whole cap', () => {
    const out = new CappedOutput(6);
    out.push(bytes('abc'));
    out.push(bytes('0123456789'));
    out.push(bytes('XY'));
    const result = out.result();
    assert.equal(result.text, `abc\n${truncationMarker(9)}\n9XY`);
    assert.equal(result.totalBytes, 15);
  });

  it('never cuts a multi-byte character in half', () => {
    const out = new CappedOutput(9);
    out.push(bytes('ééééé')); // 10 bytes: head keeps 4 = 'éé', tail keeps the end
    out.push(bytes('ü€€€'));
    const result = out.result();
    assert.ok(!result.text.includes('\uFFFD'), result.text);
    assert.ok(result.text.startsWith('éé\n… [marginalia:'), result.text);
    assert.ok(result.text.endsWith('€'), result.text);
    const kept = Buffer.byteLength(result.text.replace(/\n?… \[marginalia: .*\] …\n/, ''));
    assert.equal(kept + result.omittedBytes, result.totalBytes);
  });

  it('formats sizes the way the marker shows them', () => {
    assert.equal(formatBytes(1), '1 byte');
    assert.equal(formatBytes(512), '512 bytes');
    assert.equal(formatBytes(12.3 * 1024 * 1024), '12.3 MB');
    assert.equal(formatBytes(1536), '1.5 KB');
    assert.equal(truncationMarker(12.3 * 1024 * 1024), '… [marginalia: 12.3 MB of output omitted] …');
  });

  it('finds where the last complete character ends', () => {
    const euro = bytes('€'); // e2 82 ac
    assert.equal(completeUtf8Length(Buffer.concat([bytes('a'), euro])), 4);
    assert.equal(completeUtf8Length(Buffer.concat([bytes('a'), euro.subarray(0, 2)])), 1);
    assert.equal(completeUtf8Length(Buffer.concat([bytes('a'), euro.subarray(0, 1)])), 1);
    assert.equal(completeUtf8Length(bytes('plain')), 5);
  });

  it('holds back a character split across reads of one stream', () => {
    const chunker = new Utf8Chunker();
    const euro = bytes('€');
    assert.equal(chunker.push(Buffer.concat([bytes('x'), euro.subarray(0, 1)])).toString(), 'x');
    assert.equal(chunker.push(euro.subarray(1)).toString(), '€');
    chunker.push(euro.subarray(0, 2));
    assert.equal(chunker.end().length, 2, 'an unfinished character is released at the end');
  });
});

describe('snippets: live output', () => {
  it('batches output to at most one update per interval', async () => {
    const updates: string[] = [];
    const live = new LiveOutput((text) => updates.push(text), 100);
    const started = Date.now();
    while (Date.now() - started < 450) {
      live.push(bytes('x'));
      await new Promise((r) => setTimeout(r, 5));
    }
    live.close();
    const total = updates.join('').length;
    assert.ok(total > 30, `all pushed text arrives (${total})`);
    assert.ok(updates.length <= 7, `${updates.length} updates in 450 ms with a 100 ms interval`);
    assert.ok(updates.length >= 3, `updates keep coming while the run goes on (${updates.length})`);
  });

  it('shows only the newest part of an oversized batch, saying how much was skipped', () => {
    const updates: string[] = [];
    const live = new LiveOutput((text) => updates.push(text), 1000, 10);
    live.push(bytes('0123456789'));
    live.push(bytes('abcdefghij'));
    live.close();
    assert.deepEqual(updates, ['… [marginalia: 10 bytes not shown while running] …\nabcdefghij']);
  });

  it('without a cap, skips nothing and delivers a large batch at once instead of holding it', () => {
    const updates: string[] = [];
    const live = new LiveOutput((text) => updates.push(text), 60_000, Infinity);
    const megabyte = 'x'.repeat(1024 * 1024);
    live.push(bytes(megabyte));
    live.push(bytes(megabyte));
    assert.equal(updates.join(''), megabyte + megabyte, 'delivered before the interval is over');
    live.push(bytes('end\n'));
    live.close();
    assert.equal(updates.join(''), `${megabyte}${megabyte}end\n`);
    assert.ok(!updates.join('').includes('not shown'));
  });

  it('keeps running when the display callback throws', () => {
    const live = new LiveOutput(() => {
      throw new Error('display gone');
    }, 0);
    live.push(bytes('a'));
    assert.doesNotThrow(() => live.close());
  });
});
