/**
 * Arabic proclitics glue to the word they precede: و/ف (and, so), ب/ل/ك (with, to, like) and the
 * article ال, in that order, so وبوتين، لترامب، بزيلينسكي، والرئيس، وللرئيس are one written word each.
 * The matcher tries these strippings only on a word it does not know, and keeps one only when what is
 * left is a known name: a proclitic is never stripped blindly (ولي, فرنسا and بلينكن start with them).
 */

const CONJUNCTIONS = ['', 'و', 'ف'];
const PREPOSITIONS = ['', 'ب', 'ل', 'ك'];
const ARTICLES = ['', 'ال'];

/**
 * Normalised prefix → what to put back in front of the remainder. ل + ال is written لل (the article's
 * alef drops), so after stripping لل the remainder is tried both bare and with ال restored
 * (للأمم → الأمم, للافروف → لافروف via plain ل).
 */
interface Restore {
  restore: string;
  /** The prefix ends in the article and the remainder is read without it. */
  dropsArticle: boolean;
}

const PROCLITICS: ReadonlyMap<string, readonly Restore[]> = (() => {
  const table = new Map<string, Restore[]>();
  const add = (prefix: string, restore: string, dropsArticle: boolean) => {
    const list = table.get(prefix) ?? [];
    if (!list.some((r) => r.restore === restore)) list.push({ restore, dropsArticle });
    table.set(prefix, list);
  };
  for (const conj of CONJUNCTIONS) {
    for (const prep of PREPOSITIONS) {
      for (const art of ARTICLES) {
        if (prep === 'ل' && art === 'ال') {
          // لل + لافروف is ل + a name starting with ل; لل + أمم is ل + the article, kept on the name.
          add(`${conj}لل`, '', false);
          add(`${conj}لل`, 'ال', false);
          continue;
        }
        const prefix = conj + prep + art;
        if (prefix) add(prefix, '', art !== '');
      }
    }
  }
  return table;
})();

const LONGEST_PREFIX = Math.max(...[...PROCLITICS.keys()].map((p) => p.length));
/** A name left after stripping must keep at least this many letters. */
const MIN_REMAINDER = 2;

export interface ProcliticReading {
  rest: string;
  /**
   * The article ال was taken off the name. Organisation names take it (الناتو، اليونسكو) but a
   * person's name never does unless it is spelled with it (السيسي): البركة is "the blessing", not
   * Nizar Baraka, so the matcher refuses a person reached this way.
   */
  dropsArticle: boolean;
}

/** Every way to read a normalised Arabic word as proclitics + a remainder, shortest prefix first. */
export function procliticReadingsOf(word: string): ProcliticReading[] {
  const readings: ProcliticReading[] = [];
  const limit = Math.min(LONGEST_PREFIX, word.length - MIN_REMAINDER);
  for (let k = 1; k <= limit; k++) {
    const restores = PROCLITICS.get(word.slice(0, k));
    if (!restores) continue;
    const rest = word.slice(k);
    for (const { restore, dropsArticle } of restores) readings.push({ rest: restore + rest, dropsArticle });
  }
  return readings;
}

/** The remainders of `procliticReadingsOf`. */
export function procliticReadings(word: string): string[] {
  return procliticReadingsOf(word).map((r) => r.rest);
}

/** Whether a normalised word could begin with a proclitic at all (cheap pre-check for the hot loop). */
export function mayHaveProclitic(word: string): boolean {
  const first = word.charCodeAt(0);
  // و ف ب ل ك ا
  return first === 0x0648 || first === 0x0641 || first === 0x0628 || first === 0x0644 || first === 0x0643 || first === 0x0627;
}
