/**
 * Pull-style reading over a byte stream (a Node Readable from the blob store,
 * or any async iterable of chunks): peek at the head for sniffing, read exact
 * header fields, skip chunks, then hand the rest on chunk by chunk. Buffers
 * only what a read asks for, so a 60-minute WAV never sits in memory.
 */

/** Pieces a whole-file Buffer is cut into, so decoding it allocates like streaming does. */
const BUFFER_SLICE = 64 * 1024;

export type ByteSource = Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>;

export class ByteReader {
  /** Bytes consumed so far (read or skipped), i.e. the file offset of the next byte. */
  position = 0;
  private pending: Uint8Array[] = [];
  private pendingLength = 0;
  private ended = false;
  private readonly iterator: AsyncIterator<Uint8Array>;

  constructor(source: ByteSource) {
    const iterable = source instanceof Uint8Array ? sliced(source) : source;
    this.iterator = Symbol.asyncIterator in iterable ? iterable[Symbol.asyncIterator]() : fromSync(iterable[Symbol.iterator]());
  }

  /** Up to `n` bytes from the current position without consuming them; fewer only at end of stream. */
  async peek(n: number): Promise<Uint8Array> {
    await this.fill(n);
    return this.take(Math.min(n, this.pendingLength), false);
  }

  /** Up to `n` bytes; fewer only at end of stream. */
  async read(n: number): Promise<Uint8Array> {
    await this.fill(n);
    return this.take(Math.min(n, this.pendingLength), true);
  }

  /** Skips up to `n` bytes without keeping them; returns how many were skipped (fewer only at end of stream). */
  async skip(n: number): Promise<number> {
    let skipped = 0;
    while (skipped < n) {
      if (this.pendingLength === 0 && !(await this.pull())) break;
      const step = Math.min(n - skipped, this.pendingLength);
      this.take(step, true);
      skipped += step;
    }
    return skipped;
  }

  /** Consumes and yields up to `limit` bytes (default: the rest of the stream) in the source's own chunk sizes. */
  async *chunks(limit = Number.POSITIVE_INFINITY): AsyncGenerator<Uint8Array> {
    let left = limit;
    while (left > 0) {
      if (this.pendingLength === 0 && !(await this.pull())) return;
      const step = Math.min(left, this.pending[0]?.length ?? 0);
      left -= step;
      yield this.take(step, true);
    }
  }

  /** Stops the source early (destroys a Node stream); safe to call more than once. */
  async close(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    await this.iterator.return?.();
  }

  private async fill(n: number): Promise<void> {
    while (this.pendingLength < n && (await this.pull()));
  }

  private async pull(): Promise<boolean> {
    if (this.ended) return false;
    const next = await this.iterator.next();
    if (next.done) {
      this.ended = true;
      return false;
    }
    const chunk = next.value;
    if (chunk.length > 0) {
      this.pending.push(chunk);
      this.pendingLength += chunk.length;
    }
    return true;
  }

  private take(n: number, consume: boolean): Uint8Array {
    const first = this.pending[0];
    let out: Uint8Array;
    if (first && first.length >= n) {
      out = first.subarray(0, n);
    } else {
      out = new Uint8Array(n);
      let filled = 0;
      for (const chunk of this.pending) {
        if (filled === n) break;
        const part = chunk.subarray(0, n - filled);
        out.set(part, filled);
        filled += part.length;
      }
    }
    if (consume) this.drop(n);
    return out;
  }

  private drop(n: number): void {
    let left = n;
    while (left > 0) {
      const first = this.pending[0] as Uint8Array;
      if (first.length <= left) {
        this.pending.shift();
        left -= first.length;
      } else {
        this.pending[0] = first.subarray(left);
        left = 0;
      }
    }
    this.pendingLength -= n;
    this.position += n;
  }
}

function* sliced(bytes: Uint8Array): Generator<Uint8Array> {
  for (let offset = 0; offset < bytes.length; offset += BUFFER_SLICE) {
    yield bytes.subarray(offset, offset + BUFFER_SLICE);
  }
}

function fromSync(iterator: Iterator<Uint8Array>): AsyncIterator<Uint8Array> {
  return {
    next: () => Promise.resolve(iterator.next()),
    return: () => Promise.resolve(iterator.return?.() ?? { done: true, value: undefined }),
  };
}
