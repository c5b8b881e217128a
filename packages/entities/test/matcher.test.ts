import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildMatcher, createEnricher, type CatalogEntity } from '@khabar/entities';

const PUTIN = 'Q7747';
const TRUMP = 'Q22686';
const ZELENSKY = 'Q3874799';

const enricher = createEnricher({ userCatalogPath: '' });
const idsIn = (text: string) => enricher.matcher.findMentions(text).map((m) => m.id);

/** [what the case shows, text, ids expected in order] */
const cases: Array<[string, string, string[]]> = [
  ['بوتين alone is Putin', 'قال بوتين إن', [PUTIN]],
  ['a glued و is stripped when the rest is a name', 'اتصل ترامب وبوتين', [TRUMP, PUTIN]],
  ['a glued ل is stripped', 'قال لترامب', [TRUMP]],
  ['a glued ب is stripped', 'اتصل بزيلينسكي', [ZELENSKY]],
  ['a glued ف is stripped', 'فبوتين رفض', [PUTIN]],
  ['a glued ك is stripped', 'كبوتين', [PUTIN]],
  ['combined proclitics are stripped', 'وبترامب ولبوتين', [TRUMP, PUTIN]],
  ['وللرئيس restores the article of a title', 'وللرئيس الروسي رأي', [PUTIN]],
  ['ترمب is Trump', 'قال ترمب', [TRUMP]],
  ['زيلنسكي is Zelensky', 'زيلنسكي', [ZELENSKY]],
  ['زيلينسكي with alef maqsura is Zelensky', 'زيلينسكى', [ZELENSKY]],
  ['diacritics do not hide a name', 'بُوتِين', [PUTIN]],
  ['the full name is one mention, not two', 'فلاديمير بوتين', [PUTIN]],
  ['a title followed by the name is one mention', 'الرئيس الروسي فلاديمير بوتين', [PUTIN]],
  ['a word that only starts like a proclitic is not stripped', 'بوتينات ولي العهد', []],
  ['a name glued to unknown letters is not a mention', 'بوتينيات', []],
  ['French: Poutine is Putin', 'Vladimir Poutine a parlé', [PUTIN]],
  ['French: the dish poutine is not Putin', 'une poutine au fromage', []],
  ['English possessive', "Putin's war and Zelenskyy’s reply", [PUTIN, ZELENSKY]],
  ['English spellings of Zelensky', 'Zelensky, Zelenskiy, Zelenski and Volodymyr Zelenskyy', [ZELENSKY, ZELENSKY, ZELENSKY, ZELENSKY]],
  ['a lower-case trump is a verb, not Trump', 'aces trump kings', []],
  ['upper-case headlines still match', 'TRUMP CALLS PUTIN', [TRUMP, PUTIN]],
  ['Russian inflections are listed, not stemmed', 'Путина и Зеленского', [PUTIN, ZELENSKY]],
  ['Ukrainian spelling', 'Зеленський і Путін', [ZELENSKY, PUTIN]],
  ['a stop phrase hides the title inside it', 'قال الرئيس الروسي السابق', []],
  ['a stop phrase hides a country inside a region name', 'دول المغرب العربي والمغرب', ['Q1028']],
  ['an all-capitals acronym needs capitals in the text', 'Un rapport de l’ONU et du UN', ['Q1065', 'Q1065']],
  ['a sentence-initial French article is not the UN', 'Un homme', []],
  ['عمان alone is Oman or Amman: dropped without context', 'وصل إلى عمان', []],
  ['عمان resolves to Oman when the article names the sultanate', 'سلطنة عمان. وصل إلى عمان', ['Q842', 'Q842']],
  ['Hamas needs its full name before حماس counts, since حماس is also enthusiasm', 'استقبلوه بحماس كبير', []],
  ['حماس counts once the movement is named', 'قالت حركة حماس إن حماس مستعدة', ['Q38799', 'Q38799']],
  ['a football club is not the city', 'فاز باريس سان جيرمان في باريس', ['Q90']],
  ['a family name after another given name is someone else', 'Police arrested Jonathan P. Blair on Monday. Blair was released.', []],
  ['a spouse is not the catalog person', 'Brigitte Macron visited the school.', []],
  ['a title before a family name keeps it', 'Later, President Macron and Mr. Xi met.', ['Q3052772', 'Q15031']],
  ['a family name at the start of a sentence counts', 'It rained. Macron stayed.', ['Q3052772']],
  ['an acronym inside an all-capitals headline is a word', 'WHO IS THE FRONT-RUNNER', []],
  ['a context-only name after an everyday description is someone else', 'قال الرئيس الفلسطيني محمود عباس إن المهندس عباس علي حاضر', ['Q127998']],
  ['a name does not run across brackets', 'the United Nations (UN) General Assembly', ['Q1065', 'Q1065']],
  ['the article is stripped to reach an organisation', 'قمة الناتو والأوبك', ['Q7184', 'Q7795']],
  ['the article never makes a common word a person', 'قال نزار بركة إن البركة في العمل', ['Q562410']],
  ['a person spelled with the article keeps it', 'قال السيسي ثم رحبوا بالسيسي', ['Q307871', 'Q307871']],
  ['بن سلمان counts once MBS is named', 'قال محمد بن سلمان إن بن سلمان يدعم الاتفاق', ['Q6892571', 'Q6892571']],
  ['بن سلمان after another given name is his brother, not MBS', 'التقى محمد بن سلمان ثم وصل خالد بن سلمان ووعبد العزيز بن سلمان', ['Q6892571']],
  ['bin Salman after another given name is someone else', 'Mohammed bin Salman met Khalid bin Salman.', ['Q6892571']],
  ['the kings named in a mosque or a university are not mentions', 'مسجد الحسن الثاني وجامعة محمد السادس والملك محمد السادس', ['Q57553']],
  ['Moulay Rachid alone is a district of Casablanca', 'Le quartier Moulay Rachid à Casablanca', ['Q7903']],
  ['Bank Al-Maghrib is not a mention of Morocco', 'قرر بنك المغرب رفع الفائدة في المغرب', ['Q1028']],
];

for (const [name, text, expected] of cases) {
  test(`matching: ${name}`, () => {
    assert.deepEqual(idsIn(text), expected);
  });
}

test('mentions carry offsets and the text as written', () => {
  const text = 'اتصل ترامب وبوتين';
  const mentions = enricher.matcher.findMentions(text);
  assert.deepEqual(
    mentions.map((m) => [m.id, m.start, m.surface]),
    [
      [TRUMP, 5, 'ترامب'],
      [PUTIN, 11, 'وبوتين'],
    ],
  );
});

/** A catalog where two people share a family name, as in the real one. */
const family: CatalogEntity[] = [
  { id: 'Q22686', type: 'person', names: { en: 'Donald Trump', ar: 'دونالد ترامب' }, aliases: ['Trump', 'ترامب'], contextual: [] },
  { id: 'Q432473', type: 'person', names: { en: 'Melania Trump', ar: 'ميلانيا ترامب' }, aliases: ['Melania'], contextual: ['Trump', 'ترامب'] },
  { id: 'Q3713655', type: 'person', names: { en: 'Donald Trump Jr.' }, aliases: [], contextual: ['Trump'] },
  { id: 'Q6294', type: 'person', names: { en: 'Hillary Clinton' }, aliases: [], contextual: ['Clinton'] },
  { id: 'Q1124', type: 'person', names: { en: 'Bill Clinton' }, aliases: [], contextual: ['Clinton'] },
];
const familyMatcher = buildMatcher(family);
const familyIds = (text: string) => familyMatcher.findMentions(text).map((m) => m.id);

const ambiguous: Array<[string, string, string[]]> = [
  ['a shared family name alone goes to the entity that claims it alone', 'Trump spoke.', ['Q22686']],
  ['the longest match wins over the family name', 'Donald Trump Jr. spoke.', ['Q3713655']],
  ['a family name goes to the relative the article names in full', 'Melania Trump arrived. Later Trump said', ['Q432473', 'Q432473']],
  ['with two relatives named, the nearest one before wins', 'Melania Trump met Donald Trump. Trump said', ['Q432473', 'Q22686', 'Q22686']],
  ['in Arabic too', 'وصلت ميلانيا ترامب. وقالت ترامب', ['Q432473', 'Q432473']],
  ['a family name nobody claims alone is dropped when nobody is named', 'Clinton said', []],
  ['a family name nobody claims alone resolves by context', 'Bill Clinton said. Clinton added', ['Q1124', 'Q1124']],
];

for (const [name, text, expected] of ambiguous) {
  test(`ambiguity: ${name}`, () => {
    assert.deepEqual(familyIds(text), expected);
  });
}
