export { openImport, detectImportKind, readWarc, readHtmlDirectory, readJsonLines, ImportInputError, type ImportReader, type ImportItem, type ImportKind, type ImportProgress, type ReaderOptions } from './readers.js';
export { importPages, producerSink, type ImportSink, type ImportSummary, type ImportOptions } from './import-pages.js';
