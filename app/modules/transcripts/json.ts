/**
 * JSON for the JSON formats: parsing with a line and column on syntax errors, and
 * typed reads that fail with the JSON path of the field and what is wrong with it
 * (`Amazon Transcribe: results.items[3].start_time is missing`).
 */
import { normalizeText, quote } from "./text";
import { ImportError, formatLabels, type TranscriptFormat } from "./types";

export type JsonObject = Record<string, unknown>;

export function parseJson(format: TranscriptFormat, text: string): unknown {
  const source = normalizeText(text);
  try {
    return JSON.parse(source) as unknown;
  } catch (error) {
    const found = locateJsonError(source);
    if (!found) throw new ImportError(format, `${formatLabels[format]}: not valid JSON (${String(error)})`);
    const before = source.slice(0, found.offset);
    const line = before.split("\n").length;
    const column = found.offset - before.lastIndexOf("\n");
    throw new ImportError(format, `${formatLabels[format]} line ${line}, column ${column}: not valid JSON: ${found.why}`);
  }
}

/** Finds where and why JSON.parse failed; V8's own messages often omit the position. */
export function locateJsonError(s: string): { offset: number; why: string } | null {
  let i = 0;
  class Stop {
    constructor(readonly why: string) {}
  }
  const here = () => (i < s.length ? quote(s.slice(i, i + 1)) : "the end of the file");
  const ws = () => {
    while (i < s.length && " \t\n\r".includes(s.charAt(i))) i++;
  };
  const string = () => {
    i++;
    for (;;) {
      const c = s.charCodeAt(i);
      if (Number.isNaN(c)) throw new Stop("a string is not closed");
      if (c === 0x22) return void i++;
      if (c < 0x20) throw new Stop("a line break or control character inside a string");
      if (c === 0x5c) {
        if (!/^(["\\/bfnrt]|u[0-9a-fA-F]{4})/.test(s.slice(i + 1, i + 6))) throw new Stop("a bad escape sequence");
        i += s.charAt(i + 1) === "u" ? 6 : 2;
      } else i++;
    }
  };
  const list = (close: string, item: () => void) => {
    i++;
    ws();
    if (s.charAt(i) === close) return void i++;
    for (;;) {
      item();
      ws();
      if (s.charAt(i) === close) return void i++;
      if (s.charAt(i) !== ",") throw new Stop(`expected "," or "${close}", found ${here()}`);
      i++;
      ws();
      if (s.charAt(i) === close) throw new Stop(`a trailing comma before "${close}"`);
    }
  };
  const value = (): void => {
    ws();
    const c = s.charAt(i);
    if (c === "") throw new Stop("the file ends too early");
    if (c === "{") {
      return list("}", () => {
        ws();
        if (s.charAt(i) !== '"') throw new Stop(`expected a double-quoted property name, found ${here()}`);
        string();
        ws();
        if (s.charAt(i) !== ":") throw new Stop(`expected ":" after a property name, found ${here()}`);
        i++;
        value();
      });
    }
    if (c === "[") return list("]", value);
    if (c === '"') return string();
    const number = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
    number.lastIndex = i;
    if (number.test(s)) return void (i = number.lastIndex);
    const literal = ["true", "false", "null"].find((word) => s.startsWith(word, i));
    if (literal) return void (i += literal.length);
    throw new Stop(`unexpected ${here()}`);
  };
  try {
    value();
    ws();
    if (i < s.length) throw new Stop(`unexpected ${here()} after the end of the JSON value`);
    return null;
  } catch (error) {
    if (error instanceof Stop) return { offset: i, why: error.why };
    return null; // nesting too deep for the locator: fall back to V8's message
  }
}

export function childPath(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return quote(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return typeof value;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Typed reads for one format; every failure names the path. `path` "" is the file itself. */
export function jsonReader(format: TranscriptFormat) {
  const label = formatLabels[format];
  const fail = (path: string, why: string) => new ImportError(format, `${label}: ${path || "the file"} ${why}`);
  const missing = (value: unknown) => value === undefined || value === null;
  const wrong = (path: string, expected: string, value: unknown) =>
    missing(value) ? fail(path, "is missing") : fail(path, `should be ${expected}, found ${describeValue(value)}`);

  const reader = {
    fail,
    object(value: unknown, path: string): JsonObject {
      if (!isObject(value)) throw wrong(path, "an object", value);
      return value;
    },
    array(value: unknown, path: string): unknown[] {
      if (!Array.isArray(value)) throw wrong(path, "an array", value);
      return value;
    },
    string(value: unknown, path: string): string {
      if (typeof value === "string") return value;
      if (typeof value === "number") return String(value);
      throw wrong(path, "a string", value);
    },
    optionalString(value: unknown, path: string): string | undefined {
      return missing(value) ? undefined : reader.string(value, path);
    },
    /** A finite number; numeric strings count ("4.87" in Amazon Transcribe). */
    number(value: unknown, path: string): number {
      const parsed = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
      if (typeof parsed === "number" && Number.isFinite(parsed)) return parsed;
      throw wrong(path, "a number", value);
    },
    optionalNumber(value: unknown, path: string): number | undefined {
      return missing(value) ? undefined : reader.number(value, path);
    },
    /** Seconds (possibly fractional) to whole non-negative milliseconds. */
    seconds(value: unknown, path: string): number {
      const seconds = reader.number(value, path);
      if (seconds < 0) throw fail(path, `should not be negative, found ${seconds}`);
      return Math.round(seconds * 1000);
    },
    milliseconds(value: unknown, path: string): number {
      const ms = reader.number(value, path);
      if (ms < 0) throw fail(path, `should not be negative, found ${ms}`);
      return Math.round(ms);
    },
  };
  return reader;
}

export type JsonReader = ReturnType<typeof jsonReader>;
