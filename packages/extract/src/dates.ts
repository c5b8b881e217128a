/**
 * Dates as news pages print them, to ISO 8601. Machine-readable values (JSON-LD, meta tags,
 * <time datetime>) go through `parseDateValue`; visible text (bylines such as
 * "نشر في الأيام 24 يوم 19 - 03 - 2025", "19 مارس 2025", "le 3 janvier 2025", "March 19, 2025")
 * goes through `findDateInText`. Both return undefined rather than guess an impossible date.
 */
import { asciiDigits } from './text.js';

/** Month names (lower case, accents kept and stripped) to month numbers. */
const MONTHS: Record<string, number> = {};
function months(names: string[], month: number): void {
  for (const name of names) MONTHS[name] = month;
}
// English, full and abbreviated.
months(['january', 'jan'], 1);
months(['february', 'feb'], 2);
months(['march', 'mar'], 3);
months(['april', 'apr'], 4);
months(['may'], 5);
months(['june', 'jun'], 6);
months(['july', 'jul'], 7);
months(['august', 'aug'], 8);
months(['september', 'sep', 'sept'], 9);
months(['october', 'oct'], 10);
months(['november', 'nov'], 11);
months(['december', 'dec'], 12);
// French, with and without accents, and the usual abbreviations.
months(['janvier', 'janv'], 1);
months(['février', 'fevrier', 'févr', 'fevr', 'fév', 'fev'], 2);
months(['mars'], 3);
months(['avril', 'avr'], 4);
months(['mai'], 5);
months(['juin'], 6);
months(['juillet', 'juil'], 7);
months(['août', 'aout'], 8);
months(['septembre'], 9);
months(['octobre'], 10);
months(['novembre'], 11);
months(['décembre', 'decembre', 'déc'], 12);
// Spanish, Portuguese, Italian, German (and Indonesian/Dutch, which share most names): pages
// from elsewhere reach the same pipeline, and their bylines must not read as body text.
months(['enero', 'janeiro', 'gennaio', 'januar', 'januari', 'ene'], 1);
months(['febrero', 'fevereiro', 'febbraio', 'februar', 'februari'], 2);
months(['marzo', 'março', 'marco', 'märz', 'maret', 'maart'], 3);
months(['abril', 'aprile', 'abr'], 4);
months(['mayo', 'maio', 'maggio', 'mei', 'mag'], 5);
months(['junio', 'junho', 'giugno', 'juni', 'giu'], 6);
months(['julio', 'julho', 'luglio', 'juli', 'lug'], 7);
months(['agosto', 'agustus', 'augustus', 'ago'], 8);
months(['septiembre', 'setiembre', 'setembro', 'settembre', 'set'], 9);
months(['octubre', 'outubro', 'ottobre', 'oktober', 'okt', 'out'], 10);
months(['noviembre', 'novembro', 'nopember'], 11);
months(['diciembre', 'dezembro', 'dicembre', 'dezember', 'desember', 'dez', 'dic'], 12);
// Arabic: Egyptian/Gulf (from the French/English names), Maghreb (from the French ones) and
// Levantine/Iraqi (Syriac) names, with the common hamza and ya/alif-maqsura spellings.
months(['يناير', 'كانون الثاني', 'جانفي'], 1);
months(['فبراير', 'فبرابر', 'شباط', 'فيفري'], 2);
months(['مارس', 'آذار', 'اذار'], 3);
months(['أبريل', 'ابريل', 'إبريل', 'نيسان', 'أفريل', 'افريل'], 4);
months(['مايو', 'ماي', 'أيار', 'ايار'], 5);
months(['يونيو', 'يونيه', 'حزيران', 'جوان'], 6);
months(['يوليو', 'يوليوز', 'يوليه', 'تموز', 'جويلية'], 7);
months(['أغسطس', 'اغسطس', 'غشت', 'آب', 'اب', 'أوت', 'اوت'], 8);
months(['سبتمبر', 'شتنبر', 'أيلول', 'ايلول'], 9);
months(['أكتوبر', 'اكتوبر', 'تشرين الأول', 'تشرين الاول', 'أكتوبر'], 10);
months(['نوفمبر', 'نونبر', 'تشرين الثاني'], 11);
months(['ديسمبر', 'دجنبر', 'كانون الأول', 'كانون الاول'], 12);

// Longest names first so "تشرين الثاني" wins over a shorter prefix and "sept" over "sep".
const MONTH_ALTERNATION = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'))
  .join('|');

/** "Not a letter" on both sides: \b does not work for Arabic. */
const L = '(?<![\\p{L}])';
const R = '(?![\\p{L}])';
const TIME = '(?:[\\s,،Tà@|-]+(?:at\\s+|على\\s+الساعة\\s+|الساعة\\s+|a las\\s+|um\\s+|a\\s+)?(\\d{1,2})[:hH](\\d{2})(?::(\\d{2}))?\\s*(am|pm|AM|PM|ص|م)?)?';

// "19 مارس 2025", "le 3 janvier 2025", "19 March 2025", "20 يناير/ كانون الثاني 2025".
const DAY_MONTH_YEAR = new RegExp(
  `${L}(\\d{1,2})(?:er|st|nd|rd|th)?\\.?\\s+(?:de\\s+)?(${MONTH_ALTERNATION})\\.?(?:\\s*/\\s*(?:${MONTH_ALTERNATION}))?${R}\\.?,?\\s+(?:de\\s+)?(\\d{4})${TIME}`,
  'iu',
);
// "March 19, 2025", "Mar. 19 2025".
const MONTH_DAY_YEAR = new RegExp(
  `${L}(${MONTH_ALTERNATION})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})${TIME}`,
  'iu',
);
// "19 - 03 - 2025", "19/03/2025", "19.03.2025".
const NUMERIC_DMY = new RegExp(`(?<!\\d)(\\d{1,2})\\s*([-/.])\\s*(\\d{1,2})\\s*\\2\\s*(\\d{4})(?!\\d)${TIME}`, 'u');
// "2025-03-19", "2025/03/19", "2025.03.19".
const NUMERIC_YMD = new RegExp(`(?<!\\d)(\\d{4})\\s*([-/.])\\s*(\\d{1,2})\\s*\\2\\s*(\\d{1,2})(?!\\d)${TIME}`, 'u');

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?/i;
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?(Z|[+-]\d{2}:?\d{2})?$/;

export interface DateParts {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
  /** "Z" or "+HH:MM"; only when the source gives one. */
  offset?: string;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Years outside this window are page furniture (copyright lines, IDs), not publish dates. */
function plausible(p: DateParts): boolean {
  if (!(p.year >= 1990 && p.year <= 2100)) return false;
  if (!(p.month >= 1 && p.month <= 12)) return false;
  if (!(p.day >= 1 && p.day <= daysIn(p.year, p.month))) return false;
  if (p.hour !== undefined && !(p.hour >= 0 && p.hour <= 23)) return false;
  if (p.minute !== undefined && !(p.minute >= 0 && p.minute <= 59)) return false;
  if (p.second !== undefined && !(p.second >= 0 && p.second <= 60)) return false;
  return true;
}

function normaliseOffset(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  if (raw.toUpperCase() === 'Z') return 'Z';
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(raw);
  if (!m) return undefined;
  const offset = `${m[1]}${m[2]}:${m[3] ?? '00'}`;
  return offset === '+00:00' || offset === '-00:00' ? 'Z' : offset;
}

/** ISO 8601: date only, or date-time with seconds, plus the offset when known. */
export function formatDate(p: DateParts): string {
  const date = `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
  if (p.hour === undefined) return date;
  return `${date}T${pad(p.hour)}:${pad(p.minute ?? 0)}:${pad(p.second ?? 0)}${p.offset ?? ''}`;
}

function withTime(p: DateParts, h?: string, m?: string, s?: string, ampm?: string): DateParts {
  if (h === undefined || m === undefined) return p;
  let hour = Number(h);
  const mer = ampm?.toLowerCase();
  if ((mer === 'pm' || mer === 'م') && hour < 12) hour += 12;
  if ((mer === 'am' || mer === 'ص') && hour === 12) hour = 0;
  return { ...p, hour, minute: Number(m), ...(s !== undefined ? { second: Number(s) } : {}) };
}

function monthNumber(name: string): number | undefined {
  return MONTHS[name.toLowerCase().replace(/\s+/g, ' ')];
}

/**
 * A machine-readable date (JSON-LD, meta content, datetime attribute): ISO 8601 in its usual
 * variants, compact "20250319", RFC 2822 ("Wed, 19 Mar 2025 10:00:00 +0000"), or anything
 * `findDateInText` reads.
 */
export function parseDateValue(raw: string | undefined | null): string | undefined {
  if (!raw) return undefined;
  const value = asciiDigits(String(raw)).trim();
  if (value.length === 0 || value.length > 200) return undefined;
  const iso = ISO.exec(value);
  if (iso) {
    const p: DateParts = { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) };
    const dated = iso[4] !== undefined ? withTime(p, iso[4], iso[5], iso[6]) : p;
    const offset = normaliseOffset(iso[7]);
    const parts = offset && dated.hour !== undefined ? { ...dated, offset } : dated;
    return plausible(parts) ? formatDate(parts) : undefined;
  }
  const compact = COMPACT.exec(value);
  if (compact) {
    const p: DateParts = { year: Number(compact[1]), month: Number(compact[2]), day: Number(compact[3]) };
    const dated = compact[4] !== undefined ? withTime(p, compact[4], compact[5], compact[6] ?? '0') : p;
    const offset = normaliseOffset(compact[7]);
    const parts = offset && dated.hour !== undefined ? { ...dated, offset } : dated;
    return plausible(parts) ? formatDate(parts) : undefined;
  }
  if (/^\d{10}(\d{3})?$/.test(value)) {
    // Unix epoch seconds or milliseconds.
    const ms = value.length === 13 ? Number(value) : Number(value) * 1000;
    const d = new Date(ms);
    const p: DateParts = {
      year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(),
      hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), offset: 'Z',
    };
    return plausible(p) ? formatDate(p) : undefined;
  }
  const rfc = /(\d{1,2})\s+([A-Za-z]{3,})\.?\s+(\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s*(GMT|UTC|Z|[+-]\d{4})?/.exec(value);
  if (rfc) {
    const month = monthNumber(rfc[2]!);
    if (month) {
      const offsetRaw = rfc[7] && /GMT|UTC|Z/i.test(rfc[7]) ? 'Z' : rfc[7];
      const base = withTime({ year: Number(rfc[3]), month, day: Number(rfc[1]) }, rfc[4], rfc[5], rfc[6]);
      const offset = normaliseOffset(offsetRaw);
      const parts = offset ? { ...base, offset } : base;
      if (plausible(parts)) return formatDate(parts);
    }
  }
  return findDateInText(value);
}

export interface TextDateOptions {
  /** Page language: decides "03/04/2025" (en: March 4; otherwise 3 April). */
  language?: string;
}

interface Found {
  index: number;
  parts: DateParts;
}

/** The first date written in running text, in any supported form; undefined when none. */
export function findDateInText(text: string, options: TextDateOptions = {}): string | undefined {
  return findDateMatch(text, options)?.iso;
}

/** Like findDateInText, plus where it starts, so callers can prefer the earliest of several. */
export function findDateMatch(text: string, options: TextDateOptions = {}): { iso: string; index: number } | undefined {
  if (!text) return undefined;
  const value = asciiDigits(text.length > 5000 ? text.slice(0, 5000) : text);
  const found: Found[] = [];
  let m = DAY_MONTH_YEAR.exec(value);
  if (m) {
    const month = monthNumber(m[2]!);
    if (month) found.push({ index: m.index, parts: withTime({ year: Number(m[3]), month, day: Number(m[1]) }, m[4], m[5], m[6], m[7]) });
  }
  m = MONTH_DAY_YEAR.exec(value);
  if (m) {
    const month = monthNumber(m[1]!);
    if (month) found.push({ index: m.index, parts: withTime({ year: Number(m[3]), month, day: Number(m[2]) }, m[4], m[5], m[6], m[7]) });
  }
  m = NUMERIC_YMD.exec(value);
  if (m) found.push({ index: m.index, parts: withTime({ year: Number(m[1]), month: Number(m[3]), day: Number(m[4]) }, m[5], m[6], m[7], m[8]) });
  m = NUMERIC_DMY.exec(value);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    // Day first everywhere but in US English with slashes; an impossible month settles it.
    const monthFirst = (options.language === 'en' && m[2] === '/' && b <= 31 && a <= 12) || b > 12;
    const parts = monthFirst ? { year: Number(m[4]), month: a, day: b } : { year: Number(m[4]), month: b, day: a };
    found.push({ index: m.index, parts: withTime(parts, m[5], m[6], m[7], m[8]) });
  }
  const valid = found.filter((f) => plausible(f.parts)).sort((x, y) => x.index - y.index);
  const first = valid[0];
  return first ? { iso: formatDate(first.parts), index: first.index } : undefined;
}

/** Dates that sites put in article URLs: /2025/03/19/, /2025-03-19-, /20250319/. */
export function dateFromUrl(url: string): string | undefined {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const patterns = [
    /(?:^|[/_-])((?:19|20)\d{2})[/_-](\d{1,2})[/_-](\d{1,2})(?=[/_.-]|$)/,
    /(?:^|[/_-])((?:19|20)\d{2})(\d{2})(\d{2})(?=[/_.-]|$)/,
  ];
  for (const re of patterns) {
    const m = re.exec(path);
    if (!m) continue;
    const parts: DateParts = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
    if (plausible(parts)) return formatDate(parts);
  }
  return undefined;
}
