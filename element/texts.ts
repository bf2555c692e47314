/** The element's own words, in the reader's language (the locale chosen, which is also the text's). */
export type UiLocale = 'ru' | 'kk' | 'en';

export const UI_LOCALES: readonly UiLocale[] = ['kk', 'ru', 'en'];

/** Each language named in itself, so a reader finds theirs whatever the page is in. */
export const LANGUAGE_NAMES: Record<UiLocale, string> = { kk: 'Қазақша', ru: 'Русский', en: 'English' };

/** `ru`, `kk`, `en`, `kz` (the country code, often used for Kazakh) and regional tags such as ru-KZ; else null. */
export function uiLocale(tag: string | null | undefined): UiLocale | null {
  const base = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  if (base === 'kz') return 'kk';
  return base === 'ru' || base === 'kk' || base === 'en' ? base : null;
}

export interface Texts {
  language: string;
  textRegion: string;
  accept: string;
  accepting: string;
  later: string;
  read: string;
  retry: string;
  required: string;
  purposes: string;
  diff: string;
  intro: Record<'never-accepted' | 'material-change' | 'withdrawn', string>;
  early: (date: string) => string;
  changed: string;
  fallback: string;
  meta: (version: number, date: string) => string;
  pending: (date: string) => string;
  loading: string;
  accepted: string;
  error: (status: number) => string;
}

export const TEXTS: Record<UiLocale, Texts> = {
  ru: {
    language: 'Язык',
    textRegion: 'Текст документа',
    accept: 'Принимаю',
    accepting: 'Сохраняем…',
    later: 'Позже',
    read: 'Прочитать',
    retry: 'Повторить',
    required: 'обязательно',
    purposes: 'Цели обработки',
    diff: 'Что изменилось',
    intro: {
      'never-accepted': 'Чтобы продолжить, ознакомьтесь с документом и примите его.',
      'material-change': 'Документ существенно изменился. Ознакомьтесь с изменениями и примите новую редакцию.',
      withdrawn: 'Вы отозвали согласие. Чтобы продолжить, примите документ снова.',
    },
    early: (date) => `Эта редакция вступает в силу ${date}. Её можно принять заранее.`,
    changed: 'Пока вы читали, документ изменился. Прочитайте новую редакцию и примите её.',
    fallback: 'Этого текста нет на выбранном языке: показана другая языковая версия.',
    meta: (version, date) => `Редакция ${version}, действует с ${date}`,
    pending: (date) => `С ${date} действует новая редакция политики. Её нужно будет принять.`,
    loading: 'Загрузка…',
    accepted: 'Согласие записано.',
    error: (status) => (status === 0 ? 'Не удалось связаться с сервером.' : `Запрос не выполнен (код ${status}).`),
  },
  kk: {
    language: 'Тіл',
    textRegion: 'Құжат мәтіні',
    accept: 'Қабылдаймын',
    accepting: 'Сақталуда…',
    later: 'Кейінірек',
    read: 'Оқу',
    retry: 'Қайталау',
    required: 'міндетті',
    purposes: 'Өңдеу мақсаттары',
    diff: 'Не өзгерді',
    intro: {
      'never-accepted': 'Жалғастыру үшін құжатпен танысып, оны қабылдаңыз.',
      'material-change': 'Құжат елеулі түрде өзгерді. Өзгерістермен танысып, жаңа редакцияны қабылдаңыз.',
      withdrawn: 'Сіз келісіміңізді кері қайтарып алдыңыз. Жалғастыру үшін құжатты қайта қабылдаңыз.',
    },
    early: (date) => `Бұл редакция ${date} бастап күшіне енеді. Оны алдын ала қабылдауға болады.`,
    changed: 'Сіз оқып отырғанда құжат өзгерді. Жаңа редакцияны оқып, қабылдаңыз.',
    fallback: 'Бұл мәтін таңдалған тілде жоқ: басқа тілдегі нұсқасы көрсетілген.',
    meta: (version, date) => `${version}-редакция, ${date} бастап күшінде`,
    pending: (date) => `${date} бастап саясаттың жаңа редакциясы күшіне енеді. Оны қабылдау қажет болады.`,
    loading: 'Жүктелуде…',
    accepted: 'Келісім тіркелді.',
    error: (status) => (status === 0 ? 'Серверге қосылу мүмкін болмады.' : `Сұрау орындалмады (код ${status}).`),
  },
  en: {
    language: 'Language',
    textRegion: 'Policy text',
    accept: 'I accept',
    accepting: 'Saving…',
    later: 'Later',
    read: 'Read',
    retry: 'Try again',
    required: 'required',
    purposes: 'Purposes of processing',
    diff: 'What changed',
    intro: {
      'never-accepted': 'To continue, read the policy and accept it.',
      'material-change': 'The policy has changed materially. Read what changed and accept the new version.',
      withdrawn: 'You withdrew your consent. To continue, accept the policy again.',
    },
    early: (date) => `This version applies from ${date}. You can accept it ahead of that date.`,
    changed: 'The policy changed while you were reading it. Read the new version and accept it.',
    fallback: 'This text is not available in the chosen language: another language version is shown.',
    meta: (version, date) => `Version ${version}, in force from ${date}`,
    pending: (date) => `A new version of the policy applies from ${date}. You will need to accept it.`,
    loading: 'Loading…',
    accepted: 'Your consent is recorded.',
    error: (status) => (status === 0 ? 'Could not reach the server.' : `The request failed (status ${status}).`),
  },
};

/** A date as the reader writes it (in their time zone), e.g. «1 июня 2026 г.». */
export const formatDate = (iso: string, locale: UiLocale) => new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date(iso));
