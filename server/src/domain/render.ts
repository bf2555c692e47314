import MarkdownIt from 'markdown-it';

type Token = MarkdownIt.Token;

const ALLOWED_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);
const SCHEME_RE = /^([a-z][a-z0-9+.-]*):/;
// A colon before any '/', '?' or '#' that does not end an allowed scheme is refused: it may be a scheme that
// a browser reads after dropping whitespace or control characters ("java\tscript:"), or one it does not know.
const COLON_IN_FIRST_SEGMENT_RE = /^[^/?#]*:/;
const EXTERNAL_HREF_RE = /^(?:https?:|\/\/)/i;
const EXTERNAL_REL = 'noopener noreferrer nofollow';

// markdown-it passes the destination with entities decoded and unsafe characters percent-encoded.
function isSafeLink(url: string): boolean {
  const scheme = SCHEME_RE.exec(url.toLowerCase());
  if (scheme) return ALLOWED_SCHEMES.has(scheme[1]);
  return !COLON_IN_FIRST_SEGMENT_RE.test(url);
}

// Clause numbers such as "1.", "1.1", "1.1.1." or "2.4."; a bare number needs its dot, and parts are
// at most three digits, so a paragraph that opens with an amount or a year is not taken for a clause.
const CLAUSE_RE = /^(\d{1,3}(?:\.\d{1,3})+\.?|\d{1,3}\.)(?=\s|$)/;

export function slugify(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    // Combining marks left after NFC are dropped rather than split into separators, which keeps words whole.
    .replace(/\p{M}+/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

function clauseId(text: string): string | null {
  const match = CLAUSE_RE.exec(text);
  return match ? `clause-${match[1].replace(/\.$/, '').split('.').join('-')}` : null;
}

// Every id in a document that is not repeated keeps its plain form, so a duplicate's suffix never takes
// the id of a later element ("clause-1" repeated must not become the real "clause-1-2").
function allocateIds(bases: readonly string[]): string[] {
  const taken = new Set(bases);
  const firstUse = new Set<string>();
  const nextSuffix = new Map<string, number>();
  return bases.map((base) => {
    if (!firstUse.has(base)) {
      firstUse.add(base);
      return base;
    }
    let n = nextSuffix.get(base) ?? 2;
    while (taken.has(`${base}-${n}`)) n += 1;
    nextSuffix.set(base, n + 1);
    taken.add(`${base}-${n}`);
    return `${base}-${n}`;
  });
}

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
md.validateLink = isSafeLink;

function inlineText(inline: Token | undefined): string {
  return inline?.type === 'inline' ? md.renderer.renderInlineAsText(inline.children ?? [], md.options, {}) : '';
}

function anchorBase(tokens: readonly Token[], index: number, claimed: Set<Token>): string | null {
  const token = tokens[index];
  if (token.type === 'heading_open') return slugify(inlineText(tokens[index + 1])) || 'section';
  if (token.type === 'list_item_open' && tokens[index + 1]?.type === 'paragraph_open') {
    const id = clauseId(inlineText(tokens[index + 2]));
    // The item carries the id, because a tight list does not render its paragraph tag.
    if (id) claimed.add(tokens[index + 1]);
    return id;
  }
  if (token.type === 'paragraph_open' && !token.hidden && !claimed.has(token)) {
    return clauseId(inlineText(tokens[index + 1]));
  }
  return null;
}

md.core.ruler.push('policy_anchors', (state) => {
  const claimed = new Set<Token>();
  const anchored: Array<{ token: Token; base: string }> = [];
  state.tokens.forEach((token, index) => {
    const base = anchorBase(state.tokens, index, claimed);
    if (base) anchored.push({ token, base });
  });
  const ids = allocateIds(anchored.map(({ base }) => base));
  anchored.forEach(({ token }, i) => token.attrSet('id', ids[i]));
});

md.core.ruler.push('external_link_rel', (state) => {
  for (const token of state.tokens) {
    for (const child of token.children ?? []) {
      const href = child.type === 'link_open' ? child.attrGet('href') : null;
      if (typeof href === 'string' && EXTERNAL_HREF_RE.test(href)) {
        child.attrSet('rel', EXTERNAL_REL);
      }
    }
  }
});

// Images are rendered as their alt text: a remote image can change after publication without changing the
// version's content hash, and loading it would tell a third party who read the privacy policy.
md.renderer.rules.image = (tokens, index, options, env, renderer) =>
  md.utils.escapeHtml(renderer.renderInlineAsText(tokens[index].children ?? [], options, env));

export function renderMarkdown(markdown: string): string {
  return md.render(markdown);
}
