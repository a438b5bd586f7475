import { MatchPattern } from 'wxt/utils/match-patterns';

/** A match pattern made ready to test: its protocols, host and path as regular expressions. */
interface Compiled {
  all: boolean;
  protocols: string[];
  hosts: RegExp[];
  path: RegExp;
  /** For the protocols this does not test itself (ftp, urn), the library's own answer. */
  pattern: MatchPattern;
}

const ALL_PROTOCOLS = ['http', 'https', 'file', 'ftp', 'urn', 'ws', 'wss'];
const compiled = new Map<string, Compiled>();
const regex = (glob: string) => new RegExp(`^${glob.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\*/g, '.*')}$`);

/** As WXT's `MatchPattern` reads a pattern (which also validates it: an invalid one throws, as there). */
function compile(text: string): Compiled {
  const pattern = new MatchPattern(text);
  if (text === '<all_urls>') return { all: true, protocols: ALL_PROTOCOLS, hosts: [], path: /^/, pattern };
  const [, protocol = '', host = '', path = ''] = /(.*):\/\/(.*?)(\/.*)/.exec(text) ?? [];
  return {
    all: false,
    protocols: protocol === '*' ? ['http', 'https'] : [protocol],
    hosts: [regex(host), regex(host.replace(/^\*\./, ''))],
    path: regex(path),
    pattern,
  };
}

function includes(c: Compiled, url: URL): boolean {
  if (c.all) return c.protocols.includes(url.protocol.slice(0, -1));
  const hostPath = () => c.hosts.some((host) => host.test(url.hostname)) && c.path.test(url.pathname);
  return c.protocols.some((protocol) => {
    if (protocol === 'http' || protocol === 'https') return url.protocol === `${protocol}:` && hostPath();
    if (protocol === 'file') return url.protocol === 'file:' && c.path.test(url.pathname);
    return c.pattern.includes(url);
  });
}

/**
 * Whether `href` matches one of `patterns` (WXT match patterns), as `new MatchPattern(p).includes(href)` answers.
 * Each pattern is made ready once and the URL parsed once: `MatchPattern` builds three regular expressions at every
 * `includes`, and a decision of the tracker tests every tab against every adapter's patterns (issue 18: 24–73 ms of
 * the service worker's profile over 40 page loads with 20 task tabs). A test holds it to the library's answers.
 */
export function matchesAny(patterns: readonly string[], href: string): boolean {
  if (patterns.length === 0) return false;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    // What `MatchPattern.includes` does with a string that is no URL.
    return patterns.some((p) => new MatchPattern(p).includes(href));
  }
  return patterns.some((text) => {
    let c = compiled.get(text);
    if (!c) compiled.set(text, (c = compile(text)));
    return includes(c, url);
  });
}
