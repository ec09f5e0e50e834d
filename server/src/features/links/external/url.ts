// Which URLs are checked, and in what form.

/** A URL ready to request, or the reason it is not checked. */
export type CheckableUrl = { kind: 'http'; url: URL } | { kind: 'skip'; reason: string };

/**
 * Parses with WHATWG URL rules, which also canonicalise numeric hosts (2130706433, 0x7f.1 and
 * 0177.0.0.1 all become 127.0.0.1) so the address guard sees the address that would be dialled.
 * Credentials are dropped, never sent; the fragment is dropped because HTTP never sends it, so
 * `page#a` and `page#b` are one check.
 */
export function toCheckableUrl(raw: string, base?: URL): CheckableUrl {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return { kind: 'skip', reason: 'it is not a valid absolute URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { kind: 'skip', reason: `only http and https links are checked, not ${url.protocol}` };
  }
  url.username = '';
  url.password = '';
  url.hash = '';
  return { kind: 'http', url };
}
