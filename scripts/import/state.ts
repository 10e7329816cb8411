/**
 * The import's memory between runs: which (source, externalId) pairs are already in
 * Parley, so a resumed run skips them without reading or uploading anything.
 * (Parley itself makes a repeated pair a duplicate; this only saves the work.)
 * Written atomically (temp file + rename), at most once a second and on exit, so
 * a crash loses at most the last second — those items then come back as duplicates.
 */
import fs from "node:fs/promises";

interface Entry {
  id: string;
  status: "created" | "duplicate";
  at: string;
}

interface StateFile {
  version: 1;
  updatedAt: string;
  done: Record<string, Record<string, Entry>>;
}

const SAVE_INTERVAL_MS = 1000;

export class ImportState {
  private timer: NodeJS.Timeout | null = null;
  private saving: Promise<void> = Promise.resolve();
  private dirty = false;

  private constructor(
    readonly path: string,
    private readonly data: StateFile,
  ) {}

  static async load(file: string, { fresh = false } = {}): Promise<ImportState> {
    const empty: StateFile = { version: 1, updatedAt: new Date().toISOString(), done: {} };
    if (fresh) return new ImportState(file, empty);
    const text = await fs.readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return null;
      throw error;
    });
    if (text === null) return new ImportState(file, empty);
    const parsed = JSON.parse(text) as Partial<StateFile>;
    if (parsed.version !== 1 || typeof parsed.done !== "object" || parsed.done === null) {
      throw new Error(`${file} is not a state file this version understands; move it away or run with --fresh`);
    }
    return new ImportState(file, { ...empty, done: parsed.done });
  }

  get size(): number {
    return Object.values(this.data.done).reduce((sum, bySource) => sum + Object.keys(bySource).length, 0);
  }

  has(source: string, externalId: string): boolean {
    return Object.hasOwn(this.data.done[source] ?? {}, externalId);
  }

  record(source: string, externalId: string, entry: { id: string; status: "created" | "duplicate" }): void {
    (this.data.done[source] ??= {})[externalId] = { ...entry, at: new Date().toISOString() };
    this.dirty = true;
    this.timer ??= setTimeout(() => {
      this.timer = null;
      // Reported, not fatal: the next save (at the latest on exit) tries again.
      this.save().catch((error: unknown) => console.error(`could not save ${this.path}: ${(error as Error).message}`));
    }, SAVE_INTERVAL_MS);
  }

  /** Writes now if anything changed; concurrent calls are serialised. */
  save(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.saving = this.saving.catch(() => undefined).then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      this.data.updatedAt = new Date().toISOString();
      const temp = `${this.path}.${process.pid}.tmp`;
      try {
        await fs.writeFile(temp, JSON.stringify(this.data));
        await fs.rename(temp, this.path);
      } catch (error) {
        this.dirty = true;
        throw error;
      }
    });
    return this.saving;
  }
}
