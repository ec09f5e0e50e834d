import assert from 'node:assert/strict';
import { networkInterfaces } from 'node:os';
import { blockedRangeOf, isAllowListedHostname, isMetadataHostname } from '../../../../../server/src/features/links/external/address-guard';
import { isBlockedAddress } from '../../../../../server/src/features/links/external';

describe('isBlockedAddress', () => {
  const blocked: [string, string][] = [
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['::1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['fc00::1', 'private'],
    ['fd12:3456:789a::1', 'private'],
    ['169.254.1.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf::1', 'link-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.255', 'carrier-grade NAT'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['169.254.169.254', 'cloud metadata'],
    ['fd00:ec2::254', 'cloud metadata'],
  ];
  for (const [address, label] of blocked) {
    it(`blocks ${address} (${label})`, () => {
      assert.equal(isBlockedAddress(address), true);
      assert.equal(blockedRangeOf(address)?.label, label);
    });
  }

  const mapped: [string, string][] = [
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['0:0:0:0:0:ffff:7f00:0001', 'loopback'],
    ['[::ffff:127.0.0.1]', 'loopback'],
    ['::ffff:10.1.2.3', 'private'],
    ['::ffff:172.16.5.4', 'private'],
    ['::ffff:192.168.0.1', 'private'],
    ['::ffff:169.254.1.1', 'link-local'],
    ['::ffff:100.64.0.1', 'carrier-grade NAT'],
    ['::ffff:0.0.0.0', 'unspecified'],
    ['::ffff:224.0.0.1', 'multicast'],
    ['::ffff:169.254.169.254', 'cloud metadata'],
    ['::ffff:a9fe:a9fe', 'cloud metadata'],
    ['64:ff9b::127.0.0.1', 'loopback'],
    ['2002:7f00:1::', 'loopback'],
  ];
  for (const [address, label] of mapped) {
    it(`blocks ${address}, which carries a ${label} IPv4 address`, () => {
      assert.equal(blockedRangeOf(address)?.label, label);
    });
  }

  const allowed = [
    '93.184.215.14',
    '8.8.8.8',
    '172.15.255.255',
    '172.32.0.0',
    '100.63.255.255',
    '100.128.0.0',
    '169.253.255.255',
    '2606:4700:4700::1111',
    '2a00:1450:4001:80b::200e',
    '::ffff:8.8.8.8',
    '64:ff9b::8.8.8.8',
  ];
  for (const address of allowed) {
    it(`allows the public address ${address}`, () => {
      assert.equal(isBlockedAddress(address), false);
    });
  }

  it('judges numeric URL hosts by the address WHATWG parsing makes of them', () => {
    for (const url of ['http://2130706433/', 'http://0x7f.1/', 'http://0177.0.0.1/', 'http://127.1/']) {
      const { hostname } = new URL(url);
      assert.equal(hostname, '127.0.0.1', url);
      assert.equal(isBlockedAddress(hostname), true, url);
    }
    assert.equal(isBlockedAddress(new URL('http://[::ffff:127.0.0.1]/').hostname), true);
  });

  it('fails closed on anything that is not an IP address', () => {
    for (const input of ['', 'localhost', '2130706433', '0x7f.1', '1.2.3', '999.1.1.1', 'fe80::zz']) {
      assert.equal(isBlockedAddress(input), true, input);
    }
  });

  it('lets allow-listed addresses and ranges through', () => {
    assert.equal(isBlockedAddress('127.0.0.1', ['127.0.0.1']), false);
    assert.equal(isBlockedAddress('127.0.0.2', ['127.0.0.1']), true);
    assert.equal(isBlockedAddress('10.20.30.40', ['10.20.0.0/16']), false);
    assert.equal(isBlockedAddress('10.21.0.1', ['10.20.0.0/16']), true);
    assert.equal(isBlockedAddress('fd00:1::5', ['fd00:1::/32']), false);
    assert.equal(isBlockedAddress('::1', ['::1']), false);
  });

  it('applies an IPv4 allow-list entry to the IPv4-mapped form too', () => {
    assert.equal(isBlockedAddress('::ffff:127.0.0.1', ['127.0.0.1']), false);
  });

  it('ignores malformed allow-list entries instead of allowing everything', () => {
    assert.equal(isBlockedAddress('10.0.0.1', ['10.0.0.0/99', '0.0.0.0/x', '*', '']), true);
  });

  it("refuses every address of this machine's own interfaces, public ones too, unless allow-listed", () => {
    const own = Object.values(networkInterfaces())
      .flatMap((list) => list ?? [])
      .map((info) => info.address);
    assert.ok(own.length > 0, 'this machine has interfaces');
    for (const address of own) {
      assert.equal(isBlockedAddress(address), true, address);
      if (blockedRangeOf(address)?.label === 'local interface')
        assert.equal(isBlockedAddress(address, [address]), false, `${address} allow-listed`);
    }
    assert.equal(isBlockedAddress('8.8.8.8'), false, 'other public addresses stay reachable');
  });

  it('never lets the allow-list lift metadata addresses', () => {
    assert.equal(isBlockedAddress('169.254.169.254', ['169.254.0.0/16', '169.254.169.254']), true);
    assert.equal(isBlockedAddress('fd00:ec2::254', ['fd00::/8']), true);
    assert.equal(blockedRangeOf('169.254.169.254', ['0.0.0.0/0'])?.metadata, true);
  });
});

describe('host name checks', () => {
  it('recognises metadata host names however they are spelled', () => {
    assert.equal(isMetadataHostname('metadata.google.internal'), true);
    assert.equal(isMetadataHostname('METADATA.Google.Internal.'), true);
    assert.equal(isMetadataHostname('metadata.google.internal.example.com'), false);
  });

  it('matches allow-listed host names case-insensitively, ignoring IP entries', () => {
    assert.equal(isAllowListedHostname('Wiki.Corp.', ['wiki.corp']), true);
    assert.equal(isAllowListedHostname('wiki.corp', ['127.0.0.1', '10.0.0.0/8']), false);
    assert.equal(isAllowListedHostname('evil-wiki.corp', ['wiki.corp']), false);
  });
});
