/**
 * Canonical form of a URL for identity: two spellings of one page map to one string, so
 * enqueueing either twice fetches once and the exact-URL duplicate check can match them.
 */

/** Query parameters that only track the click, never select content. */
const TRACKING_PARAM = /^(utm_[a-z_]+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|mc_cid|mc_eid|igshid|_ga|_gl|ref_src|ref_url|cmpid|ncid|ocid|spm|at_medium|at_campaign|at_custom\d*|xtor|__twitter_impression|s_cid|sr_share|share|amp_js_v|usqp)$/i;

export class InvalidUrlError extends Error {
  override name = 'InvalidUrlError';
}

export function canonicalizeUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new InvalidUrlError(`not an absolute URL: ${JSON.stringify(input.slice(0, 200))}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidUrlError(`only http and https URLs can be fetched, not ${url.protocol.replace(':', '')}`);
  }
  url.hash = '';
  url.username = '';
  url.password = '';
  // URL already lower-cases the host and drops default ports; a trailing dot names the same host.
  url.hostname = url.hostname.replace(/\.$/, '');
  const kept = [...url.searchParams].filter(([name]) => !TRACKING_PARAM.test(name));
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  url.search = new URLSearchParams(kept).toString();
  if (url.pathname === '') url.pathname = '/';
  return url.toString();
}
