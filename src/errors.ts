/**
 * Coded errors, after bolt-js: one base class with a stable `code`, an optional `cause`,
 * and a message that names the failing value and where it came from.
 */

/** Every failure paperbot reports on purpose has one of these codes. */
export enum ErrorCode {
  /** A corpus file or record could not be read or did not validate. */
  CorpusInvalid = 'paperbot_corpus_invalid',
  /** The corpus path holds no papers at all (or does not exist). */
  CorpusEmpty = 'paperbot_corpus_empty',
  /** A command was called with a missing or invalid option. */
  InvalidOption = 'paperbot_invalid_option',
  /** A paper id (or result number) that is not in the corpus. */
  UnknownPaper = 'paperbot_unknown_paper',
  /** A command name that does not exist. */
  UnknownCommand = 'paperbot_unknown_command',
  /** A benchmark input (queries, qrels) that could not be read. */
  EvalInputInvalid = 'paperbot_eval_input_invalid',
  /** The environment (.env) is missing or has invalid settings. */
  ConfigInvalid = 'paperbot_config_invalid',
  /** A serialised index of another version. */
  IndexVersionMismatch = 'paperbot_index_version_mismatch',
  /** An index snapshot file that is truncated, corrupt or not a snapshot (it is rebuilt, never trusted). */
  SnapshotInvalid = 'paperbot_snapshot_invalid',
  /** The store (DATABASE_URL) cannot be opened, reached or migrated. */
  StoreUnavailable = 'paperbot_store_unavailable',
  /** Fetching new papers (arXiv, Hugging Face) failed. */
  SyncFailed = 'paperbot_sync_failed',
  /** A digest could not be posted (see DigestPostError.outcome). */
  DigestPostFailed = 'paperbot_digest_post_failed',
  /** An index worker thread stopped, timed out or was shut down before it answered (the question may be asked again). */
  IndexUnavailable = 'paperbot_index_unavailable',
  /** Anything not raised on purpose; wrapped by {@link asCodedError}. */
  Unknown = 'paperbot_unknown_error',
}

/** Base class of all paperbot errors. */
export class PaperbotError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A problem in user-supplied input that the user can fix (bad option, unknown id, …). */
export class InvalidOptionError extends PaperbotError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(ErrorCode.InvalidOption, message, options);
  }
}

export class UnknownPaperError extends PaperbotError {
  constructor(readonly ref: string) {
    super(ErrorCode.UnknownPaper, `No paper "${ref}" in the corpus. Use an id from a result list, or its number (1, 2, …).`);
  }
}

export class UnknownCommandError extends PaperbotError {
  constructor(readonly command: string, known: readonly string[]) {
    super(ErrorCode.UnknownCommand, `Unknown command "${command}". Commands: ${known.join(', ')}.`);
  }
}

export class CorpusError extends PaperbotError {}

export class EvalInputError extends PaperbotError {
  constructor(message: string) {
    super(ErrorCode.EvalInputInvalid, message);
  }
}

export class ConfigError extends PaperbotError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(ErrorCode.ConfigInvalid, message, options);
  }
}

/** Wraps anything thrown into a {@link PaperbotError}, keeping the original as `cause`. */
export function asCodedError(error: unknown): PaperbotError {
  if (error instanceof PaperbotError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new PaperbotError(ErrorCode.Unknown, message, { cause: error });
}
