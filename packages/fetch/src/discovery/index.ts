export { parseSource, parseRobotsSitemaps, UnreadableSourceError, type ParsedSource, type DiscoveredLink, type SourceKind } from './parse.js';
export { SeenUrls } from './seen.js';
export { parseEvery, formatEvery } from './every.js';
export {
  addSource,
  listSources,
  removeSource,
  getSource,
  pollSourceNow,
  sourceId,
  sourcePollJobSchema,
  SourceInputError,
  type SourceRecord,
  type SourcePollJob,
  type SourcesDeps,
} from './sources.js';
export { pollSource, type PollDeps, type PollResult } from './poll.js';
