export {
  syncCorpus,
  formatSyncReport,
  describeSource,
  SYNC_FILES,
  type SyncOptions,
  type SyncReport,
  type SyncSourceReport,
  type SyncSource,
} from './sync-corpus.js';
export { SYNC_CLI_FLAGS, DEFAULT_ARXIV_MAX, syncSourcesFromFlags, type SyncFlags, type SyncFlagSpec } from './sync-flags.js';
export { createSyncSchedule, MIN_SYNC_INTERVAL_MS, type SyncSchedule, type SyncScheduleOptions } from './sync-schedule.js';
export {
  createHttpClient,
  SyncError,
  type FetchLike,
  type FetchResponse,
  type HttpClient,
  type HttpClientOptions,
} from './http.js';
export { DEFAULT_ARXIV_API_URL, MAX_ARXIV_RESULTS, type ArxivSource } from './arxiv.js';
export { DEFAULT_HF_API_URL, type HfDailySource } from './hf-daily.js';
export type { SyncIssue, SyncRecord, SyncSourceKind } from './sync-record.js';
