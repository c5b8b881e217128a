export { extractArticle, extractArticleOrThrow, emptyArticle, MAX_HTML_CHARS, type ExtractOptions } from './extract-article.js';
export { RULES, type Rule } from './rules.js';
export { parseDateValue, findDateInText, dateFromUrl } from './dates.js';
export { detectLanguage } from './language.js';
