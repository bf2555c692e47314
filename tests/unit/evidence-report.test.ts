import { inflateSync } from 'node:zlib';
import type { EvidencePack } from '../../server/src/domain/evidence/pack';
import { verifyEvidencePack, type PackReport } from '../../server/src/domain/evidence/pack-verify';
import { renderEvidenceHtml, renderEvidencePdf, type ReportLocale } from '../../server/src/domain/evidence/report';
import { buildTestPack, clonePack, TEST_CONTROLLER, TEST_ORIGIN, TEST_SUBJECT, type TestPack } from '../support/evidence-pack';

/*
 * The readable report of an evidence pack (report.ts): the HTML and the PDF show the subject, every record, every
 * text and the verifier's verdict in ru, kk and en; user-supplied text is escaped; a pack that fails verification
 * is reported as not verified, with its problems.
 */

const LOCALES: ReportLocale[] = ['ru', 'kk', 'en'];

/** Strings that only the localized report has: a heading and the verdict of a verified pack. */
const LOCALIZED: Record<ReportLocale, { title: string; headings: string[]; verified: string; notVerified: string; date: string }> = {
  ru: {
    title: 'Пакет доказательств',
    headings: ['Результат проверки', 'Записи в журнале', 'Тексты документов', 'Журнал прозрачности', 'Как проверить самостоятельно'],
    verified: 'ПОДТВЕРЖДЕНО',
    notVerified: 'НЕ ПОДТВЕРЖДЕНО',
    date: '1 февраля 2026 г.',
  },
  kk: {
    title: 'Дәлелдемелер пакеті',
    headings: ['Тексеру нәтижесі', 'Журналдағы жазбалар', 'Құжаттардың мәтіндері', 'Ашықтық журналы', 'Өз бетіңізше қалай тексеруге болады'],
    verified: 'РАСТАЛДЫ',
    notVerified: 'РАСТАЛМАДЫ',
    date: '1 ақпан',
  },
  en: {
    title: 'Evidence pack',
    headings: ['Result of the verification', 'Records in the log', 'Texts of the documents', 'Transparency log', 'How to check this yourself'],
    verified: 'VERIFIED',
    notVerified: 'NOT VERIFIED',
    date: 'February 1, 2026',
  },
};

const EVENT_LABELS: Record<ReportLocale, { accepted: string; withdrawn: string; published: string }> = {
  ru: { accepted: 'Согласие', withdrawn: 'Отзыв согласия', published: 'Публикация текста' },
  kk: { accepted: 'Келісім', withdrawn: 'Келісімнен бас тарту', published: 'Мәтінді жариялау' },
  en: { accepted: 'Consent', withdrawn: 'Withdrawal of consent', published: 'Publication of the text' },
};

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** The records table's body rows, each as its cells' text. */
const recordRows = (html: string) => {
  const body = /<table class="records">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => c[1]));
};

// ---------------------------------------------------------------------------------------------------------------
// Reading a PDF made by pdfkit. Its text is drawn with the embedded fonts as glyph ids (hex strings in TJ
// operators), so the text is recovered the way a PDF reader copies it: through each font's ToUnicode CMap.

interface PdfObjects {
  source: string;
  objects: Map<number, string>;
}

function pdfObjects(pdf: Buffer): PdfObjects {
  const source = pdf.toString('latin1');
  const objects = new Map<number, string>();
  for (const m of source.matchAll(/(?:^|\n)(\d+) 0 obj\n([\s\S]*?)\nendobj/g)) objects.set(Number(m[1]), m[2]);
  return { source, objects };
}

/** A stream object's content, inflated when it is compressed. */
function streamOf(object: string): string {
  const m = /stream\n([\s\S]*)\nendstream/.exec(object);
  if (!m) return '';
  const bytes = Buffer.from(m[1], 'latin1');
  return /\/Filter \/FlateDecode/.test(object) ? inflateSync(bytes).toString('latin1') : m[1];
}

const utf16Hex = (hex: string) => String.fromCharCode(...(hex.match(/[0-9a-f]{4}/gi) ?? []).map((u) => parseInt(u, 16)));

function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const [, block] of cmap.matchAll(/beginbfrange\n([\s\S]*?)endbfrange/g)) {
    for (const [, start, , list, single] of block.matchAll(/<([0-9a-f]+)> <([0-9a-f]+)> (?:\[([^\]]*)\]|<([0-9a-f]+)>)/gi)) {
      const first = parseInt(start, 16);
      if (list !== undefined) [...list.matchAll(/<([0-9a-f ]+)>/gi)].forEach((u, i) => map.set(first + i, utf16Hex(u[1])));
      else map.set(first, utf16Hex(single));
    }
  }
  for (const [, block] of cmap.matchAll(/beginbfchar\n([\s\S]*?)endbfchar/g))
    for (const [, glyph, text] of block.matchAll(/<([0-9a-f]+)> <([0-9a-f]+)>/gi)) map.set(parseInt(glyph, 16), utf16Hex(text));
  return map;
}

/** The text of every page, one line per text operator. */
function pdfText(pdf: Buffer): string {
  const { source, objects } = pdfObjects(pdf);
  // pdfkit names each font once per document (F1, F2…); page resources map the names to font objects.
  const fonts = new Map<string, Map<number, string>>();
  for (const [, name, ref] of source.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
    if (fonts.has(name)) continue;
    const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(objects.get(Number(ref)) ?? '');
    fonts.set(name, toUnicode ? parseToUnicode(streamOf(objects.get(Number(toUnicode[1])) ?? '')) : new Map());
  }
  const pages = [...objects.values()].filter((o) => /\/Type \/Page\n/.test(o));
  const lines: string[] = [];
  for (const page of pages) {
    const contents = /\/Contents (\d+) 0 R/.exec(page);
    const content = contents ? streamOf(objects.get(Number(contents[1])) ?? '') : '';
    let font = new Map<number, string>();
    for (const [, name, array] of content.matchAll(/\/(F\d+) [\d.]+ Tf|\[([^\]]*)\] TJ/g)) {
      if (name) font = fonts.get(name) ?? new Map();
      else
        lines.push(
          [...array.matchAll(/<([0-9a-f]*)>/gi)]
            .map(([, hex]) => (hex.match(/[0-9a-f]{4}/gi) ?? []).map((g) => font.get(parseInt(g, 16)) ?? '\ufffd').join(''))
            .join('')
        );
    }
  }
  return lines.join('\n');
}

/** A PDF literal string: its escapes undone, UTF-16BE when it starts with the byte order mark. */
function literalString(raw: string): string {
  const bytes = raw.replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, e: string) =>
    /^[0-7]/.test(e) ? String.fromCharCode(parseInt(e, 8)) : ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[e] ?? e
  );
  if (!bytes.startsWith('\xfe\xff')) return bytes;
  const units: number[] = [];
  for (let i = 2; i + 1 < bytes.length; i += 2) units.push((bytes.charCodeAt(i) << 8) | bytes.charCodeAt(i + 1));
  return String.fromCharCode(...units);
}

/** An entry of the document information dictionary (the trailer's /Info), inline or by reference. */
function pdfInfo(pdf: Buffer, key: string): string | null {
  const { source, objects } = pdfObjects(pdf);
  const info = /\/Info (\d+) 0 R/.exec(source);
  const dict = info ? objects.get(Number(info[1])) ?? '' : '';
  const entry = new RegExp(`/${key} (?:(\\d+) 0 R|\\((.*)\\))`).exec(dict);
  if (!entry) return null;
  const value = entry[1] ? objects.get(Number(entry[1])) ?? '' : `(${entry[2]})`;
  const literal = /^\(([\s\S]*)\)$/.exec(value.trim());
  return literal ? literalString(literal[1]) : null;
}

const pageCount = (pdf: Buffer) => [...pdfObjects(pdf).objects.values()].filter((o) => /\/Type \/Page\n/.test(o)).length;

// ---------------------------------------------------------------------------------------------------------------

let built: TestPack;
let pack: EvidencePack;
let report: PackReport;

/** The pack with one text's Markdown and title replaced by markup; verification then flags the text. */
function hostilePack(): EvidencePack {
  const hostile = clonePack(pack);
  hostile.texts[0].markdown = '# Terms\n\n<script>alert(1)</script> "quotes" & ampersands\n';
  hostile.texts[0].title = '<img src=x onerror="alert(2)">';
  hostile.controller.name = `O'Brien & <b>Sons</b>`;
  return hostile;
}

/** The pack with the subject's acceptance edited after the fact. */
function tamperedPack(): EvidencePack {
  const tampered = clonePack(pack);
  const acceptance = tampered.entries.find((e) => e.record.event === 'accepted');
  if (!acceptance) throw new Error('the test pack has no acceptance');
  acceptance.record.recordedAt = '2020-01-01T00:00:00.000Z';
  return tampered;
}

beforeAll(async () => {
  built = await buildTestPack();
  pack = built.pack;
  report = verifyEvidencePack(pack);
  expect(report.ok).toBe(true);
});

describe('the HTML report', () => {
  it.each(LOCALES)('in %s is one self-contained document with no script and a single style element', (locale) => {
    const html = renderEvidenceHtml(pack, report, locale);
    expect(html.startsWith('<!DOCTYPE html>\n')).toBe(true);
    expect(html).toContain(`<html lang="${locale}">`);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html.match(/<style>/g)).toHaveLength(1);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
    // Self-contained: nothing is loaded from anywhere.
    expect(html).not.toMatch(/\s(?:src|href)\s*=/i);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
  });

  it.each(LOCALES)('in %s shows the subject, the operator, every record, every text and the verdict', (locale) => {
    const html = renderEvidenceHtml(pack, report, locale);
    const words = LOCALIZED[locale];
    expect(html).toContain(words.title);
    for (const heading of words.headings) expect(html).toContain(`>${heading}</`);
    expect(html).toContain(words.verified);
    expect(html).not.toContain(words.notVerified);
    expect(html).toContain(TEST_SUBJECT);
    expect(html).toContain(TEST_CONTROLLER.name);
    expect(html).toContain(TEST_CONTROLLER.contact);
    expect(html).toContain(TEST_ORIGIN);
    expect(html).toContain(pack.checkpoint.rootHash);
    expect(html).toContain(pack.earlierCheckpoints[0].rootHash);
    for (const key of pack.log.verifierKeys) expect(html).toContain(escapeHtml(key));
    for (const key of pack.log.keys) expect(html).toContain(key.kid);
    for (const entry of pack.entries) {
      expect(html).toContain(entry.record.hash);
      expect(html).toContain(entry.record.id);
    }
    for (const text of pack.texts) {
      expect(html).toContain(text.contentHash);
      expect(html).toContain(`<pre lang="${text.locale}">${escapeHtml(text.markdown)}</pre>`);
      expect(html).toContain(escapeHtml(text.title));
    }
    // Dates in the report's language, in UTC, with the ISO value beside them.
    expect(html).toContain(words.date);
    expect(html).toContain(`(${pack.generatedAt})`);
    expect(html).toContain('npx policy-versions-verify evidence.json');
    expect(html).toContain('/api/policy-versions/ledger/keys');
  });

  it.each(LOCALES)('in %s lists the records in log order, with their entry number, event and receipt', (locale) => {
    const rows = recordRows(renderEvidenceHtml(pack, report, locale));
    expect(rows).toHaveLength(pack.entries.length);
    const labels = EVENT_LABELS[locale];
    rows.forEach((cells, i) => {
      const { record, receiptJws } = pack.entries[i];
      expect(cells[0]).toBe(String(record.seq - 1));
      expect(cells[1]).toBe(labels[record.event as keyof typeof labels]);
      expect(cells[6]).toBe(record.hash);
      expect(cells[8]).not.toBe('');
      // The publication events are the operator's, without a receipt; the subject's records have a signed one.
      expect(receiptJws === null).toBe(record.subject === null);
    });
    expect(rows.map((cells) => Number(cells[0]))).toEqual([...rows.map((cells) => Number(cells[0]))].sort((a, b) => a - b));
    expect(rows.filter((cells) => cells[1] === labels.published)).toHaveLength(
      pack.entries.filter((e) => e.record.event === 'published').length
    );
    const receipt = (event: string) => rows.find((cells) => cells[1] === event)?.[8];
    expect(receipt(labels.accepted)).not.toBe(receipt(labels.published));
  });

  it('shows the verifier’s findings as they are, under a heading that says they are in English', () => {
    const html = renderEvidenceHtml(pack, report, 'kk');
    expect(html).toContain('Тексеру бағдарламасының ағылшын тіліндегі нәтижесі');
    expect(html).toContain('<ul lang="en">');
    for (const line of [...report.proves, ...report.notes, report.summary]) expect(html).toContain(escapeHtml(line));
  });

  it('names an erased subject as a pseudonym', async () => {
    const erased = await buildTestPack({ erased: true });
    const html = renderEvidenceHtml(erased.pack, verifyEvidencePack(erased.pack), 'ru');
    expect(html).toContain(erased.pack.subject);
    expect(html).toContain('псевдоним');
    expect(recordRows(html).map((cells) => cells[1])).toContain('Уничтожение персональных данных');
  });

  it('escapes markup in the texts and metadata, and reports the changed text as not verified', () => {
    const hostile = hostilePack();
    const hostileReport = verifyEvidencePack(hostile);
    expect(hostileReport.ok).toBe(false);
    for (const locale of LOCALES) {
      const html = renderEvidenceHtml(hostile, hostileReport, locale);
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/<img/i);
      expect(html).not.toMatch(/<b>/);
      expect(html).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &quot;quotes&quot; &amp; ampersands');
      expect(html).toContain('&lt;img src=x onerror=&quot;alert(2)&quot;&gt;');
      expect(html).toContain('O&#39;Brien &amp; &lt;b&gt;Sons&lt;/b&gt;');
      expect(html).toContain(LOCALIZED[locale].notVerified);
    }
  });

  it('reports a tampered pack as NOT verified, with each problem', () => {
    const tampered = tamperedPack();
    const failed = verifyEvidencePack(tampered);
    expect(failed.ok).toBe(false);
    expect(failed.problems.length).toBeGreaterThan(0);
    for (const locale of LOCALES) {
      const html = renderEvidenceHtml(tampered, failed, locale);
      expect(html).toContain(`<p class="verdict failed">${LOCALIZED[locale].notVerified}`);
      expect(html).toContain(`(${failed.problems.length})`);
      expect(html.match(/class="verdict/g)).toHaveLength(1);
      for (const problem of failed.problems) expect(html).toContain(escapeHtml(problem));
    }
  });
});

describe('the PDF report', () => {
  it.each(LOCALES)('in %s is a PDF with the title and the creation date of the pack in its metadata', async (locale) => {
    const pdf = await renderEvidencePdf(pack, report, locale);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toMatch(/%%EOF\n?$/);
    expect(pdfInfo(pdf, 'Title')).toContain(LOCALIZED[locale].title);
    expect(pdfInfo(pdf, 'Subject')).toContain(TEST_SUBJECT);
    const created = new Date(pack.generatedAt);
    const stamp = created.toISOString().replace(/[-:T]/g, '').slice(0, 14);
    expect(pdfInfo(pdf, 'CreationDate')).toBe(`D:${stamp}Z`);
    expect(pageCount(pdf)).toBeGreaterThan(1);
    // The text is drawn with DejaVu (the built-in fonts have no Cyrillic), and with nothing else.
    const fonts = [...pdf.toString('latin1').matchAll(/\/BaseFont \/[A-Z]{6}\+([\w-]+)/g)].map((m) => m[1]);
    expect(new Set(fonts)).toEqual(new Set(['DejaVuSans', 'DejaVuSans-Bold', 'DejaVuSansMono']));
  });

  it.each(LOCALES)('in %s, uncompressed, holds the subject, every record hash, every text and the verdict', async (locale) => {
    const pdf = await renderEvidencePdf(pack, report, locale, { compress: false });
    expect(pdf.toString('latin1')).not.toContain('/FlateDecode');
    const text = pdfText(pdf);
    const words = LOCALIZED[locale];
    expect(text).toContain(words.title);
    for (const heading of words.headings) expect(text).toContain(heading);
    expect(text).toContain(words.verified);
    expect(text).not.toContain(words.notVerified);
    expect(text).toContain(TEST_SUBJECT);
    expect(text).toContain(TEST_CONTROLLER.name);
    expect(text).toContain(pack.checkpoint.rootHash);
    for (const entry of pack.entries) expect(text).toContain(entry.record.hash);
    for (const label of Object.values(EVENT_LABELS[locale])) expect(text).toContain(label);
    for (const t of pack.texts) {
      expect(text).toContain(t.contentHash);
      for (const line of t.markdown.split('\n').filter(Boolean)) expect(text).toContain(line);
    }
    expect(text).toContain('npx policy-versions-verify evidence.json');
    expect(text).not.toContain('\ufffd');
  });

  it('draws the Kazakh letters', async () => {
    const text = pdfText(await renderEvidencePdf(pack, report, 'kk', { compress: false }));
    for (const letter of 'әғқңөұүі') expect(text).toContain(letter);
  });

  it('reads the same text compressed, and is reproducible', async () => {
    const compressed = await renderEvidencePdf(pack, report, 'ru');
    expect(compressed.toString('latin1')).toContain('/FlateDecode');
    expect(pdfText(compressed)).toBe(pdfText(await renderEvidencePdf(pack, report, 'ru', { compress: false })));
    expect((await renderEvidencePdf(pack, report, 'ru')).equals(compressed)).toBe(true);
  });

  it('reports a tampered pack as NOT verified, with its problems', async () => {
    const tampered = tamperedPack();
    const failed = verifyEvidencePack(tampered);
    const text = pdfText(await renderEvidencePdf(tampered, failed, 'en', { compress: false }));
    expect(text).toContain('NOT VERIFIED');
    // A problem may wrap over lines; its opening words are on the first.
    for (const problem of failed.problems) expect(text).toContain(problem.split(' ').slice(0, 4).join(' '));
  });

  it('shows markup in a text as text', async () => {
    const hostile = hostilePack();
    const text = pdfText(await renderEvidencePdf(hostile, verifyEvidencePack(hostile), 'en', { compress: false }));
    expect(text).toContain('<script>alert(1)</script> "quotes" & ampersands');
    expect(text).toContain('NOT VERIFIED');
  });
});
