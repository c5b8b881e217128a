/**
 * V8 flags every Khabar service process starts with (the Dockerfile sets the same NODE_OPTIONS;
 * test/compose.test.ts checks they agree). Without a cap V8 lets a busy processor's heap grow to
 * hundreds of MB of garbage between collections; with it the processor stays near 250 MB at the
 * default concurrency (bench:pipeline) at the same throughput.
 */
export const SERVICE_NODE_OPTIONS = '--max-old-space-size=192 --max-semi-space-size=2';
