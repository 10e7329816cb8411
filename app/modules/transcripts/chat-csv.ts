/**
 * A chat as CSV (or semicolon/tab separated): a header row naming the columns
 * (flexible names, see chat-rows.ts), then one message per row. Parsed with
 * csv-parse, so quoted fields, embedded commas and line breaks work.
 */
import { CsvError } from "csv-parse";
import { parse } from "csv-parse/sync";
import { chatRowsToTranscript, findKey, type ChatField, type ChatRowInput } from "./chat-rows";
import { normalizeText, quote } from "./text";
import { lineError, type ImportOptions, type ImportResult } from "./types";

/** The separator of a header line: the most frequent of comma, semicolon and tab. */
export function sniffDelimiter(headerLine: string): string {
  const counts = [",", ";", "\t"].map((candidate) => ({ candidate, count: headerLine.split(candidate).length - 1 }));
  return counts.reduce((best, next) => (next.count > best.count ? next : best)).candidate;
}

interface Parsed {
  record: string[];
  info: { lines: number };
  raw: string;
}

export function importChatCsv(text: string, options: ImportOptions = {}): ImportResult {
  const source = normalizeText(text);
  const headerLine = source.split("\n", 1)[0] ?? "";
  if (source.trim() === "") throw lineError("chat-csv", 1, "the file is empty");
  let records: Parsed[];
  try {
    records = parse(source, { delimiter: sniffDelimiter(headerLine), info: true, raw: true, skip_empty_lines: true }) as unknown as Parsed[];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = typeof error.lines === "number" ? error.lines : 1;
    throw lineError("chat-csv", line, describeCsvError(error));
  }
  const [header, ...rows] = records;
  if (!header) throw lineError("chat-csv", 1, "the file is empty");

  const names = header.record.map((name) => name.trim());
  const column = (field: ChatField) => {
    const key = findKey(names, field);
    return key === undefined ? -1 : names.indexOf(key);
  };
  const speakerColumn = column("speaker") >= 0 ? column("speaker") : column("role");
  const roleColumn = column("role");
  const timeColumn = column("time");
  const textColumn = column("text");
  if (speakerColumn < 0 || textColumn < 0) {
    const missing = speakerColumn < 0 ? "a speaker column (speaker, role, author or from)" : "a text column (text, message or body)";
    throw lineError("chat-csv", 1, `the header row needs ${missing}; found ${quote(headerLine, 100)}`);
  }
  if (rows.length === 0) throw lineError("chat-csv", 2, "the file has a header but no messages");

  const inputs = rows.map(({ record, info, raw }): ChatRowInput => {
    // info.lines is the line the record ends on; a quoted field may span lines.
    const line = info.lines - (raw.replace(/\n$/, "").match(/\n/g)?.length ?? 0);
    const columns = { speaker: speakerColumn, text: textColumn, timestamp: timeColumn };
    const cell = (index: number) => (index >= 0 ? record[index] : undefined);
    return {
      fail: (field, why) => lineError("chat-csv", line, `${names[columns[field]] ?? field} ${why}`),
      speaker: cell(speakerColumn)?.trim() || undefined,
      role: roleColumn === speakerColumn ? undefined : cell(roleColumn),
      time: cell(timeColumn)?.trim() || undefined,
      text: cell(textColumn),
    };
  });
  return chatRowsToTranscript("chat-csv", inputs, options, []);
}

function describeCsvError(error: CsvError): string {
  if (error.code === "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH") {
    const match = /expect (\d+), got (\d+)/.exec(error.message);
    if (match) return `the row has ${match[2]} fields but the header has ${match[1]} (quote fields that contain the separator)`;
  }
  if (error.code === "CSV_QUOTE_NOT_CLOSED") return "a quoted field is never closed";
  if (error.code === "INVALID_OPENING_QUOTE") return 'a quote (") inside an unquoted field; quote the whole field and double the inner quotes';
  return error.message.replace(/\s*(on|at) line \d+.*$/, "");
}
