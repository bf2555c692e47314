import type { LedgerEvent } from '../../../../shared/ledger-events';
import type { PolicyLocale } from '../../../../shared/locales';

/*
 * The words of the evidence report (report.ts), one dictionary per language. The verifier's own findings stay in
 * English (they are its output, quoted as it is); everything around them is here.
 */

export type ReportLocale = PolicyLocale;

export interface ReportTexts {
  title: string;
  intro: string;
  header: {
    generatedAt: string;
    format: string;
    subject: string;
    erasedSubject: string;
    operator: string;
    operatorContact: string;
    operatorCountry: string;
    operatorAddress: string;
  };
  summary: {
    heading: string;
    verified: string;
    notVerified: (problems: number) => string;
    explainVerified: string;
    explainNotVerified: string;
    subjectRecords: string;
    publications: string;
    texts: string;
    treeSize: string;
    proves: string;
    problems: string;
    notes: string;
  };
  records: {
    heading: string;
    intro: string;
    index: string;
    event: string;
    policy: string;
    version: string;
    locale: string;
    recordedAt: string;
    hash: string;
    source: string;
    receipt: string;
    id: string;
    yes: string;
    no: string;
    notApplicable: string;
  };
  events: Record<LedgerEvent, string>;
  texts: {
    heading: string;
    intro: string;
    contentHash: string;
    effectiveAt: string;
    markdown: string;
  };
  log: {
    heading: string;
    intro: string;
    origin: string;
    checkpoint: string;
    treeSize: string;
    rootHash: string;
    signedAt: string;
    tsa: string;
    genTime: string;
    noTimestamp: string;
    earlier: string;
    consistency: string;
    keys: string;
    noteKey: string;
    jwk: string;
    keyCreated: string;
    keyRetired: string;
  };
  findings: {
    heading: string;
    inEnglish: string;
    summary: string;
    proves: string;
    problems: string;
    notes: string;
  };
  howTo: {
    heading: string;
    run: string;
    elsewhere: string;
    withKeys: string;
    exitStatus: string;
    receipts: string;
    textHash: string;
  };
  none: string;
  authoritative: string;
  page: (page: number, pages: number) => string;
}

const en: ReportTexts = {
  title: 'Evidence pack: consent records of a personal data subject',
  intro:
    'This report is a readable rendering of an evidence pack: the records of one personal data subject’s consent, its withdrawal and erasure, kept by the operator in a tamper-evident transparency log, with everything needed to check them. It documents consent to the collection and processing of personal data within the meaning of the Law of the Republic of Kazakhstan No. 94-V of 21 May 2013 “On Personal Data and Their Protection”.',
  header: {
    generatedAt: 'Pack generated at',
    format: 'Pack format',
    subject: 'Personal data subject',
    erasedSubject: 'a pseudonym: the subject’s personal data were erased at their request',
    operator: 'Operator',
    operatorContact: 'Operator’s contact',
    operatorCountry: 'Operator’s country',
    operatorAddress: 'Operator’s address',
  },
  summary: {
    heading: 'Result of the verification',
    verified: 'VERIFIED: every check of the evidence pack passed.',
    notVerified: (problems) => `NOT VERIFIED: the verifier found problems (${problems}). The content below is not proven.`,
    explainVerified:
      'The verifier recomputed everything from the pack alone, without the operator’s database: the hash of each record and its place in the operator’s log, to which records can only be added; the log’s signed checkpoint and its consistency with earlier ones; the RFC 3161 timestamps, where present; the signatures of the receipts; and the accepted texts, word for word. This establishes that the records listed below were written to the log in this order, have not been changed since, and refer to exactly the texts reproduced in this report.',
    explainNotVerified:
      'At least one check failed (see the verifier’s findings below). This means that the pack was changed or is incomplete, or that it does not match the operator’s log. The report shows the content of the pack as it is, but that content is not proven.',
    subjectRecords: 'Records of the subject',
    publications: 'Publication events of the texts',
    texts: 'Texts in the pack',
    treeSize: 'Entries in the log at the checkpoint',
    proves: 'Statements established',
    problems: 'Problems',
    notes: 'Notes',
  },
  records: {
    heading: 'Records in the log',
    intro:
      'In log order. The entry number is the record’s position in the log, counted from 0. A publication event is the operator’s record that it published a text, not an act of the subject.',
    index: 'Entry',
    event: 'Event',
    policy: 'Document',
    version: 'Version',
    locale: 'Language',
    recordedAt: 'Recorded at',
    hash: 'Record hash',
    source: 'Source',
    receipt: 'Signed receipt',
    id: 'Record ID',
    yes: 'yes',
    no: 'no',
    notApplicable: 'not applicable (log event)',
  },
  events: {
    accepted: 'Consent',
    withdrawn: 'Withdrawal of consent',
    erased: 'Erasure of personal data',
    'policy-created': 'Document created',
    published: 'Publication of the text',
    'version-withdrawn': 'Version withdrawn',
    audit: 'Administrator’s action (audit)',
  },
  texts: {
    heading: 'Texts of the documents',
    intro:
      'Each text exactly as the subject accepted it. Its content hash is computed over this Markdown, and it is the value the records carry.',
    contentHash: 'Content hash',
    effectiveAt: 'Effective from',
    markdown: 'Full text (Markdown)',
  },
  log: {
    heading: 'Transparency log',
    intro:
      'The log is a Merkle tree (RFC 9162) to which records are only ever added. A checkpoint is the state of the log signed by the operator; an RFC 3161 timestamp from an independent authority fixes a time at which it existed.',
    origin: 'Log origin',
    checkpoint: 'Checkpoint',
    treeSize: 'Tree size (entries)',
    rootHash: 'Root hash',
    signedAt: 'Signed at',
    tsa: 'Timestamp authority',
    genTime: 'Time stated by the timestamp',
    noTimestamp: 'no RFC 3161 timestamp',
    earlier: 'Earlier checkpoints',
    consistency: 'Consistency proof (hashes)',
    keys: 'Verifier keys',
    noteKey: 'Checkpoint key (C2SP)',
    jwk: 'Receipt key (JWK kid)',
    keyCreated: 'created',
    keyRetired: 'retired',
  },
  findings: {
    heading: 'Findings of the verifier',
    inEnglish: 'The verifier’s own output, in English, reproduced as it is.',
    summary: 'Summary',
    proves: 'Established',
    problems: 'Problems',
    notes: 'Notes',
  },
  howTo: {
    heading: 'How to check this yourself',
    run: 'Obtain the evidence pack as a JSON file (evidence.json) and run the open-source verifier (Node.js 20 or later) in a project where the plugin is installed:',
    elsewhere: 'Anywhere else:',
    withKeys:
      'To check against keys obtained independently of the pack (for example, published by the operator), add each verifier key with --key:',
    exitStatus: 'It prints what it established and what is wrong, and exits with status 0 when the pack verifies and 1 when it has problems.',
    receipts:
      'Each signed receipt (entries[].receiptJws in the pack) is a JWS (RFC 7515, alg EdDSA, typ consent-receipt+jws). It verifies with any JOSE library against the JWK whose kid its header names; the keys are in the pack (log.keys) and published by the operator at GET /api/policy-versions/ledger/keys.',
    textHash:
      'The content hash of a text is “sha256:” followed by the SHA-256 of its Markdown in UTF-8, in Unicode NFC with LF line ends.',
  },
  none: 'none',
  authoritative: 'This report is made from the evidence pack; where they differ, the pack (JSON) prevails.',
  page: (page, pages) => `page ${page} of ${pages}`,
};

const ru: ReportTexts = {
  title: 'Пакет доказательств: записи о согласии субъекта персональных данных',
  intro:
    'Настоящий отчёт — удобочитаемое представление пакета доказательств: записей о согласии одного субъекта персональных данных, его отзыве и уничтожении данных, которые оператор ведёт в журнале прозрачности, защищённом от изменений, вместе со всем необходимым для их проверки. Отчёт документирует согласие на сбор и обработку персональных данных в смысле Закона Республики Казахстан от 21 мая 2013 года № 94-V «О персональных данных и их защите».',
  header: {
    generatedAt: 'Пакет сформирован',
    format: 'Формат пакета',
    subject: 'Субъект персональных данных',
    erasedSubject: 'псевдоним: персональные данные субъекта уничтожены по его требованию',
    operator: 'Оператор',
    operatorContact: 'Контакт оператора',
    operatorCountry: 'Страна оператора',
    operatorAddress: 'Адрес оператора',
  },
  summary: {
    heading: 'Результат проверки',
    verified: 'ПОДТВЕРЖДЕНО: все проверки пакета доказательств пройдены.',
    notVerified: (problems) =>
      `НЕ ПОДТВЕРЖДЕНО: проверка выявила проблемы (${problems}). Приведённое ниже содержимое не доказано.`,
    explainVerified:
      'Программа проверки заново вычислила всё по самому пакету, без обращения к базе данных оператора: хеш каждой записи и её место в журнале оператора, в который записи можно только добавлять; подписанную контрольную точку журнала и её согласованность с более ранними; метки времени RFC 3161, если они есть; подписи квитанций; и тексты, с которыми согласился субъект, дословно. Тем самым установлено, что перечисленные ниже записи внесены в журнал в указанном порядке, с тех пор не изменялись и относятся именно к тем текстам, которые приведены в этом отчёте.',
    explainNotVerified:
      'Как минимум одна проверка не пройдена (см. результаты проверки ниже). Это означает, что пакет изменён или неполон либо не соответствует журналу оператора. Отчёт показывает содержимое пакета как есть, но это содержимое не доказано.',
    subjectRecords: 'Записи субъекта',
    publications: 'События публикации текстов',
    texts: 'Тексты в пакете',
    treeSize: 'Записей в журнале на контрольной точке',
    proves: 'Установленные утверждения',
    problems: 'Проблемы',
    notes: 'Замечания',
  },
  records: {
    heading: 'Записи в журнале',
    intro:
      'В порядке журнала. Номер записи — её позиция в журнале, считая с 0. Событие публикации — запись оператора о том, что он опубликовал текст, а не действие субъекта.',
    index: '№ в журнале',
    event: 'Событие',
    policy: 'Документ',
    version: 'Версия',
    locale: 'Язык',
    recordedAt: 'Время записи',
    hash: 'Хеш записи',
    source: 'Источник',
    receipt: 'Подписанная квитанция',
    id: 'Идентификатор записи',
    yes: 'есть',
    no: 'нет',
    notApplicable: 'не применимо (событие журнала)',
  },
  events: {
    accepted: 'Согласие',
    withdrawn: 'Отзыв согласия',
    erased: 'Уничтожение персональных данных',
    'policy-created': 'Создание документа',
    published: 'Публикация текста',
    'version-withdrawn': 'Отзыв версии',
    audit: 'Действие администратора (аудит)',
  },
  texts: {
    heading: 'Тексты документов',
    intro:
      'Каждый текст точно в той редакции, с которой согласился субъект. Хеш содержимого вычислен по этому тексту в формате Markdown; то же значение содержат записи.',
    contentHash: 'Хеш содержимого',
    effectiveAt: 'Действует с',
    markdown: 'Полный текст (Markdown)',
  },
  log: {
    heading: 'Журнал прозрачности',
    intro:
      'Журнал — дерево Меркла (RFC 9162), в которое записи только добавляются. Контрольная точка — подписанное оператором состояние журнала; метка времени RFC 3161 независимой службы фиксирует момент, когда это состояние уже существовало.',
    origin: 'Идентификатор журнала (origin)',
    checkpoint: 'Контрольная точка',
    treeSize: 'Размер дерева (записей)',
    rootHash: 'Корневой хеш',
    signedAt: 'Время подписи',
    tsa: 'Служба меток времени',
    genTime: 'Время, указанное в метке',
    noTimestamp: 'метки времени RFC 3161 нет',
    earlier: 'Более ранние контрольные точки',
    consistency: 'Доказательство согласованности (хешей)',
    keys: 'Ключи проверки',
    noteKey: 'Ключ контрольных точек (C2SP)',
    jwk: 'Ключ квитанций (JWK kid)',
    keyCreated: 'создан',
    keyRetired: 'выведен из использования',
  },
  findings: {
    heading: 'Результаты проверки',
    inEnglish: 'Вывод программы проверки на английском языке, приводится без изменений.',
    summary: 'Итог',
    proves: 'Установлено',
    problems: 'Проблемы',
    notes: 'Замечания',
  },
  howTo: {
    heading: 'Как проверить самостоятельно',
    run: 'Получите пакет доказательств в виде файла JSON (evidence.json) и запустите программу проверки с открытым исходным кодом (Node.js 20 или новее) в проекте, где установлен плагин:',
    elsewhere: 'В любом другом месте:',
    withKeys:
      'Чтобы проверить по ключам, полученным независимо от пакета (например, опубликованным оператором), укажите каждый ключ проверки в параметре --key:',
    exitStatus:
      'Программа выводит, что установлено и что не так, и завершается с кодом 0, если пакет подтверждён, и с кодом 1, если обнаружены проблемы.',
    receipts:
      'Каждая подписанная квитанция (entries[].receiptJws в пакете) — это JWS (RFC 7515, alg EdDSA, typ consent-receipt+jws). Она проверяется любой библиотекой JOSE по ключу JWK, чей kid указан в её заголовке; ключи содержатся в пакете (log.keys) и опубликованы оператором по адресу GET /api/policy-versions/ledger/keys.',
    textHash:
      'Хеш содержимого текста — «sha256:» и SHA-256 его текста Markdown в UTF-8, в нормальной форме Unicode NFC, с переводами строк LF.',
  },
  none: 'нет',
  authoritative: 'Отчёт составлен по пакету доказательств; при расхождении приоритет имеет пакет (JSON).',
  page: (page, pages) => `страница ${page} из ${pages}`,
};

const kk: ReportTexts = {
  title: 'Дәлелдемелер пакеті: дербес деректер субъектісінің келісім жазбалары',
  intro:
    'Бұл есеп — дәлелдемелер пакетінің оқуға ыңғайлы көрінісі: оператор өзгертуден қорғалған ашықтық журналында жүргізетін бір дербес деректер субъектісінің келісімі, одан бас тартуы және деректерін жою туралы жазбалар, оларды тексеруге қажеттінің бәрімен бірге. Есеп «Дербес деректер және оларды қорғау туралы» 2013 жылғы 21 мамырдағы № 94-V Қазақстан Республикасы Заңының мағынасында дербес деректерді жинауға және өңдеуге берілген келісімді құжаттайды.',
  header: {
    generatedAt: 'Пакет жасалған уақыты',
    format: 'Пакет форматы',
    subject: 'Дербес деректер субъектісі',
    erasedSubject: 'бүркеншік ат: субъектінің дербес деректері оның талабы бойынша жойылған',
    operator: 'Оператор',
    operatorContact: 'Оператормен байланыс',
    operatorCountry: 'Оператордың елі',
    operatorAddress: 'Оператордың мекенжайы',
  },
  summary: {
    heading: 'Тексеру нәтижесі',
    verified: 'РАСТАЛДЫ: дәлелдемелер пакетінің барлық тексерісі сәтті өтті.',
    notVerified: (problems) =>
      `РАСТАЛМАДЫ: тексеру мәселелер анықтады (${problems}). Төмендегі мазмұн дәлелденбеген.`,
    explainVerified:
      'Тексеру бағдарламасы оператордың дерекқорына жүгінбей, барлығын пакеттің өзі бойынша қайта есептеді: әр жазбаның хешін және оның оператор журналындағы орнын (журналға жазбаларды тек қосуға болады); журналдың қол қойылған бақылау нүктесін және оның бұрынғы нүктелермен үйлесімділігін; бар болса, RFC 3161 уақыт белгілерін; түбіртектердің қолтаңбаларын; және субъект келіскен мәтіндерді сөзбе-сөз. Осылайша төменде көрсетілген жазбалар журналға осы ретпен енгізілгені, содан бері өзгертілмегені және осы есепте келтірілген мәтіндерге дәл қатысты екені анықталды.',
    explainNotVerified:
      'Кемінде бір тексеріс сәтсіз аяқталды (төмендегі тексеру нәтижелерін қараңыз). Бұл пакеттің өзгертілгенін немесе толық емес екенін, не оператор журналына сәйкес келмейтінін білдіреді. Есеп пакеттің мазмұнын сол күйінде көрсетеді, бірақ бұл мазмұн дәлелденбеген.',
    subjectRecords: 'Субъектінің жазбалары',
    publications: 'Мәтіндерді жариялау оқиғалары',
    texts: 'Пакеттегі мәтіндер',
    treeSize: 'Бақылау нүктесіндегі журнал жазбалары',
    proves: 'Анықталған тұжырымдар',
    problems: 'Мәселелер',
    notes: 'Ескертпелер',
  },
  records: {
    heading: 'Журналдағы жазбалар',
    intro:
      'Журнал ретімен. Жазба нөмірі — оның журналдағы 0-ден бастап саналатын орны. Жариялау оқиғасы — субъектінің әрекеті емес, оператордың мәтінді жариялағаны туралы жазбасы.',
    index: 'Журналдағы №',
    event: 'Оқиға',
    policy: 'Құжат',
    version: 'Нұсқа',
    locale: 'Тіл',
    recordedAt: 'Жазылған уақыты',
    hash: 'Жазба хеші',
    source: 'Дереккөз',
    receipt: 'Қол қойылған түбіртек',
    id: 'Жазба идентификаторы',
    yes: 'бар',
    no: 'жоқ',
    notApplicable: 'қолданылмайды (журнал оқиғасы)',
  },
  events: {
    accepted: 'Келісім',
    withdrawn: 'Келісімнен бас тарту',
    erased: 'Дербес деректерді жою',
    'policy-created': 'Құжатты құру',
    published: 'Мәтінді жариялау',
    'version-withdrawn': 'Нұсқаны кері қайтарып алу',
    audit: 'Әкімші әрекеті (аудит)',
  },
  texts: {
    heading: 'Құжаттардың мәтіндері',
    intro:
      'Әр мәтін субъект келіскен редакцияда дәл келтірілген. Мазмұн хеші осы Markdown мәтіні бойынша есептелген; жазбаларда да дәл осы мән бар.',
    contentHash: 'Мазмұн хеші',
    effectiveAt: 'Күшіне енген күні',
    markdown: 'Толық мәтін (Markdown)',
  },
  log: {
    heading: 'Ашықтық журналы',
    intro:
      'Журнал — жазбалар тек қосылатын Меркл ағашы (RFC 9162). Бақылау нүктесі — оператор қол қойған журнал күйі; тәуелсіз қызметтің RFC 3161 уақыт белгісі бұл күйдің қай сәтте бар болғанын тіркейді.',
    origin: 'Журнал идентификаторы (origin)',
    checkpoint: 'Бақылау нүктесі',
    treeSize: 'Ағаш көлемі (жазбалар)',
    rootHash: 'Түбір хеші',
    signedAt: 'Қол қойылған уақыты',
    tsa: 'Уақыт белгісі қызметі',
    genTime: 'Белгіде көрсетілген уақыт',
    noTimestamp: 'RFC 3161 уақыт белгісі жоқ',
    earlier: 'Бұрынғы бақылау нүктелері',
    consistency: 'Үйлесімділік дәлелі (хештер)',
    keys: 'Тексеру кілттері',
    noteKey: 'Бақылау нүктелерінің кілті (C2SP)',
    jwk: 'Түбіртектер кілті (JWK kid)',
    keyCreated: 'жасалған',
    keyRetired: 'қолданыстан шығарылған',
  },
  findings: {
    heading: 'Тексеру нәтижелері',
    inEnglish: 'Тексеру бағдарламасының ағылшын тіліндегі нәтижесі, өзгеріссіз келтірілген.',
    summary: 'Қорытынды',
    proves: 'Анықталды',
    problems: 'Мәселелер',
    notes: 'Ескертпелер',
  },
  howTo: {
    heading: 'Өз бетіңізше қалай тексеруге болады',
    run: 'Дәлелдемелер пакетін JSON файлы (evidence.json) түрінде алып, плагин орнатылған жобада ашық бастапқы кодты тексеру бағдарламасын (Node.js 20 немесе жаңарақ) іске қосыңыз:',
    elsewhere: 'Кез келген басқа жерде:',
    withKeys:
      'Пакеттен тәуелсіз алынған кілттер (мысалы, оператор жариялаған) бойынша тексеру үшін әр тексеру кілтін --key параметрінде көрсетіңіз:',
    exitStatus:
      'Бағдарлама не анықталғанын және неде қате бар екенін шығарады; пакет расталса, 0 кодымен, мәселелер болса, 1 кодымен аяқталады.',
    receipts:
      'Әр қол қойылған түбіртек (пакеттегі entries[].receiptJws) — JWS (RFC 7515, alg EdDSA, typ consent-receipt+jws). Ол кез келген JOSE кітапханасымен тақырыбында kid көрсетілген JWK кілті бойынша тексеріледі; кілттер пакетте (log.keys) бар және оператор оларды GET /api/policy-versions/ledger/keys мекенжайында жариялайды.',
    textHash:
      'Мәтіннің мазмұн хеші — «sha256:» және оның Markdown мәтінінің UTF-8 кодтауындағы, Unicode NFC қалыпты пішініндегі, LF жол соңдары бар SHA-256 мәні.',
  },
  none: 'жоқ',
  authoritative: 'Есеп дәлелдемелер пакеті бойынша жасалған; айырмашылық болса, пакет (JSON) басым болады.',
  page: (page, pages) => `${pages} беттің ${page}-беті`,
};

export const REPORT_TEXTS: Readonly<Record<ReportLocale, ReportTexts>> = { ru, kk, en };
