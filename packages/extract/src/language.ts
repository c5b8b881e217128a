/**
 * Language from the text itself: the share of Arabic-script letters decides Arabic (Persian and
 * Urdu by their own letters), then small stop-word profiles tell the Latin-script languages
 * apart. The page's declared lang attribute is the fallback when the text is too short to say.
 */

const STOPWORDS: Record<string, string[]> = {
  en: ['the', 'and', 'of', 'to', 'in', 'is', 'that', 'for', 'it', 'with', 'was', 'on', 'as', 'he', 'by', 'at', 'from', 'his', 'have', 'are', 'this', 'be', 'said', 'has', 'were', 'which', 'but', 'not', 'they', 'their'],
  fr: ['le', 'la', 'les', 'de', 'des', 'du', 'et', 'est', 'un', 'une', 'en', 'que', 'qui', 'dans', 'pour', 'pas', 'sur', 'au', 'aux', 'par', 'avec', 'il', 'elle', 'ce', 'son', 'sa', 'ses', 'ont', 'été', 'mais'],
  es: ['el', 'la', 'los', 'las', 'de', 'del', 'y', 'en', 'que', 'es', 'un', 'una', 'por', 'con', 'para', 'se', 'su', 'sus', 'al', 'lo', 'como', 'más', 'pero', 'fue', 'ha', 'sobre', 'este', 'esta'],
  de: ['der', 'die', 'das', 'und', 'ist', 'nicht', 'ein', 'eine', 'zu', 'den', 'dem', 'mit', 'sich', 'von', 'auf', 'für', 'im', 'auch', 'es', 'sie', 'wird', 'wurde', 'dass', 'bei', 'nach', 'aus', 'einer'],
  it: ['il', 'lo', 'la', 'gli', 'le', 'di', 'del', 'della', 'e', 'è', 'che', 'un', 'una', 'per', 'non', 'con', 'sono', 'nel', 'alla', 'anche', 'come', 'più', 'ha', 'dei', 'delle'],
  pt: ['o', 'a', 'os', 'as', 'de', 'do', 'da', 'dos', 'das', 'e', 'é', 'que', 'um', 'uma', 'em', 'no', 'na', 'para', 'com', 'não', 'por', 'se', 'mais', 'foi', 'ao', 'pelo', 'pela'],
};

const PROFILES = Object.fromEntries(Object.entries(STOPWORDS).map(([lang, words]) => [lang, new Set(words)]));

const SAMPLE_CHARS = 5_000;
/** Enough function words to tell Latin-script languages apart. */
const WORD_SAMPLE_CHARS = 2_000;

function declared(htmlLang: string | undefined): string | undefined {
  if (!htmlLang) return undefined;
  const code = htmlLang.trim().toLowerCase().split(/[-_]/)[0];
  return code && /^[a-z]{2,3}$/.test(code) ? code : undefined;
}

export function detectLanguage(text: string, htmlLang?: string): string | undefined {
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  let arabic = 0;
  let persian = 0;
  let latin = 0;
  let cyrillic = 0;
  let cjk = 0;
  let hebrew = 0;
  let letters = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c < 0x41) continue;
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f)) {
      latin++;
      letters++;
    } else if (c >= 0x600 && c <= 0x6ff) {
      if (c === 0x67e || c === 0x686 || c === 0x698 || c === 0x6af || c === 0x6a9 || c === 0x6cc) persian++;
      if ((c >= 0x621 && c <= 0x64a) || c > 0x66f) {
        arabic++;
        letters++;
      }
    } else if (c >= 0x400 && c <= 0x4ff) {
      cyrillic++;
      letters++;
    } else if (c >= 0x590 && c <= 0x5ff) {
      hebrew++;
      letters++;
    } else if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af)) {
      cjk++;
      letters++;
    }
  }
  const fallback = declared(htmlLang);
  if (letters < 20) return fallback;
  if (arabic / letters > 0.5) {
    if (persian / arabic > 0.02) return fallback === 'ur' ? 'ur' : 'fa';
    return 'ar';
  }
  if (hebrew / letters > 0.5) return 'he';
  if (cyrillic / letters > 0.5) return fallback && ['ru', 'uk', 'bg', 'sr', 'mk', 'be'].includes(fallback) ? fallback : 'ru';
  if (cjk / letters > 0.3) return fallback ?? undefined;
  if (latin / letters < 0.5) return fallback;

  const counts: Record<string, number> = {};
  let total = 0;
  for (const word of sample.slice(0, WORD_SAMPLE_CHARS).toLowerCase().match(/[a-zà-öø-ÿ]+/g) ?? []) {
    total++;
    for (const lang in PROFILES) if (PROFILES[lang]!.has(word)) counts[lang] = (counts[lang] ?? 0) + 1;
  }
  let bestLang: string | undefined;
  let best = 0;
  for (const [lang, n] of Object.entries(counts)) {
    if (n > best) {
      best = n;
      bestLang = lang;
    }
  }
  // Too few function words to tell: trust the page's own declaration.
  if (!bestLang || best < 3 || best / total < 0.08) return fallback ?? bestLang;
  return bestLang;
}
