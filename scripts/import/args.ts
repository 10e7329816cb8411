/** Command-line options of `npm run import` (pure: no I/O). */

export interface ImportOptions {
  /** A folder, or a manifest (.json array / .jsonl rows). */
  target: string;
  /** Source given to items whose metadata names none. */
  source: string;
  concurrency: number;
  apiUrl: string | null;
  token: string | null;
  /** Direct mode: the user the import is recorded as (default: the first admin). */
  as: string | null;
  /** Finish at most this many items in this run, then stop as after Ctrl-C (tests, trial runs). */
  stopAfter: number | null;
  /** Ignore the state file: re-send everything (duplicates are still skipped by the server). */
  fresh: boolean;
}

export const usage = `Usage: npm run import -- <folder | manifest.json | manifest.jsonl> [options]

Imports interactions through the same use case as the upload page and the API.

  A folder: each transcript file is one interaction (call-17.vtt), with an optional
  recording of the same name (call-17.wav) and optional metadata (call-17.meta.json:
  {"agent": "dana@example.com", "startedAt": "2026-03-01T09:30:00Z", "externalId": …}).
  A manifest: rows like the API's import request, with "transcriptFile" and
  "recordingFile" paths relative to the manifest.

Options:
  --source NAME        source for items that name none (default "import"); (source, externalId)
                       makes a re-import a duplicate
  --concurrency N      imports in flight (default 4)
  --api-url URL        import through a running Parley's REST API instead of the database
  --token TOKEN        API token for --api-url (or set PARLEY_API_TOKEN)
  --as EMAIL           direct mode: the admin or QA lead the import is recorded as
  --stop-after N       stop after N items (a trial run); run again to continue
  --fresh              ignore the state file of an earlier run
  -h, --help           this help

Progress is saved in .parley-import-state.json next to the folder's files or the
manifest; after Ctrl-C or a failure, run the same command again to continue.`;

export class UsageError extends Error {
  override name = "UsageError";
}

export function parseArgs(argv: readonly string[], env: Record<string, string | undefined> = process.env): ImportOptions | "help" {
  const options: ImportOptions = {
    target: "",
    source: "import",
    concurrency: 4,
    apiUrl: null,
    token: env.PARLEY_API_TOKEN || null,
    as: null,
    stopAfter: null,
    fresh: false,
  };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = () => {
      const next = inline ?? argv[++i];
      if (next === undefined || next === "") throw new UsageError(`${flag} needs a value`);
      return next;
    };
    const count = () => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a whole number of at least 1`);
      return n;
    };
    switch (flag) {
      case "-h":
      case "--help":
        return "help";
      case "--source":
        options.source = value();
        if (!/^[A-Za-z0-9._:-]{1,64}$/.test(options.source)) throw new UsageError("--source: use letters, digits, . _ : - (at most 64)");
        break;
      case "--concurrency":
        options.concurrency = Math.min(count(), 64);
        break;
      case "--api-url":
        options.apiUrl = value().replace(/\/+$/, "").replace(/\/api\/v1$/, "");
        if (!/^https?:\/\//.test(options.apiUrl)) throw new UsageError("--api-url must start with http:// or https://");
        break;
      case "--token":
        options.token = value();
        break;
      case "--as":
        options.as = value();
        break;
      case "--stop-after":
        options.stopAfter = count();
        break;
      case "--fresh":
        options.fresh = true;
        break;
      default:
        if (arg.startsWith("-")) throw new UsageError(`unknown option ${arg}`);
        positional.push(arg);
    }
  }
  if (positional.length !== 1) throw new UsageError(positional.length ? "give one folder or manifest" : "give a folder or a manifest to import");
  options.target = positional[0] as string;
  if (options.apiUrl && !options.token) throw new UsageError("--api-url needs --token (or PARLEY_API_TOKEN)");
  if (!options.apiUrl && options.token) throw new UsageError("--token is only used with --api-url");
  if (options.apiUrl && options.as) throw new UsageError("--as is only used without --api-url: the token decides who imports");
  return options;
}
