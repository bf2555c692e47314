import {
  diffPolicies,
  escapeHtml,
  renderInlineRedline,
  renderSideBySide,
  type DiffResult,
} from '../../server/src/domain/diff';

const BEFORE = [
  '# Privacy Policy',
  '',
  '## 1. Data we collect',
  '',
  '1.1. We collect your e-mail.',
  '1.2. We never sell data.',
  '1.3. Cookies are used for statistics.',
  '',
  '- name;',
  '- phone.',
].join('\n');

const HOSTILE = 'Note <script>alert(1)</script> and <img src=x onerror="alert(2)"> & more';

/** No tag in the output other than the ones the renderer writes itself. */
function tagsOf(html: string): string[] {
  return [...new Set([...html.matchAll(/<\/?([a-zA-Z0-9]+)/g)].map((m) => m[1].toLowerCase()))].sort();
}

describe('HTML rendering', () => {
  const after = BEFORE.replace('1.2. We never sell data.', `1.2. We never sell data. ${HOSTILE}`)
    .replace('- phone.', `- phone.\n- ${HOSTILE}`)
    .replace('## 1. Data', `## 1. <b onclick="x()">Data</b>`);
  const result = diffPolicies(BEFORE, after, 'en');

  it.each([
    ['inline redline', renderInlineRedline(result)],
    ['side by side', renderSideBySide(result)],
  ])('%s escapes every piece of policy text', (_, html) => {
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b ');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(2)&quot;&gt;');
    expect(html).toContain('&amp; more');
    const allowed = ['br', 'del', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ins', 'li', 'p', 'span', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul'];
    expect(tagsOf(html).every((tag) => allowed.includes(tag))).toBe(true);
  });

  it('escapes values read back from a tampered stored result', () => {
    const tampered = JSON.parse(JSON.stringify(result)) as DiffResult;
    tampered.blocks[0].new!.clause = '"><script>x</script>';
    (tampered.blocks[0].new as unknown as { level: string }).level = '1 onmouseover=x';
    const html = renderInlineRedline(tampered) + renderSideBySide(tampered);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('onmouseover');
  });

  it('marks words and blocks in the inline redline, keeping the Markdown structure', () => {
    const html = renderInlineRedline(result);
    expect(html).toContain('<h1 class="pv-heading">Privacy Policy</h1>');
    expect(html).toMatch(/<div class="pv-block pv-block--changed" data-clause="1\." data-old-index="1" data-new-index="1"><h2 class="pv-heading"><span|<h2 class="pv-heading">1\. /);
    expect(html).toContain('<p>1.2. We never sell data.<ins class="pv-ins"> Note &lt;script&gt;');
    expect(html).toContain('<div class="pv-block pv-block--inserted" data-new-index="7"><ul class="pv-list"><li><ins class="pv-ins">');
    expect(html).toContain('<div class="pv-block pv-block--unchanged" data-clause="1.1." data-old-index="2" data-new-index="2"><p><span class="pv-clause">1.1.</span> We collect your e-mail.</p></div>');
  });

  it('shows deletions, moves and renumbering in both views', () => {
    const edited = BEFORE.replace('1.1. We collect your e-mail.\n', '')
      .replace('1.2. We never', '1.1. We never')
      .replace('1.3. Cookies are used for statistics.\n', '')
      .replace('- phone.', '- phone.\n\n1.3. Cookies are used for statistics.');
    const moved = diffPolicies(BEFORE, edited, 'en');
    expect(moved.blocks.map((block) => block.kind)).toEqual([
      'unchanged',
      'unchanged',
      'deleted',
      'renumbered',
      'unchanged',
      'unchanged',
      'moved',
    ]);
    const inline = renderInlineRedline(moved);
    expect(inline).toContain('<div class="pv-block pv-block--deleted" data-clause="1.1." data-old-index="2"><p><del class="pv-del"><span class="pv-clause">1.1.</span> We collect your e-mail.</del></p></div>');
    expect(inline).toContain('<p><del class="pv-del">1.2.</del><ins class="pv-ins">1.1.</ins> We never sell data.</p>');
    expect(inline).toContain('class="pv-block pv-block--move-source" data-clause="1.3." data-old-index="4" data-new-index="5" data-move-to="5"');
    expect(inline).toContain('class="pv-block pv-block--moved" data-clause="1.3." data-old-index="4" data-new-index="5" data-move-from="4"');
    // The move source stands where the clause was: after 1.2 (now 1.1), before the list.
    expect(inline.indexOf('pv-block--move-source')).toBeGreaterThan(inline.indexOf('We never sell'));
    expect(inline.indexOf('pv-block--move-source')).toBeLessThan(inline.indexOf('name;'));

    const table = renderSideBySide(moved);
    expect(table.startsWith('<table class="pv-diff-table" lang="en">')).toBe(true);
    expect(table).toContain('<th class="pv-old">Previous version</th><th class="pv-new">New version</th>');
    expect(table).toContain('<td class="pv-old"><p><del class="pv-del">1.2.</del> We never sell data.</p></td><td class="pv-new"><p><ins class="pv-ins">1.1.</ins> We never sell data.</p></td>');
    expect(table).toMatch(/<tr class="pv-block pv-block--deleted"[^>]*><td class="pv-old"><p><del class="pv-del">.*<\/del><\/p><\/td><td class="pv-new"><\/td><\/tr>/);
    expect(table).toMatch(/<tr class="pv-block pv-block--move-source"[^>]*><td class="pv-old"><p><span class="pv-clause">1\.3\.<\/span> Cookies/);
    expect(table).toMatch(/<tr class="pv-block pv-block--moved"[^>]*><td class="pv-old"><\/td><td class="pv-new"><p><span class="pv-clause">1\.3\.<\/span> Cookies/);
  });

  it('labels the side-by-side columns in the policy language unless told otherwise', () => {
    const ru = diffPolicies('1. Да.', '1. Нет.', 'ru');
    expect(renderSideBySide(ru)).toContain('Прежняя редакция');
    expect(renderSideBySide(diffPolicies('a', 'b', 'kk'))).toContain('Жаңа редакция');
    expect(renderSideBySide(ru, { oldLabel: '<v1>', newLabel: 'v2' })).toContain('<th class="pv-old">&lt;v1&gt;</th><th class="pv-new">v2</th>');
  });

  it('escapeHtml escapes the five special characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});
