export { startProcessor, type RunningProcessor } from './processor.js';
export { analyzePage, type Analysis } from './analyze.js';
export { createAnalysisPool, type AnalysisPool } from './analysis-pool.js';
export { processAnalyzedPage } from './process-page.js';
