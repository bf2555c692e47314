'use strict';

const fs = require('fs');
const path = require('path');

const DAY_OFFSETS = { v1: -400, v2: -30, v3: 14 };
const LOCALES = ['ru', 'kk', 'en'];

const reword = (find, replacement) => ({ kind: 'reword', find, replacement });
const addAfter = (anchor, block) => ({ kind: 'addAfter', anchor, block });
const remove = (anchor) => ({ kind: 'remove', anchor });
const move = (anchor, after) => ({ kind: 'move', anchor, after });

function occurrences(haystack, needle) {
  return needle === '' ? 0 : haystack.split(needle).length - 1;
}

// A text edited without its revisions must break the plan, not quietly yield a revision identical to its source.
function fail(edit, what, needle) {
  throw new Error(`deriveRevision: ${edit.kind} expects ${what} exactly once: ${JSON.stringify(needle)}`);
}

function blockIndex(blocks, edit, anchor) {
  const hits = blocks.flatMap((block, i) => (block.includes(anchor) ? [i] : []));
  if (hits.length !== 1) fail(edit, 'a block containing the anchor', anchor);
  return hits[0];
}

function moveBlock(blocks, edit) {
  const from = blockIndex(blocks, edit, edit.anchor);
  const to = blockIndex(blocks, edit, edit.after);
  if (from === to) fail(edit, 'two different blocks, each with its anchor', [edit.anchor, edit.after]);
  const [moved] = blocks.splice(from, 1);
  // Taking the block out shifts every later block back by one.
  blocks.splice(to > from ? to : to + 1, 0, moved);
}

function applyEdit(markdown, edit) {
  if (edit.kind === 'reword') {
    if (occurrences(markdown, edit.find) !== 1) fail(edit, 'the text', edit.find);
    return markdown.replace(edit.find, () => edit.replacement);
  }
  const blocks = markdown.trim().split(/\n{2,}/);
  if (edit.kind === 'addAfter') blocks.splice(blockIndex(blocks, edit, edit.anchor) + 1, 0, edit.block);
  else if (edit.kind === 'remove') blocks.splice(blockIndex(blocks, edit, edit.anchor), 1);
  else if (edit.kind === 'move') moveBlock(blocks, edit);
  else throw new Error(`deriveRevision: unknown edit ${edit.kind}`);
  return `${blocks.join('\n\n')}\n`;
}

/** Applies edits in order; blocks are the Markdown paragraphs, headings and lists separated by blank lines. */
function deriveRevision(markdown, edits) {
  const revised = edits.reduce(applyEdit, markdown);
  if (revised === markdown) throw new Error('deriveRevision: the edits left the text unchanged');
  return revised;
}

function readFirstVersion(locale) {
  return fs.readFileSync(path.join(__dirname, 'content', `privacy-v1.${locale}.md`), 'utf8');
}

// v2, editorial: the site is named (1.3), the misprinted order of 5.3 and 5.2 is fixed, a clause on answering
// requests is added (6.3), and 9.3 goes, since acceptance by continued use contradicts the consent rules of 9.2.
const V2_EDITS = {
  ru: [
    reword('на сайте Компании.', 'на сайте Компании demo-kompania.example и его поддоменах.'),
    move('5.2. Пользователь может', '5.1. Пользователь дает'),
    addAfter(
      '6.2. Запрос направляется',
      '6.3. Компания отвечает на запрос в сроки, установленные Законом, тем же способом, которым запрос был направлен.',
    ),
    remove('9.3. Продолжение использования сайта'),
  ],
  kk: [
    reword('Компанияның сайтында', 'Компанияның demo-kompania.example сайтында және оның қосалқы домендерінде'),
    move('5.2. Пайдаланушы келісімін', '5.1. Пайдаланушы тіркелу'),
    addAfter(
      '6.2. Сұрау жазбаша түрде',
      '6.3. Компания сұрауға Заңда белгіленген мерзімде, ол қандай тәсілмен жіберілсе, сол тәсілмен жауап береді.',
    ),
    remove('9.3. Жаңа редакция жарияланғаннан кейін'),
  ],
  en: [
    reword("on the Company's website.", "on the Company's website demo-kompania.example and its subdomains."),
    move('5.2. The user may withdraw', '5.1. The user consents'),
    addAfter(
      '6.2. A request is sent',
      '6.3. The Company answers a request within the time limits set by the Law, by the same means by which the request was sent.',
    ),
    remove('9.3. Continued use of the website'),
  ],
};

// v3, material: a shorter retention period (4.2), withdrawal in the personal account (5.2), cross-border
// transfer (7.3), and the IIN is no longer asked for (2.3).
const V3_EDITS = {
  ru: [
    reword(
      'до достижения целей обработки, но не дольше трех лет после закрытия аккаунта.',
      'в течение одного года после закрытия аккаунта, после чего уничтожаются или обезличиваются.',
    ),
    reword('отозвать согласие, направив письмо', 'отозвать согласие в личном кабинете (раздел «Согласия») или направив письмо'),
    addAfter(
      '7.2. Для доставки заказа',
      '7.3. Трансграничная передача данных осуществляется, только когда она необходима для исполнения заказа пользователя: ' +
        'в государства, обеспечивающие защиту персональных данных, – в соответствии со статьей 16 Закона, ' +
        'в иные государства – только с отдельного согласия пользователя.',
    ),
    remove('2.3. Индивидуальный идентификационный номер'),
  ],
  kk: [
    reword(
      'өңдеу мақсаттарына қол жеткізілгенше, бірақ аккаунт жабылғаннан кейін үш жылдан аспайтын мерзімде сақталады.',
      'аккаунт жабылғаннан кейін бір жыл сақталады, содан соң жойылады немесе иесіздендіріледі.',
    ),
    reword(
      'уақытта privacy@demo-kompania.example мекенжайына хат жіберу арқылы',
      'уақытта жеке кабинеттегі «Келісімдер» бөлімі арқылы немесе privacy@demo-kompania.example мекенжайына хат жіберу арқылы',
    ),
    addAfter(
      '7.2. Тапсырысты жеткізу үшін',
      '7.3. Деректерді трансшекаралық беру пайдаланушының тапсырысын орындау үшін қажет болғанда ғана жүзеге асырылады: ' +
        'дербес деректердің қорғалуын қамтамасыз ететін мемлекеттерге – Заңның 16-бабына сәйкес, ' +
        'өзге мемлекеттерге – пайдаланушының жеке келісімімен ғана.',
    ),
    remove('2.3. Жеке сәйкестендіру нөмірі'),
  ],
  en: [
    reword(
      'until the purposes of processing are achieved, but for no longer than three years after the account is closed.',
      'for one year after the account is closed and is then destroyed or depersonalised.',
    ),
    reword(
      'at any time by writing to privacy@',
      'at any time in the Consents section of the personal account or by writing to privacy@',
    ),
    addAfter(
      '7.2. To deliver an order',
      "7.3. Data is transferred across borders only when this is needed to fulfil the user's order: to states that " +
        'ensure the protection of personal data, in accordance with Article 16 of the Law; to other states, only with ' +
        "the user's separate consent.",
    ),
    remove('2.3. The individual identification number'),
  ],
};

const TITLES = { ru: 'Политика конфиденциальности', kk: 'Құпиялылық саясаты', en: 'Privacy Policy' };

/** The consent terms of v1 and v2 (Law 94-V Art. 8(4)), as sections 1 to 8 of the text state them. */
const DEMO_TERMS = {
  operator: { name: 'ТОО «Демо Компания»', bin: '000000000000' },
  dataCategories: [
    'Фамилия, имя',
    'Номер телефона',
    'Адрес электронной почты',
    'Адрес доставки',
    'История заказов',
    'ИИН',
    'IP-адрес, тип браузера и устройства, файлы cookie',
  ],
  purposes: [
    {
      id: 'orders',
      required: true,
      title: {
        ru: 'Регистрация, исполнение и доставка заказов',
        kk: 'Тіркеу, тапсырыстарды орындау және жеткізу',
        en: 'Registration, fulfilment and delivery of orders',
      },
    },
    {
      id: 'analytics',
      required: false,
      title: { ru: 'Анализ и улучшение работы сайта', kk: 'Сайттың жұмысын талдау және жақсарту', en: 'Analysing and improving the website' },
    },
    {
      id: 'marketing',
      required: false,
      title: { ru: 'Рекламные сообщения', kk: 'Жарнамалық хабарламалар', en: 'Marketing messages' },
    },
  ],
  term: 'until-withdrawn',
  thirdParties: [{ name: 'Курьерская служба доставки заказов', country: 'KZ' }],
  crossBorder: [],
  publicSources: false,
  storageLocation: 'KZ',
  contact: 'privacy@demo-kompania.example, г. Алматы, ул. Гаухар, 1',
};

// v3's terms differ materially, as its text does: the IIN is no longer collected (2.3) and data may cross the
// border to fulfil an order (7.3), which the publish dialog lists as the reasons the version must be material.
const V3_TERMS = {
  ...DEMO_TERMS,
  dataCategories: DEMO_TERMS.dataCategories.filter((category) => category !== 'ИИН'),
  crossBorder: ['RU'],
};

const SUMMARIES = {
  v1: {
    ru: 'Первая опубликованная редакция.',
    kk: 'Алғашқы жарияланған редакция.',
    en: 'First published version.',
  },
  v2: {
    ru:
      'Редакционные правки: в п. 1.3 указан адрес сайта, п. 5.2 перенесен на свое место перед п. 5.3, ' +
      'добавлен п. 6.3 о том, как Компания отвечает на запросы, исключен п. 9.3 о принятии Политики продолжением использования сайта.',
    kk:
      'Редакциялық түзетулер: 1.3-тармақта сайттың мекенжайы көрсетілді, 5.2-тармақ өз орнына, 5.3-тармақтың алдына ауыстырылды, ' +
      'Компанияның сұрауларға қалай жауап беретіні туралы 6.3-тармақ қосылды, сайтты пайдалануды жалғастыру Саясатты ' +
      'қабылдау болып саналатыны туралы 9.3-тармақ алынып тасталды.',
    en:
      'Editorial changes: clause 1.3 names the website, clause 5.2 moved to its place before clause 5.3, clause 6.3 on how ' +
      'the Company answers requests added, clause 9.3 on acceptance by continued use of the website removed.',
  },
  v3: {
    ru:
      'Существенные изменения: срок хранения данных сокращен до одного года после закрытия аккаунта (п. 4.2), ' +
      'согласие можно отозвать и в личном кабинете (п. 5.2), добавлен п. 7.3 о трансграничной передаче, исключен п. 2.3 об ИИН.',
    kk:
      'Елеулі өзгерістер: деректерді сақтау мерзімі аккаунт жабылғаннан кейін бір жылға дейін қысқартылды (4.2-тармақ), ' +
      'келісімді жеке кабинет арқылы да кері қайтарып алуға болады (5.2-тармақ), трансшекаралық беру туралы 7.3-тармақ қосылды, ' +
      'ЖСН туралы 2.3-тармақ алынып тасталды.',
    en:
      'Material changes: the retention period is cut to one year after the account is closed (clause 4.2), consent can also ' +
      'be withdrawn in the personal account (clause 5.2), clause 7.3 on cross-border transfer added, clause 2.3 on the IIN removed.',
  },
};

function localesOf(label, bodies) {
  return Object.fromEntries(
    LOCALES.map((locale) => [locale, { title: TITLES[locale], body: bodies[locale], changeSummary: SUMMARIES[label][locale] }]),
  );
}

/**
 * The demo plan: one privacy policy with a superseded, a current and a scheduled material version, each in
 * ru, kk and en with its consent terms. v1 is read by readV1(locale), the repository's own texts by default; v2 and v3 derive from it.
 */
function demoPolicy(readV1 = readFirstVersion) {
  const v1 = Object.fromEntries(LOCALES.map((locale) => [locale, readV1(locale)]));
  const v2 = Object.fromEntries(LOCALES.map((locale) => [locale, deriveRevision(v1[locale], V2_EDITS[locale])]));
  const v3 = Object.fromEntries(LOCALES.map((locale) => [locale, deriveRevision(v2[locale], V3_EDITS[locale])]));

  return {
    key: 'privacy',
    titles: TITLES,
    versions: [
      { label: 'v1', material: false, effectiveOffsetDays: DAY_OFFSETS.v1, locales: localesOf('v1', v1), consent: DEMO_TERMS },
      { label: 'v2', material: false, effectiveOffsetDays: DAY_OFFSETS.v2, locales: localesOf('v2', v2), consent: DEMO_TERMS },
      { label: 'v3', material: true, effectiveOffsetDays: DAY_OFFSETS.v3, locales: localesOf('v3', v3), consent: V3_TERMS },
    ],
  };
}

module.exports = { deriveRevision, reword, addAfter, remove, move, demoPolicy, DEMO_TERMS };
