/**
 * The two ways a recording can be refused. Both are DomainErrors labelled
 * `invalid` (422), so an upload route shows the message as it is; both are
 * permanent, so the waveform job must not retry them (a StorageError is the
 * transient kind).
 */
import { DomainError } from "../../lib/errors";

/** The bytes are not audio Parley can decode: wrong kind of file, or a codec we do not support (yet). */
export class UnsupportedRecordingError extends DomainError {
  override name = "UnsupportedRecordingError";
  readonly permanent = true;
  constructor(readonly reason: string) {
    super("invalid", `This file is not a supported recording: ${reason}`, { recording: reason });
  }
}

export type DecodeFailure = "truncated" | "corrupt" | "empty";

/** A supported format whose content is broken: a cut-off upload, a mangled header, no audio frames. */
export class RecordingDecodeError extends DomainError {
  override name = "RecordingDecodeError";
  readonly permanent = true;
  constructor(
    readonly failure: DecodeFailure,
    readonly reason: string,
  ) {
    super("invalid", `The recording could not be decoded: ${reason}`, { recording: reason });
  }
}
