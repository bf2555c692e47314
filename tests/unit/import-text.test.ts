// @shared-fixtures: reads ../shared/fixtures/policies (npm test skips this file, saying so, where it is absent).
import * as fs from 'fs';
import MarkdownIt from 'markdown-it';
import { detectFormat, importPolicyText, plainTextToMarkdown } from '../../server/src/domain/import-text';
import { FIXTURES, FIXTURE_NAMES, fixture as readFixture } from './diff-support';

const md = new MarkdownIt({ html: false });

function decodeEntities(html: string): string {
  return html.replace(/&(amp|lt|gt|quot|#39|#x[0-9a-f]+|#\d+);/gi, (_, entity: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
    if (entity in named) return named[entity];
    const hex = entity[1] === 'x' || entity[1] === 'X';
    return String.fromCodePoint(parseInt(entity.slice(hex ? 2 : 1), hex ? 16 : 10));
  });
}

function textOf(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, ' '));
}

function words(text: string): string[] {
  return text.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? [];
}

function elements(html: string, tag: string): string[] {
  return [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => textOf(m[1]).trim());
}

function renderText(text: string): string {
  return md.render(plainTextToMarkdown(text));
}

describe('fixtures keep every word in order', () => {
  const names = fs.readdirSync(FIXTURES).filter((name) => name.endsWith('.txt'));

  it('finds the five fixtures', () => {
    expect(names.sort()).toEqual([...FIXTURE_NAMES]);
  });

  it.each(names)('%s', (name) => {
    const source = readFixture(name);
    const html = md.render(importPolicyText(source, 'text'));
    expect(words(textOf(html))).toEqual(words(source));
    // Ordered lists would renumber clauses and hide their numbers from the text.
    expect(html).not.toMatch(/<ol/);
    expect(html).not.toMatch(/<(em|strong|code|a|pre|blockquote|table|hr)[\s>]/);
    expect(elements(html, 'p').filter((p) => p === '')).toEqual([]);
  });
});

describe('fixture structure', () => {
  it('en-ecooptimum-kz.txt: run-together clauses become paragraphs', () => {
    const html = renderText(readFixture('en-ecooptimum-kz.txt'));
    const headings = elements(html, 'h2');
    const paragraphs = elements(html, 'p');
    expect(headings).toHaveLength(7);
    expect(headings[0]).toBe('Personal Data Processing Policy');
    expect(headings[1]).toBe('1. DEFINITION OF TERMS');
    expect(paragraphs).toContain('1.1. The following terms are used in this Privacy Policy:');
    expect(paragraphs.some((p) => p.startsWith('1.1.1. "Site Administration" –'))).toBe(true);
    for (const clause of ['1.1.7.', '2.4.', '3.2.3.', '3.3.1.', '3.3.2.', '3.4.', '4.1.6.', '5.5.', '6.3.']) {
      expect(paragraphs.filter((p) => p.startsWith(`${clause} `))).toHaveLength(1);
    }
    expect(paragraphs.filter((p) => /^\d+(\.\d+)+\. /.test(p))).toHaveLength(36);
    // A reference to other clauses is not a clause start.
    expect(paragraphs.find((p) => p.startsWith('3.4. '))).toContain('except as provided in clauses 5.2. and 5.3. of this');
    const items = elements(html, 'li');
    expect(items).toHaveLength(6);
    expect(items[0]).toBe('IP address;');
    expect(items[5]).toBe('referrer (the address of the previous page).');
  });

  it('en-generic-site.txt: one clause per line, upper-case section titles', () => {
    const html = renderText(readFixture('en-generic-site.txt'));
    const headings = elements(html, 'h2');
    expect(headings).toHaveLength(6);
    expect(headings[5]).toBe('6. CHANGING THE PRIVACY POLICY. APPLICABLE LAW');
    const paragraphs = elements(html, 'p');
    expect(paragraphs).toHaveLength(28);
    expect(paragraphs.filter((p) => /^\d+\.\d+(\.\d+)? /.test(p))).toHaveLength(26);
    expect(paragraphs.some((p) => p.startsWith('3.1 Personal Information is stored'))).toBe(true);
  });

  it('en-estimation-kz.txt: restarting numbers stay as written, stray section numbers are titles', () => {
    const html = renderText(readFixture('en-estimation-kz.txt'));
    expect(elements(html, 'h2')).toEqual([
      'Privacy Policy',
      'Terms used',
      '5. Legal Basis for Processing Personal Data',
      '1. Cross-border Transfer of Personal Data',
      '8. Final and Transitional Provisions',
      'Scroll to Top',
    ]);
    const paragraphs = elements(html, 'p');
    expect(paragraphs).toHaveLength(45);
    expect(paragraphs.filter((p) => p.startsWith('1. '))).toHaveLength(4);
    expect(paragraphs).toContain('3. Email address.');
    expect(paragraphs.some((p) => p.includes('dated May 21, 2013, No. 94-V “On Personal Data'))).toBe(true);
    expect(paragraphs.some((p) => p.startsWith('1. 6. The procedure for collecting'))).toBe(true);
  });

  it('ru-reco-kz.txt: 1) sub-lists, duplicated clause 2.4., wrapped title', () => {
    const html = renderText(readFixture('ru-reco-kz.txt'));
    const headings = elements(html, 'h2');
    expect(headings).toHaveLength(10);
    expect(headings[0]).toBe('Политика конфиденциальности персональных данных');
    expect(headings[9]).toBe('9. Прочие положения.');
    const paragraphs = elements(html, 'p');
    expect(paragraphs.filter((p) => p.startsWith('2.4. '))).toHaveLength(2);
    expect(paragraphs.some((p) => p.startsWith('2.3.Настоящая Политика'))).toBe(true);
    expect(paragraphs[0]).toMatch(/^Настоящая Политика .* действует в отношении всей информации/);
    const items = elements(html, 'li');
    expect(items).toHaveLength(10);
    expect(items[0]).toBe('1) фамилию, имя, отчество (при наличии) Пользователя;');
    expect(items[9]).toBe('6) реферер (адрес предыдущей страницы).');
    expect(html.match(/<ul>/g)).toHaveLength(2);
  });

  it('ru-company-service.txt: unnumbered headings and ● bullets', () => {
    const html = renderText(readFixture('ru-company-service.txt'));
    expect(elements(html, 'h2')).toEqual([
      'ПОЛИТИКА КОНФИДЕНЦИАЛЬНОСТИ',
      '1. Сбор персональных данных',
      'Использование',
      'Передача данных третьим лицам',
      'Куки-файлы',
      'Безопасность',
      'Третьи лица',
      'Изменения',
    ]);
    const items = elements(html, 'li');
    expect(items).toHaveLength(28);
    expect(items[0]).toBe('ФИО Пользователя;');
    expect(html.match(/<ul>/g)).toHaveLength(4);
    expect(elements(html, 'p')).toHaveLength(14);
  });
});

describe('plainTextToMarkdown rules', () => {
  it('splits run-together clauses only at numbers that continue the sequence after a sentence end', () => {
    const markdown = plainTextToMarkdown(
      '1. TERMS\n1.1. Terms: 1.1.1. Law No. 94-V of 21.05.2013 applies. 1.1.2. See clauses 3.1. and 3.2. of it. 1.1.3. Per п. 1.2. only.',
    );
    expect(markdown).toBe(
      '## 1. TERMS\n\n1.1. Terms:\n\n1.1.1. Law No. 94-V of 21.05.2013 applies.\n\n' +
        '1.1.2. See clauses 3.1. and 3.2. of it.\n\n1.1.3. Per п. 1.2. only.\n',
    );
  });

  it('looks back from a number past closing quotes and several spaces, and to the line start for an abbreviation', () => {
    expect(plainTextToMarkdown('1. TERMS\n1.1. It says «stop.»)   1.2. Next one.\nNo. 1.3. is cited here.')).toBe(
      '## 1. TERMS\n\n1.1. It says «stop.»)\n\n1.2. Next one.\n\nNo. 1.3. is cited here.\n',
    );
  });

  it('accepts a next sibling of an ancestor and clause numbers without a final dot', () => {
    expect(plainTextToMarkdown('2.1 Intro; 2.1.1 first; 2.1.2 second. 2.2 next one.')).toBe(
      '2.1 Intro;\n\n2.1.1 first;\n\n2.1.2 second.\n\n2.2 next one.\n',
    );
  });

  it('does not split at a number that skips the sequence', () => {
    const markdown = plainTextToMarkdown('3.1. Stored for 2.5 years. 4.7. That was a typo.');
    expect(markdown).toBe('3.1. Stored for 2.5 years. 4.7. That was a typo.\n');
  });

  it('turns upper-case lines and short unnumbered titles into headings, not sentences', () => {
    expect(plainTextToMarkdown('PRIVACY POLICY\nCookies\nWe use cookies.\nThis line has no final stop but is clearly too long for a title')).toBe(
      '## PRIVACY POLICY\n\n## Cookies\n\nWe use cookies.\n\nThis line has no final stop but is clearly too long for a title\n',
    );
  });

  it('makes a numbered line a heading when its first child follows, even with a final stop', () => {
    expect(plainTextToMarkdown('9. Other provisions.\n9.1. Text.')).toBe('## 9. Other provisions.\n\n9.1. Text.\n');
    expect(plainTextToMarkdown('3. Email address.\n4. Phone.')).toBe('3\\. Email address.\n\n4\\. Phone.\n');
  });

  it('joins a line that continues in lower case', () => {
    expect(plainTextToMarkdown('Политика конфиденциальности\nперсональных данных\n\nТекст.')).toBe(
      '## Политика конфиденциальности персональных данных\n\nТекст.\n',
    );
  });

  it('turns ●, •, - and – bullets, inline • bullets and 1) items into list items', () => {
    const html = renderText('Data:\n● one;\n• two;\n- three;\n– four.\n\nAlso: • five; • six.\n1) seven;\n2) eight.');
    expect(elements(html, 'li')).toEqual(['one;', 'two;', 'three;', 'four.', 'five;', 'six.', '1) seven;', '2) eight.']);
    expect(elements(html, 'p')).toEqual(['Data:', 'Also:']);
    expect(html).not.toMatch(/<ol/);
  });

  it('treats lines of no-break spaces as blank', () => {
    expect(plainTextToMarkdown('First.\n\u00a0\n \u00a0 \n\nSecond.\u00a0')).toBe('First.\n\nSecond.\n');
  });

  it('normalizes to NFC and CRLF to LF', () => {
    expect(plainTextToMarkdown('Caf\u0065\u0301 text.\r\nMore.\r')).toBe('Caf\u00e9 text.\n\nMore.\n');
  });
});

describe('escaping', () => {
  const cases = [
    '*not emphasis* and _not either_',
    'a `tick` and [brackets](http://x) and <b>tag</b> and <http://autolink>',
    'a | b | c',
    'tilde ~~strike~~ and back\\slash',
    'entity &amp; and &#169; stay literal, so does R&D',
    '# not a heading',
    '> not a quote',
    '+ not a list',
    '1. not an ordered list',
    '= not a setext underline',
  ];

  it.each(cases)('renders %j literally', (line) => {
    const html = renderText(line);
    expect(html).toMatch(/^<p>/);
    expect(textOf(html).trim()).toBe(line);
  });

  it('never builds a table from pipes and a dash row', () => {
    const html = renderText('Name | Value\n--- | ---\nA | 1');
    expect(html).not.toMatch(/<table/);
    expect(textOf(html).replace(/\s+/g, ' ').trim()).toBe('Name | Value --- | --- A | 1');
  });

  it('keeps list item content literal', () => {
    const html = renderText('● *star* 1. item\n● 1. nested?');
    expect(elements(html, 'li')).toEqual(['*star* 1. item', '1. nested?']);
  });

  it('keeps heading content literal, including trailing hashes', () => {
    expect(elements(renderText('TERMS & *NOTES* #'), 'h2')).toEqual(['TERMS & *NOTES* #']);
  });

  it('escapes the dot only where markdown-it would start an ordered list', () => {
    expect(plainTextToMarkdown('1.1. Text')).toBe('1.1. Text\n');
    expect(md.render('1.1. Text')).toBe('<p>1.1. Text</p>\n');
    expect(md.render('1. Text')).toMatch(/^<ol>/);
    expect(md.render(plainTextToMarkdown('1. Text here.'))).toBe('<p>1. Text here.</p>\n');
  });
});

describe('importPolicyText and detectFormat', () => {
  it('keeps markdown as is apart from NFC and CRLF', () => {
    expect(importPolicyText('# Title\r\n\r\n*e\u0301*\r\n', 'markdown')).toBe('# Title\n\n*\u00e9*\n');
  });

  it('converts text', () => {
    expect(importPolicyText('1. A\n1.1. b.', 'text')).toBe('## 1. A\n\n1.1. b.\n');
  });

  it('detects the format from the file name', () => {
    expect(detectFormat('policy.md')).toBe('markdown');
    expect(detectFormat('POLICY.Markdown')).toBe('markdown');
    expect(detectFormat('policy.txt')).toBe('text');
    expect(detectFormat('policy.md.txt')).toBe('text');
    expect(detectFormat('README')).toBe('text');
  });
});
