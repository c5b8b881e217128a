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
const PROCLITICS: ReadonlyMap<string, readonly string[]> = (() => {
  const table = new Map<string, string[]>();
  const add = (prefix: string, restore: string) => {
    const list = table.get(prefix) ?? [];
    if (!list.includes(restore)) list.push(restore);
    table.set(prefix, list);
  };
  for (const conj of CONJUNCTIONS) {
    for (const prep of PREPOSITIONS) {
      for (const art of ARTICLES) {
        if (prep === 'ل' && art === 'ال') {
          add(`${conj}لل`, '');
          add(`${conj}لل`, 'ال');
          continue;
        }
        const prefix = conj + prep + art;
        if (prefix) add(prefix, '');
      }
    }
  }
  return table;
})();

const LONGEST_PREFIX = Math.max(...[...PROCLITICS.keys()].map((p) => p.length));
/** A name left after stripping must keep at least this many letters. */
const MIN_REMAINDER = 2;

/** Every way to read a normalised Arabic word as proclitics + a remainder, shortest prefix first. */
export function procliticReadings(word: string): string[] {
  const readings: string[] = [];
  const limit = Math.min(LONGEST_PREFIX, word.length - MIN_REMAINDER);
  for (let k = 1; k <= limit; k++) {
    const restores = PROCLITICS.get(word.slice(0, k));
    if (!restores) continue;
    const rest = word.slice(k);
    for (const restore of restores) readings.push(restore + rest);
  }
  return readings;
}

/** Whether a normalised word could begin with a proclitic at all (cheap pre-check for the hot loop). */
export function mayHaveProclitic(word: string): boolean {
  const first = word.charCodeAt(0);
  // و ف ب ل ك ا
  return first === 0x0648 || first === 0x0641 || first === 0x0628 || first === 0x0644 || first === 0x0643 || first === 0x0627;
}
