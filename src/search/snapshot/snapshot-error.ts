import { ErrorCode, PaperbotError } from '../../errors.js';

/**
 * Why a snapshot was refused: `not-a-snapshot` (no PBIX magic), `version` (another format
 * version), `truncated` (shorter than its header says), `corrupt` (checksum or layout wrong),
 * `key` (a snapshot of another corpus or ranking).
 */
export type SnapshotProblem = 'not-a-snapshot' | 'version' | 'truncated' | 'corrupt' | 'key';

/** A snapshot that cannot be trusted; the cache rebuilds the index and logs the message. */
export class SnapshotError extends PaperbotError {
  constructor(
    readonly problem: SnapshotProblem,
    message: string,
  ) {
    super(problem === 'version' ? ErrorCode.IndexVersionMismatch : ErrorCode.SnapshotInvalid, `index snapshot ${problem === 'version' ? 'of another version' : problem.replace(/-/g, ' ')}: ${message}`);
  }
}
