import { renderMarkdown, slugify } from '../../server/src/domain/render';

interface RenderedTag {
  name: string;
  attrs: Array<[string, string]>;
}

function decodeEntities(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

// Real tags only: text that merely looks like markup is escaped to &lt; by the renderer.
function tagsOf(html: string): RenderedTag[] {
  return [...html.matchAll(/<([a-z][a-z0-9]*)([^>]*)>/gi)].map(([, name, rest]) => ({
    name: name.toLowerCase(),
    attrs: [...rest.matchAll(/([^\s=/>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g)].map(
      ([, attr, value = '']): [string, string] => [attr.toLowerCase(), decodeEntities(value.replace(/^["']|["']$/g, ''))],
    ),
  }));
}

const attrsOf = (html: string, tag: string, attr: string): string[] =>
  tagsOf(html)
    .filter((t) => t.name === tag)
    .flatMap((t) => t.attrs.filter(([name]) => name === attr).map(([, value]) => value));

const ids = (html: string): string[] => tagsOf(html).flatMap((t) => t.attrs.filter(([n]) => n === 'id').map(([, v]) => v));

const idOf = (html: string, tag: string): Array<string | undefined> =>
  tagsOf(html)
    .filter((t) => t.name === tag)
    .map((t) => t.attrs.find(([n]) => n === 'id')?.[1]);

const MARKDOWN_TAGS = new Set([
  'p', 'a', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'strong', 'em', 'code', 'pre', 'blockquote',
  'hr', 'br', 's', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
]);
const ALLOWED_ATTRS = new Set(['href', 'title', 'rel', 'id', 'start', 'style', 'class']);

describe('renderMarkdown: XSS', () => {
  const vectors = [
    '<script>alert(1)</script>',
    '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
    '<img src=x onerror=alert(1)>',
    '<svg onload=alert(1)>',
    '<div onclick="alert(1)">block</div>\n\ntext',
    '<a href="javascript:alert(1)">x</a>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<!-- x --><style>body{}</style>',
    '[a](javascript:alert(1))',
    '[a](JaVaScRiPt:alert(1))',
    '[a](  javascript:alert(1))',
    '[a](<javascript:alert(1)>)',
    '[a](<java\tscript:alert(1)>)',
    '[a](<java\nscript:alert(1)>)',
    '[a](java\u0000script:alert(1))',
    '[a](\u0001javascript:alert(1))',
    '[a](\u00a0javascript:alert(1))',
    '[a](javascript&#58;alert(1))',
    '[a](javascript&colon;alert(1))',
    '[a](&#106;avascript:alert(1))',
    '[a](&#x6A;avascript:alert(1))',
    '[a](&#0000106;avascript:alert(1))',
    '[a](java&#x09;script:alert(1))',
    '[a](java&#10;script:alert(1))',
    '[a](&#x20;javascript:alert(1))',
    '[a](javascript\\:alert(1))',
    '[a](%6A%61vascript:alert(1))',
    '[a](java%0ascript:alert(1))',
    '[a](javascript://%0aalert(1))',
    '[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '[a](DATA:text/html,<script>alert(1)</script>)',
    '[a](data:image/png;base64,iVBORw0KGgo=)',
    '[a](vbscript:msgbox(1))',
    '[a](VBScript:msgbox(1))',
    '[a](file:///etc/passwd)',
    '[a](livescript:alert(1))',
    '<javascript:alert(1)>',
    '<JAVASCRIPT:alert(1)>',
    '<data:text/html,x>',
    '<vbscript:msgbox(1)>',
    '[a][x]\n\n[x]: javascript:alert(1)',
    '[a][x]\n\n[x]: <javascript:alert(1)> "t"',
    '[x]\n\n[x]: vbscript:msgbox(1)',
    '[a][x]\n\n[x]: data:text/html,x',
    '![a](javascript:alert(1))',
    '![a](data:image/svg+xml,<svg onload=alert(1)>)',
    '![a](https://example.com/x.png" onerror="alert(1))',
    '![a" onerror="alert(1)](https://example.com/x.png)',
    '[a](https://example.com "t\\" onmouseover=\\"alert(1)")',
    '[a](#"onclick="alert(1))',
    '[<img src=x onerror=alert(1)>](https://example.com)',
    '`<script>alert(1)</script>`',
    '```html\n<script>alert(1)</script>\n```',
    '    <script>alert(1)</script>',
    'javascript:alert(1) and data:text/html,x as bare text',
    '&lt;script&gt;alert(1)&lt;/script&gt;',
    '&#60;script&#62;alert(1)&#60;/script&#62;',
    '# <script>alert(1)</script> heading',
    '1.1. <img src=x onerror=alert(1)> clause',
  ];

  it.each(vectors)('neutralizes %j', (markdown) => {
    const html = renderMarkdown(markdown);
    expect(html).not.toMatch(/<script/i);
    for (const tag of tagsOf(html)) {
      expect(MARKDOWN_TAGS).toContain(tag.name);
      for (const [name, value] of tag.attrs) {
        expect(name).not.toMatch(/^on/);
        expect(ALLOWED_ATTRS).toContain(name);
        if (name === 'href') {
          const compact = value.replace(/[\u0000-\u0020\u007f-\u00a0]/g, '').toLowerCase();
          expect(compact).not.toMatch(/^(?:javascript|data|vbscript|file|livescript):/);
          expect(compact).toMatch(/^(?:(?:https?|mailto|tel):|[^:]*$|[^:]*[/?#])/);
        }
      }
    }
  });

  it('renders dangerous links as plain text rather than dropping the words', () => {
    const html = renderMarkdown('See [the form](javascript:alert(1)).');
    expect(attrsOf(html, 'a', 'href')).toEqual([]);
    expect(html).toContain('the form');
  });

  it('escapes raw HTML instead of passing it through', () => {
    expect(renderMarkdown('<b>bold</b>')).toBe('<p>&lt;b&gt;bold&lt;/b&gt;</p>\n');
  });
});

describe('renderMarkdown: links', () => {
  it.each([
    ['[a](https://example.com/p?x=1#y)', 'https://example.com/p?x=1#y'],
    ['[a](http://example.com)', 'http://example.com'],
    ['[a](HTTPS://EXAMPLE.COM)', 'HTTPS://EXAMPLE.COM'],
    ['[a](mailto:dpo@example.kz)', 'mailto:dpo@example.kz'],
    ['[a](tel:+77001234567)', 'tel:+77001234567'],
    ['[a](/privacy/v/3)', '/privacy/v/3'],
    ['[a](./terms)', './terms'],
    ['[a](../terms)', '../terms'],
    ['[a](terms)', 'terms'],
    ['[a](#clause-1-1)', '#clause-1-1'],
    ['[a](?version=2)', '?version=2'],
    ['[a](/a:b)', '/a:b'],
    ['[a][r]\n\n[r]: https://example.com/ref', 'https://example.com/ref'],
    ['<https://example.com/auto>', 'https://example.com/auto'],
    ['<dpo@example.kz>', 'mailto:dpo@example.kz'],
    ['Write to dpo@example.kz today', 'mailto:dpo@example.kz'],
    ['Read https://example.com/docs today', 'https://example.com/docs'],
  ])('keeps %j', (markdown, href) => {
    expect(attrsOf(renderMarkdown(markdown), 'a', 'href')).toEqual([href]);
  });

  it.each(['[a](ftp://example.com/x)', '[a](irc:chat)', '[a](foo:bar)', '[a](skype:someone)', 'ftp://example.com/x'])(
    'drops the other scheme in %j',
    (markdown) => {
      expect(attrsOf(renderMarkdown(markdown), 'a', 'href')).toEqual([]);
    },
  );

  it('marks external links, and only them, with rel', () => {
    const html = renderMarkdown(
      '[ext](https://example.com) [plain](http://example.com) [proto](//example.com) https://example.com/auto ' +
        '[rel](/terms) [frag](#x) [mail](mailto:a@example.kz) [tel](tel:+7700)',
    );
    const rels = tagsOf(html)
      .filter((t) => t.name === 'a')
      .map((t) => t.attrs.find(([n]) => n === 'rel')?.[1] ?? null);
    const external = 'noopener noreferrer nofollow';
    expect(rels).toEqual([external, external, external, external, null, null, null, null]);
  });

  it('does not turn bare domain names into links', () => {
    expect(attrsOf(renderMarkdown('ТОО «Example.kz» и www.example.com'), 'a', 'href')).toEqual([]);
  });
});

describe('renderMarkdown: images', () => {
  it('renders an image as its escaped alt text', () => {
    expect(renderMarkdown('![Logo <b>&amp; co](https://example.com/logo.png)')).toBe('<p>Logo &lt;b&gt;&amp; co</p>\n');
  });

  it('never emits an img tag', () => {
    const html = renderMarkdown('![a](https://example.com/a.png) [![b](https://example.com/b.png)](https://example.com)');
    expect(tagsOf(html).map((t) => t.name)).not.toContain('img');
    expect(attrsOf(html, 'a', 'href')).toEqual(['https://example.com']);
  });
});

describe('slugify', () => {
  it.each([
    ['Privacy Policy', 'privacy-policy'],
    ['Политика конфиденциальности', 'политика-конфиденциальности'],
    ['Құпиялылық саясаты', 'құпиялылық-саясаты'],
    ['ӘҒҚҢӨҰҮҺІ әғқңөұүһі', 'әғқңөұүһі-әғқңөұүһі'],
    ['1. Общие положения', '1-общие-положения'],
    ['  What -- we   collect?! ', 'what-we-collect'],
    ['Cookies & tracking (2024)', 'cookies-tracking-2024'],
    ['snake_case and.dots', 'snake-case-and-dots'],
    ['И\u0306од', 'йод'],
    ['Café', 'café'],
    ['Усло\u0301вия', 'условия'],
    ['🙂', ''],
    ['', ''],
  ])('%j -> %j', (text, slug) => {
    expect(slugify(text)).toBe(slug);
  });
});

describe('renderMarkdown: heading ids', () => {
  it('gives every heading an id from its text', () => {
    const html = renderMarkdown('# Политика\n\n## 2. Цели обработки\n\n### Қазақстан Республикасы\n');
    expect(idOf(html, 'h1')).toEqual(['политика']);
    expect(idOf(html, 'h2')).toEqual(['2-цели-обработки']);
    expect(idOf(html, 'h3')).toEqual(['қазақстан-республикасы']);
  });

  it('uses the text, not the markup, of the heading', () => {
    const html = renderMarkdown('## **Bold** _and_ `code` [link](https://example.com)\n\nSetext\n======\n');
    expect(idOf(html, 'h2')).toEqual(['bold-and-code-link']);
    expect(idOf(html, 'h1')).toEqual(['setext']);
  });

  it('deduplicates in document order with -2, -3', () => {
    const html = renderMarkdown('# Terms\n\n## Terms\n\n### Terms!\n\n## Other\n');
    expect(ids(html)).toEqual(['terms', 'terms-2', 'terms-3', 'other']);
  });

  it('does not let a suffix take the id of a later heading', () => {
    const html = renderMarkdown('## Terms\n\n## Terms\n\n## Terms 2\n');
    expect(ids(html)).toEqual(['terms', 'terms-3', 'terms-2']);
  });

  it('falls back to "section" for a heading without letters or digits', () => {
    expect(ids(renderMarkdown('## 🙂\n\n## ***\n\n##\n'))).toEqual(['section', 'section-2', 'section-3']);
  });
});

describe('renderMarkdown: clause ids', () => {
  it.each([
    ['1\\. General', 'clause-1'],
    ['1.1 The operator', 'clause-1-1'],
    ['1.1. The operator', 'clause-1-1'],
    ['1.1.1. Sub-clause', 'clause-1-1-1'],
    ['2.4. Оператор обрабатывает', 'clause-2-4'],
    ['**3.2.** Bold number', 'clause-3-2'],
    ['10.12.3 Deep', 'clause-10-12-3'],
    ['4.1.\u00a0Non-breaking space', 'clause-4-1'],
    ['5.5.', 'clause-5-5'],
  ])('paragraph %j gets %s', (markdown, id) => {
    expect(idOf(renderMarkdown(markdown), 'p')).toEqual([id]);
  });

  it.each([
    ['2024 год — начало'],
    ['3 days after'],
    ['1.5million'],
    ['1.1.Text'],
    ['1000.1 Too long'],
    ['v1.1 Not a clause'],
    ['(1.1) Bracketed'],
    ['See 1.1 below'],
  ])('paragraph %j gets no id', (markdown) => {
    expect(idOf(renderMarkdown(markdown), 'p')).toEqual([undefined]);
  });

  it('puts the id on the list item, not on its paragraph', () => {
    const tight = renderMarkdown('- 2.1. First\n- 2.2. Second\n- no clause\n');
    expect(idOf(tight, 'li')).toEqual(['clause-2-1', 'clause-2-2', undefined]);
    const loose = renderMarkdown('- 2.1. First\n\n- 2.2. Second\n');
    expect(idOf(loose, 'li')).toEqual(['clause-2-1', 'clause-2-2']);
    expect(idOf(loose, 'p')).toEqual([undefined, undefined]);
  });

  it('handles nested list items and clause paragraphs inside quotes', () => {
    const html = renderMarkdown('- 3.1 Outer\n  - 3.1.1 Inner\n\n> 3.2. Quoted\n');
    expect(idOf(html, 'li')).toEqual(['clause-3-1', 'clause-3-1-1']);
    expect(idOf(html, 'p')).toEqual(['clause-3-2']);
  });

  it('deduplicates a repeated clause number without taking a real clause id', () => {
    const html = renderMarkdown('1.1. First\n\n1.1. Repeated\n\n1.1. Again\n\n1.1.2. Real\n');
    expect(idOf(html, 'p')).toEqual(['clause-1-1', 'clause-1-1-3', 'clause-1-1-4', 'clause-1-1-2']);
  });

  it('shares one id space with headings', () => {
    const html = renderMarkdown('# Clause 1\n\n1\\. Text\n');
    expect(ids(html)).toEqual(['clause-1', 'clause-1-2']);
  });

  it('leaves Markdown ordered-list numbers alone, since they are not part of the text', () => {
    expect(idOf(renderMarkdown('1. First\n2. Second\n'), 'li')).toEqual([undefined, undefined]);
  });

  it('only ever produces safe ids', () => {
    const html = renderMarkdown(
      '# "><script>\n\n## a\'b"c<d>e&f\n\n### ${x}`y`\n\n1.1. <b>x</b>\n\n## Ж\u0301\u0000\n\n## ٣ عربى\n',
    );
    const all = ids(html);
    expect(all.length).toBe(6);
    expect(new Set(all).size).toBe(all.length);
    for (const id of all) expect(id).toMatch(/^[\p{L}\p{N}-]+$/u);
  });

  it('gives the same output when rendering the same document twice', () => {
    const doc = '# A\n\n# A\n\n1.1. x\n\n1.1. y\n';
    expect(renderMarkdown(doc)).toBe(renderMarkdown(doc));
    expect(ids(renderMarkdown(doc))).toEqual(['a', 'a-2', 'clause-1-1', 'clause-1-1-2']);
  });
});
