import PDFDocument from 'pdfkit';
import { escapeHtml } from '../diff/html';
import { ERASED_PREFIX } from '../ledger/chain';
import type { EvidencePack, PackCheckpoint, PackEntry } from './pack';
import type { PackReport } from './pack-verify';
import { REPORT_TEXTS, type ReportLocale, type ReportTexts } from './report-texts';

/*
 * The readable report of an evidence pack, for a court or the regulator: what the pack holds and what the verifier
 * established, as one self-contained HTML document or a PDF. Both are drawn from one model (buildModel) so they say
 * the same. The pack's contents come from users and the operator, so the report never trusts them: in HTML every
 * value is escaped and nothing is executable; it renders whatever pack it is given, the verdict says whether it holds.
 */

export type { ReportLocale };

interface Field {
  label: string;
  value: string;
  /** Hashes, keys and identifiers: monospaced, and may break anywhere. */
  mono?: boolean;
}

interface Cell {
  text: string;
  mono?: boolean;
}

type Block =
  | { kind: 'verdict'; ok: boolean; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'subheading'; text: string }
  | { kind: 'fields'; fields: Field[] }
  /** Rows whose first two cells name the row (entry number, event); the PDF lays the others out under them. */
  | { kind: 'table'; columns: string[]; rows: Cell[][] }
  | { kind: 'pre'; text: string; lang?: string }
  | { kind: 'code'; text: string }
  | { kind: 'list'; items: string[]; lang?: string };

interface Section {
  id: string;
  heading: string;
  blocks: Block[];
}

interface ReportModel {
  lang: ReportLocale;
  title: string;
  intro: string;
  header: Field[];
  sections: Section[];
  footer: string;
}

const DASH = '—';
const VERIFY_COMMAND = 'npx policy-versions-verify evidence.json';

const formatters = new Map<ReportLocale, Intl.DateTimeFormat>();

/** The date in the report's language, in UTC, followed by the ISO value it was read from. */
function formatDate(iso: string, locale: ReportLocale): string {
  const date = new Date(iso);
  // The pack is input: a value that is not a date is shown as it is rather than failing the report.
  if (Number.isNaN(date.getTime())) return iso;
  let formatter = formatters.get(locale);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'long', timeZone: 'UTC' });
    formatters.set(locale, formatter);
  }
  return `${formatter.format(date)} (${iso})`;
}

const orDash = (value: string | number | null | undefined) => (value === null || value === undefined || value === '' ? DASH : String(value));

function checkpointFields(c: PackCheckpoint, t: ReportTexts, locale: ReportLocale): Field[] {
  const fields: Field[] = [
    { label: t.log.treeSize, value: String(c.treeSize) },
    { label: t.log.rootHash, value: c.rootHash, mono: true },
    { label: t.log.signedAt, value: formatDate(c.signedAt, locale) },
  ];
  if (c.timestamp) {
    fields.push(
      { label: t.log.tsa, value: c.timestamp.tsa, mono: true },
      { label: t.log.genTime, value: formatDate(c.timestamp.genTime, locale) }
    );
  } else {
    fields.push({ label: t.log.tsa, value: t.log.noTimestamp });
  }
  return fields;
}

function receiptCell(entry: PackEntry, t: ReportTexts): string {
  if (entry.receiptJws !== null) return t.records.yes;
  return entry.record.subject === null ? t.records.notApplicable : t.records.no;
}

function buildModel(pack: EvidencePack, report: PackReport, locale: ReportLocale): ReportModel {
  const t = REPORT_TEXTS[locale];
  const date = (iso: string) => formatDate(iso, locale);
  const { controller } = pack;
  const erased = pack.subject.startsWith(ERASED_PREFIX);
  const subjectRecords = pack.entries.filter((e) => e.record.subject !== null).length;
  const publications = pack.entries.filter((e) => e.record.subject === null && e.record.event === 'published').length;

  const header: Field[] = [
    { label: t.header.subject, value: erased ? `${pack.subject} (${t.header.erasedSubject})` : pack.subject, mono: true },
    { label: t.header.generatedAt, value: date(pack.generatedAt) },
    { label: t.header.operator, value: controller.name },
    { label: t.header.operatorContact, value: controller.contact },
    { label: t.header.operatorCountry, value: controller.country },
    ...(controller.address ? [{ label: t.header.operatorAddress, value: controller.address }] : []),
    { label: t.header.format, value: pack.format, mono: true },
  ];

  const summary: Section = {
    id: 'summary',
    heading: t.summary.heading,
    blocks: [
      { kind: 'verdict', ok: report.ok, text: report.ok ? t.summary.verified : t.summary.notVerified(report.problems.length) },
      { kind: 'paragraph', text: report.ok ? t.summary.explainVerified : t.summary.explainNotVerified },
      {
        kind: 'fields',
        fields: [
          { label: t.summary.subjectRecords, value: String(subjectRecords) },
          { label: t.summary.publications, value: String(publications) },
          { label: t.summary.texts, value: String(pack.texts.length) },
          { label: t.summary.treeSize, value: String(pack.checkpoint.treeSize) },
          { label: t.summary.proves, value: String(report.proves.length) },
          { label: t.summary.problems, value: String(report.problems.length) },
          { label: t.summary.notes, value: String(report.notes.length) },
        ],
      },
    ],
  };

  const r = t.records;
  const records: Section = {
    id: 'records',
    heading: r.heading,
    blocks: [
      { kind: 'paragraph', text: r.intro },
      {
        kind: 'table',
        columns: [r.index, r.event, r.policy, r.version, r.locale, r.recordedAt, r.hash, r.source, r.receipt, r.id],
        rows: pack.entries.map((entry) => {
          const { record } = entry;
          return [
            { text: String(record.seq - 1) },
            // An unverified pack may carry an event this version does not know: it is shown as written.
            { text: t.events[record.event] ?? record.event },
            { text: orDash(record.policy), mono: true },
            { text: orDash(record.version) },
            { text: orDash(record.locale) },
            { text: date(record.recordedAt) },
            { text: record.hash, mono: true },
            { text: orDash(record.source) },
            { text: receiptCell(entry, t) },
            { text: record.id, mono: true },
          ];
        }),
      },
    ],
  };

  const texts: Section = {
    id: 'texts',
    heading: t.texts.heading,
    blocks: [
      { kind: 'paragraph', text: t.texts.intro },
      ...pack.texts.flatMap((text): Block[] => [
        { kind: 'subheading', text: text.title },
        {
          kind: 'fields',
          fields: [
            { label: r.policy, value: text.policy, mono: true },
            { label: r.version, value: String(text.version) },
            { label: r.locale, value: text.locale },
            { label: t.texts.contentHash, value: text.contentHash, mono: true },
            { label: t.texts.effectiveAt, value: date(text.effectiveAt) },
          ],
        },
        { kind: 'paragraph', text: t.texts.markdown },
        { kind: 'pre', text: text.markdown, lang: text.locale },
      ]),
    ],
  };

  const keyDates = (key: EvidencePack['log']['keys'][number]) =>
    [key.createdAt && `${t.log.keyCreated} ${date(key.createdAt)}`, key.retiredAt && `${t.log.keyRetired} ${date(key.retiredAt)}`]
      .filter(Boolean)
      .join('; ');
  const log: Section = {
    id: 'log',
    heading: t.log.heading,
    blocks: [
      { kind: 'paragraph', text: t.log.intro },
      { kind: 'fields', fields: [{ label: t.log.origin, value: pack.log.origin, mono: true }] },
      { kind: 'subheading', text: t.log.checkpoint },
      { kind: 'fields', fields: checkpointFields(pack.checkpoint, t, locale) },
      { kind: 'subheading', text: t.log.earlier },
      ...(pack.earlierCheckpoints.length === 0
        ? [{ kind: 'paragraph' as const, text: t.none }]
        : pack.earlierCheckpoints.map((c): Block => ({
            kind: 'fields',
            fields: [...checkpointFields(c, t, locale), { label: t.log.consistency, value: String(c.consistency.length) }],
          }))),
      { kind: 'subheading', text: t.log.keys },
      {
        kind: 'fields',
        fields: [
          ...pack.log.verifierKeys.map((key) => ({ label: t.log.noteKey, value: key, mono: true })),
          ...pack.log.keys.map((key) => {
            const dates = keyDates(key);
            return { label: t.log.jwk, value: dates ? `${key.kid} (${dates})` : key.kid, mono: true };
          }),
        ],
      },
    ],
  };

  const findingList = (items: string[]): Block =>
    items.length === 0 ? { kind: 'paragraph', text: t.none } : { kind: 'list', items, lang: 'en' };
  const findings: Section = {
    id: 'findings',
    heading: t.findings.heading,
    blocks: [
      { kind: 'paragraph', text: t.findings.inEnglish },
      { kind: 'fields', fields: [{ label: t.findings.summary, value: report.summary }] },
      { kind: 'subheading', text: t.findings.problems },
      findingList(report.problems),
      { kind: 'subheading', text: t.findings.proves },
      findingList(report.proves),
      { kind: 'subheading', text: t.findings.notes },
      findingList(report.notes),
    ],
  };

  const howTo: Section = {
    id: 'how-to-check',
    heading: t.howTo.heading,
    blocks: [
      { kind: 'paragraph', text: t.howTo.run },
      { kind: 'code', text: VERIFY_COMMAND },
      { kind: 'paragraph', text: t.howTo.elsewhere },
      { kind: 'code', text: 'npx --package strapi-plugin-policy-versions policy-versions-verify evidence.json' },
      { kind: 'paragraph', text: t.howTo.withKeys },
      { kind: 'code', text: `${VERIFY_COMMAND} --key '<name>+<key ID>+<base64>'` },
      { kind: 'paragraph', text: t.howTo.exitStatus },
      { kind: 'paragraph', text: t.howTo.receipts },
      { kind: 'paragraph', text: t.howTo.textHash },
    ],
  };

  return {
    lang: locale,
    title: t.title,
    intro: t.intro,
    header,
    sections: [summary, records, texts, log, findings, howTo],
    footer: t.authoritative,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// HTML

const CSS = `
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 11pt; line-height: 1.4; margin: 2em auto; max-width: 60em; padding: 0 1em; color: #000; }
h1 { font-size: 1.6em; } h2 { font-size: 1.25em; border-bottom: 1px solid #888; margin-top: 1.6em; } h3 { font-size: 1.05em; }
table { border-collapse: collapse; width: 100%; margin: .5em 0; }
th, td { border: 1px solid #aaa; padding: .2em .4em; text-align: left; vertical-align: top; }
table.fields th { width: 14em; }
table.records { font-size: .8em; }
.mono, pre, code { font-family: "DejaVu Sans Mono", monospace; word-break: break-all; }
pre { white-space: pre-wrap; border: 1px solid #aaa; padding: .6em; background: #f6f6f6; }
.verdict { border: 2px solid; padding: .6em; font-weight: bold; }
.verdict.ok { border-color: #176117; } .verdict.failed { border-color: #a00; color: #a00; }
footer { margin-top: 2em; font-size: .9em; }
@media print { body { margin: 0; max-width: none; } h2, h3 { break-after: avoid; } tr, .verdict { break-inside: avoid; } pre { background: none; } }
`;

const monoClass = (mono: boolean | undefined) => (mono ? ' class="mono"' : '');
const langAttr = (lang: string | undefined) => (lang ? ` lang="${escapeHtml(lang)}"` : '');

const htmlFields = (fields: Field[]) =>
  `<table class="fields">\n${fields
    .map((f) => `<tr><th scope="row">${escapeHtml(f.label)}</th><td${monoClass(f.mono)}>${escapeHtml(f.value)}</td></tr>`)
    .join('\n')}\n</table>`;

function htmlBlock(block: Block): string {
  switch (block.kind) {
    case 'verdict':
      return `<p class="verdict ${block.ok ? 'ok' : 'failed'}">${escapeHtml(block.text)}</p>`;
    case 'paragraph':
      return `<p>${escapeHtml(block.text)}</p>`;
    case 'subheading':
      return `<h3>${escapeHtml(block.text)}</h3>`;
    case 'fields':
      return htmlFields(block.fields);
    case 'table': {
      const head = block.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('');
      const rows = block.rows.map((row) => `<tr>${row.map((c) => `<td${monoClass(c.mono)}>${escapeHtml(c.text)}</td>`).join('')}</tr>`);
      return `<table class="records">\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
    }
    case 'pre':
      return `<pre${langAttr(block.lang)}>${escapeHtml(block.text)}</pre>`;
    case 'code':
      return `<pre><code>${escapeHtml(block.text)}</code></pre>`;
    case 'list':
      return `<ul${langAttr(block.lang)}>\n${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('\n')}\n</ul>`;
  }
}

/** The report as one self-contained HTML5 document: no script, no external resources, a print-friendly style. */
export function renderEvidenceHtml(pack: EvidencePack, report: PackReport, locale: ReportLocale): string {
  const model = buildModel(pack, report, locale);
  const sections = model.sections.map(
    (s) => `<section id="${s.id}">\n<h2>${escapeHtml(s.heading)}</h2>\n${s.blocks.map(htmlBlock).join('\n')}\n</section>`
  );
  return `<!DOCTYPE html>
<html lang="${model.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(`${model.title} — ${pack.subject}`)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${escapeHtml(model.title)}</h1>
<p>${escapeHtml(model.intro)}</p>
${htmlFields(model.header)}
</header>
${sections.join('\n')}
<footer><p>${escapeHtml(model.footer)}</p></footer>
</body>
</html>
`;
}

// ---------------------------------------------------------------------------------------------------------------
// PDF

// The standard PDF fonts have no Cyrillic, let alone ә ғ қ ң ө ұ ү һ і: DejaVu has them all.
const FONTS = {
  sans: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
  mono: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansMono.ttf'),
};
type FontName = keyof typeof FONTS;

const SIZE = { title: 16, heading: 13, subheading: 11, body: 9.5, mono: 7.5, pre: 8, footer: 7.5 };
const MARGIN = 50;
const LABEL_WIDTH = 150;
const GAP = 4;

export interface PdfOptions {
  /** Deflate the content streams (pdfkit's default); off, the PDF can be read as text. */
  compress?: boolean;
}

class PdfWriter {
  constructor(private readonly doc: PDFKit.PDFDocument) {}

  private get width() {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  private get bottom() {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  private use(font: FontName, size: number) {
    return this.doc.font(font).fontSize(size);
  }

  /** Starts a new page unless `height` fits on this one, so a heading or a field is not cut from what follows. */
  private keep(height: number) {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  private text(text: string, font: FontName, size: number, options: PDFKit.Mixins.TextOptions = {}) {
    this.use(font, size).text(text, this.doc.page.margins.left, this.doc.y, { width: this.width, ...options });
  }

  title(text: string) {
    this.text(text, 'bold', SIZE.title);
    this.doc.moveDown(0.5);
  }

  heading(text: string) {
    this.doc.moveDown(0.8);
    this.keep(60);
    this.text(text, 'bold', SIZE.heading);
    const y = this.doc.y + 1;
    this.doc.moveTo(this.doc.page.margins.left, y).lineTo(this.doc.page.margins.left + this.width, y).lineWidth(0.5).stroke();
    this.doc.moveDown(0.5);
  }

  subheading(text: string) {
    this.doc.moveDown(0.4);
    this.keep(40);
    this.text(text, 'bold', SIZE.subheading);
    this.doc.moveDown(0.2);
  }

  paragraph(text: string) {
    this.text(text, 'sans', SIZE.body);
    this.doc.moveDown(0.4);
  }

  verdict(ok: boolean, text: string) {
    const color = ok ? '#176117' : '#aa0000';
    const x = this.doc.page.margins.left;
    const inner = this.width - 12;
    const height = this.use('bold', SIZE.subheading).heightOfString(text, { width: inner }) + 12;
    this.keep(height);
    const y = this.doc.y;
    this.doc.rect(x, y, this.width, height).lineWidth(1.5).strokeColor(color).stroke().strokeColor('black');
    this.use('bold', SIZE.subheading).fillColor(color).text(text, x + 6, y + 6, { width: inner }).fillColor('black');
    this.doc.x = x;
    this.doc.y = y + height;
    this.doc.moveDown(0.5);
  }

  /** Label and value side by side; a value taller than a page flows on, the others stay whole. */
  fields(fields: Field[]) {
    const left = this.doc.page.margins.left;
    const valueX = left + LABEL_WIDTH + GAP;
    const valueWidth = this.width - LABEL_WIDTH - GAP;
    for (const field of fields) {
      const [font, size]: [FontName, number] = field.mono ? ['mono', SIZE.mono] : ['sans', SIZE.body];
      const height = Math.max(
        this.use('bold', SIZE.body).heightOfString(field.label, { width: LABEL_WIDTH }),
        this.use(font, size).heightOfString(field.value, { width: valueWidth })
      );
      this.keep(Math.min(height, 120));
      const { page, y } = this.doc;
      this.use('bold', SIZE.body).text(field.label, left, y, { width: LABEL_WIDTH });
      const afterLabel = this.doc.y;
      this.use(font, size).text(field.value, valueX, y + (field.mono ? 1 : 0), { width: valueWidth });
      // A value that flowed onto a new page ends where it ends; otherwise the taller of label and value does.
      if (this.doc.page === page) this.doc.y = Math.max(this.doc.y, afterLabel);
      this.doc.y += GAP / 2;
    }
    this.doc.x = left;
    this.doc.moveDown(0.3);
  }

  table(columns: string[], rows: Cell[][]) {
    for (const row of rows) {
      this.keep(90);
      this.text(`${columns[0]} ${row[0].text} · ${row[1].text}`, 'bold', SIZE.body);
      this.doc.moveDown(0.15);
      this.fields(columns.slice(2).map((label, i) => ({ label, value: row[i + 2].text, mono: row[i + 2].mono })));
    }
  }

  pre(text: string) {
    this.text(text, 'mono', SIZE.pre, { indent: 0 });
    this.doc.moveDown(0.5);
  }

  list(items: string[]) {
    for (const item of items) {
      this.text(`• ${item}`, 'sans', SIZE.body);
      this.doc.moveDown(0.2);
    }
    this.doc.moveDown(0.3);
  }

  block(block: Block) {
    switch (block.kind) {
      case 'verdict':
        return this.verdict(block.ok, block.text);
      case 'paragraph':
        return this.paragraph(block.text);
      case 'subheading':
        return this.subheading(block.text);
      case 'fields':
        return this.fields(block.fields);
      case 'table':
        return this.table(block.columns, block.rows);
      case 'pre':
      case 'code':
        return this.pre(block.text);
      case 'list':
        return this.list(block.items);
    }
  }

  /** "subject · page i of n" at the foot of every page, so a loose page can be put back. */
  footers(subject: string, page: (page: number, pages: number) => string) {
    const { start, count } = this.doc.bufferedPageRange();
    for (let i = start; i < start + count; i += 1) {
      this.doc.switchToPage(i);
      const bottom = this.doc.page.margins.bottom;
      // Writing below the bottom margin would otherwise start a new page.
      this.doc.page.margins.bottom = 0;
      this.use('sans', SIZE.footer).text(`${subject} · ${page(i + 1 - start, count)}`, this.doc.page.margins.left, this.doc.page.height - MARGIN / 2 - SIZE.footer, {
        width: this.width,
        align: 'center',
        lineBreak: false,
      });
      this.doc.page.margins.bottom = bottom;
    }
  }
}

/** The report as a PDF (A4, DejaVu fonts embedded); reproducible: its dates come from the pack, not the clock. */
export function renderEvidencePdf(
  pack: EvidencePack,
  report: PackReport,
  locale: ReportLocale,
  options: PdfOptions = {}
): Promise<Buffer> {
  const model = buildModel(pack, report, locale);
  const t = REPORT_TEXTS[locale];
  const created = new Date(pack.generatedAt);
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    compress: options.compress ?? true,
    bufferPages: true,
    // The default font would be Helvetica, embedded for nothing.
    font: FONTS.sans,
    lang: locale,
    displayTitle: true,
    info: {
      Title: model.title,
      Subject: `${pack.subject} — ${pack.log.origin}`,
      Author: pack.controller.name,
      Creator: 'strapi-plugin-policy-versions',
      ...(Number.isNaN(created.getTime()) ? {} : { CreationDate: created }),
    },
  });
  for (const [name, path] of Object.entries(FONTS)) doc.registerFont(name, path);

  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const pdf = new PdfWriter(doc);
  pdf.title(model.title);
  pdf.paragraph(model.intro);
  pdf.fields(model.header);
  for (const section of model.sections) {
    pdf.heading(section.heading);
    section.blocks.forEach((block) => pdf.block(block));
  }
  pdf.paragraph(model.footer);
  pdf.footers(pack.subject, t.page);
  doc.end();
  return done;
}
