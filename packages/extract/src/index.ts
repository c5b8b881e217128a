export { extractArticle, emptyArticle, MAX_HTML_CHARS } from './extract-article.js';
export { parseDateValue, findDateInText, dateFromUrl } from './dates.js';
export { detectLanguage } from './language.js';
