import { ResultType, Sniffer } from 'encoding-sniffer/sniffer';
import iconv from 'iconv-lite';

/**
 * Bytes of an HTML page to a JS string. Order: byte-order mark, the Content-Type charset, the
 * page's <meta> charset (first 4 KiB: Arabic sites often put long scripts before it), then
 * detection. Two real-world contradictions are resolved in the page's favour: a header saying
 * UTF-8 over bytes that are not UTF-8, and a server-default Latin-1 header over a page that
 * declares another charset (an Arabic windows-1256 page behind a stock Apache config).
 */

const LATIN1_DEFAULTS = new Set(['iso-8859-1', 'latin1', 'windows-1252', 'us-ascii', 'ascii', 'cp1252']);
const SNIFF_BYTES = 4096;

export interface DecodedBody {
  text: string;
  /** Charset used, as iconv-lite knows it. */
  charset: string;
  /** Where the charset came from. */
  source: 'bom' | 'header' | 'meta' | 'detected';
}

/** The charset parameter of a Content-Type header value, lower-cased, or undefined. */
export function headerCharset(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return match?.[1]?.toLowerCase();
}

function known(label: string | undefined): string | undefined {
  if (!label) return undefined;
  const normalized = label.trim().toLowerCase();
  return iconv.encodingExists(normalized) ? normalized : undefined;
}

function bomCharset(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return undefined;
}

/** The charset a <meta> tag (or XML declaration) in the first bytes declares. */
export function metaCharset(bytes: Uint8Array): string | undefined {
  const sniffer = new Sniffer({ maxBytes: SNIFF_BYTES });
  sniffer.write(bytes.subarray(0, SNIFF_BYTES));
  const declared = sniffer.resultType === ResultType.META_TAG || sniffer.resultType === ResultType.XML_ENCODING;
  return declared ? known(sniffer.encoding) : undefined;
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });
const isUtf8Label = (label: string) => label === 'utf-8' || label === 'utf8';

/** The text when the bytes are valid UTF-8, else undefined: validating and decoding are one pass. */
function tryUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8Strict.decode(bytes);
  } catch {
    return undefined;
  }
}

export function isValidUtf8(bytes: Uint8Array): boolean {
  return tryUtf8(bytes) !== undefined;
}

/**
 * Undeclared and not UTF-8: Arabic letters in windows-1256 sit in 0xC1-0xFE, where Western
 * European text uses accented letters sparsely; a high share of such bytes among the non-ASCII
 * ones means windows-1256.
 */
function detectSingleByte(bytes: Uint8Array): string {
  let high = 0;
  let arabicLetters = 0;
  const limit = Math.min(bytes.length, 256 * 1024);
  for (let i = 0; i < limit; i++) {
    const b = bytes[i]!;
    if (b < 0x80) continue;
    high++;
    if ((b >= 0xc1 && b <= 0xdf && b !== 0xd7) || b === 0xe1 || (b >= 0xe3 && b <= 0xe6) || b === 0xec || b === 0xed) arabicLetters++;
  }
  return high > 20 && arabicLetters / high > 0.6 ? 'windows-1256' : 'windows-1252';
}

export function decodeHtml(bytes: Uint8Array, contentType?: string): DecodedBody {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const decode = (charset: string, source: DecodedBody['source']): DecodedBody => ({
    text: iconv.decode(buffer, charset),
    charset,
    source,
  });
  const utf8 = (source: DecodedBody['source']): DecodedBody | undefined => {
    const text = tryUtf8(bytes);
    return text === undefined ? undefined : { text, charset: 'utf-8', source };
  };

  const bom = bomCharset(bytes);
  if (bom) return decode(bom, 'bom');

  const fromHeader = known(headerCharset(contentType));
  if (fromHeader && !LATIN1_DEFAULTS.has(fromHeader)) {
    if (!isUtf8Label(fromHeader)) return decode(fromHeader, 'header');
    // A UTF-8 header over bytes that are not UTF-8 is contradicted: the page decides.
    const text = utf8('header');
    if (text) return text;
  }
  const fromMeta = metaCharset(bytes);
  // A Latin-1 header is often a server default; a page declaring another charset knows better.
  if (fromHeader && LATIN1_DEFAULTS.has(fromHeader) && (fromMeta === undefined || LATIN1_DEFAULTS.has(fromMeta))) return decode(fromHeader, 'header');
  if (fromMeta) {
    if (!isUtf8Label(fromMeta)) return decode(fromMeta, 'meta');
    // A page may declare UTF-8 and be something else; the meta tag is then the weaker witness.
    const text = utf8('meta');
    if (text) return text;
    return decode(detectSingleByte(bytes), 'detected');
  }
  return utf8('detected') ?? decode(detectSingleByte(bytes), 'detected');
}
