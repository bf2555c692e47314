'use strict';

const fs = require('fs');
const path = require('path');

const DAY_OFFSETS = { v1: -400, v2: -30, v3: 14 };

const reword = (find, replacement) => ({ kind: 'reword', find, replacement });
const addAfter = (anchor, block) => ({ kind: 'addAfter', anchor, block });
const remove = (anchor) => ({ kind: 'remove', anchor });

function occurrences(haystack, needle) {
  return needle === '' ? 0 : haystack.split(needle).length - 1;
}

// A fixture that changed upstream must break the demo, not quietly yield a revision identical to its source.
function fail(edit, what) {
  throw new Error(`deriveRevision: ${edit.kind} expects ${what} exactly once: ${JSON.stringify(edit.find ?? edit.anchor)}`);
}

function blockIndex(blocks, edit) {
  const hits = blocks.flatMap((block, i) => (block.includes(edit.anchor) ? [i] : []));
  if (hits.length !== 1) fail(edit, 'a block containing the anchor');
  return hits[0];
}

function applyEdit(markdown, edit) {
  if (edit.kind === 'reword') {
    if (occurrences(markdown, edit.find) !== 1) fail(edit, 'the text');
    return markdown.replace(edit.find, () => edit.replacement);
  }
  const blocks = markdown.trim().split(/\n{2,}/);
  const at = blockIndex(blocks, edit);
  if (edit.kind === 'addAfter') blocks.splice(at + 1, 0, edit.block);
  else if (edit.kind === 'remove') blocks.splice(at, 1);
  else throw new Error(`deriveRevision: unknown edit ${edit.kind}`);
  return `${blocks.join('\n\n')}\n`;
}

/** Applies edits in order; blocks are the Markdown paragraphs, headings and lists separated by blank lines. */
function deriveRevision(markdown, edits) {
  const revised = edits.reduce(applyEdit, markdown);
  if (revised === markdown) throw new Error('deriveRevision: the edits left the text unchanged');
  return revised;
}

function readKazakh(name) {
  return fs.readFileSync(path.join(__dirname, 'kk', name), 'utf8');
}

const RU_V2 = [
  reword(
    '2.3.Настоящая Политика конфиденциальности применяется только к сайту.',
    '2.3. Настоящая Политика конфиденциальности применяется только к сайту reco.kz и его поддоменам.',
  ),
  // The published text numbers two clauses 2.4.; the revision fixes it.
  reword('2.4. Администрация сайта не проверяет', '2.5. Администрация сайта не проверяет'),
  remove('3.6. Вся информация собирается в формате «как есть»'),
  addAfter(
    '9.3. Все предложения или вопросы',
    '9.4. Дата вступления в силу действующей редакции Политики конфиденциальности указывается в ее начале.',
  ),
];

const EN_V2 = [
  // The template still named another site in clause 3.2.
  reword('filling out the registration form on sultandent.kz', 'filling out the registration form on ecooptimum.kz'),
  remove("4.1.6. Carrying out advertising activities with the User's consent."),
  addAfter(
    '6.3. The current Privacy Policy is posted',
    '6.4. The date on which the current version of the Privacy Policy takes effect is shown at its beginning.',
  ),
];

const RU_V3 = [
  reword(
    '5.1. Обработка персональных данных Пользователя осуществляется без ограничения срока,',
    '5.1. Обработка персональных данных Пользователя осуществляется до достижения целей обработки, но не дольше трех лет с момента последнего посещения сайта Пользователем,',
  ),
  addAfter(
    '5.5. Администрация сайта совместно с Пользователем',
    '5.6. Персональные данные хранятся в базе данных, расположенной на территории Республики Казахстан. ' +
      'Трансграничная передача персональных данных осуществляется только в государства, обеспечивающие их защиту, ' +
      'а в иные государства – лишь с согласия Пользователя, в соответствии со статьей 16 Закона Республики Казахстан ' +
      '«О персональных данных и их защите».',
  ),
  remove('4.1.8. Осуществления рекламной деятельности с согласия Пользователя.'),
];

const EN_V3 = [
  reword(
    "5.1. The processing of the User's personal data is carried out without a time limit,",
    "5.1. The processing of the User's personal data is carried out until its purposes are achieved, but for no longer than three years after the User's last visit to the site,",
  ),
  addAfter(
    '5.5. The Site Administration, together with the User',
    '5.6. Personal data is stored in a database located in the Republic of Kazakhstan. ' +
      'Cross-border transfer of personal data is made only to states that ensure its protection, and to other states ' +
      'only with the User\'s consent, in accordance with Article 16 of the Law of the Republic of Kazakhstan ' +
      '"On Personal Data and Their Protection".',
  ),
  remove('3.3.2. The Site Administration collects statistics on the IP addresses of its visitors.'),
];

/**
 * The demo plan: one privacy policy with a superseded, a current and a scheduled material version.
 * readFixture(name) returns a fixture from the shared fixtures folder already converted to Markdown.
 */
function demoPolicy(readFixture) {
  const ruV1 = readFixture('ru-reco-kz.txt');
  const enV1 = readFixture('en-ecooptimum-kz.txt');
  const ruV2 = deriveRevision(ruV1, RU_V2);
  const enV2 = deriveRevision(enV1, EN_V2);

  return {
    key: 'privacy',
    titles: { ru: 'Политика конфиденциальности', kk: 'Құпиялылық саясаты', en: 'Privacy Policy' },
    versions: [
      {
        label: 'v1',
        material: false,
        effectiveOffsetDays: DAY_OFFSETS.v1,
        locales: {
          ru: {
            title: 'Политика конфиденциальности персональных данных',
            body: ruV1,
            changeSummary: 'Первая опубликованная редакция.',
          },
          en: { title: 'Personal Data Processing Policy', body: enV1, changeSummary: 'First published version.' },
        },
      },
      {
        label: 'v2',
        material: false,
        effectiveOffsetDays: DAY_OFFSETS.v2,
        locales: {
          ru: {
            title: 'Политика конфиденциальности',
            body: ruV2,
            changeSummary:
              'Уточнена сфера действия (п. 2.3), исправлена нумерация п. 2.5, удален п. 3.6, добавлен п. 9.4 о дате вступления в силу.',
          },
          en: {
            title: 'Privacy Policy',
            body: enV2,
            changeSummary:
              'Clause 3.2 names the right site, clause 4.1.6 on advertising removed, clause 6.4 on the effective date added.',
          },
          kk: {
            title: 'Құпиялылық саясаты',
            body: readKazakh('privacy-v2.md'),
            changeSummary: 'Саясаттың қазақ тіліндегі алғашқы редакциясы.',
          },
        },
      },
      {
        label: 'v3',
        material: true,
        effectiveOffsetDays: DAY_OFFSETS.v3,
        locales: {
          ru: {
            title: 'Политика конфиденциальности',
            body: deriveRevision(ruV2, RU_V3),
            changeSummary:
              'Установлен срок хранения данных (п. 5.1), добавлен п. 5.6 о хранении в Казахстане и трансграничной передаче, удален п. 4.1.8 о рекламе.',
          },
          en: {
            title: 'Privacy Policy',
            body: deriveRevision(enV2, EN_V3),
            changeSummary:
              'Retention period set (clause 5.1), clause 5.6 on storage in Kazakhstan and cross-border transfer added, clause 3.3.2 on IP statistics removed.',
          },
          kk: {
            title: 'Құпиялылық саясаты',
            body: readKazakh('privacy-v3.md'),
            changeSummary:
              'Сақтау мерзімі өзгертілді (4.2-тармақ), келісімді жеке кабинет арқылы қайтарып алуға болады (5.2-тармақ), ' +
              'трансшекаралық беру туралы 7.2-тармақ қосылды, ЖСН туралы 2.2-тармақ алынып тасталды.',
          },
        },
      },
    ],
  };
}

module.exports = { deriveRevision, reword, addAfter, remove, demoPolicy };
