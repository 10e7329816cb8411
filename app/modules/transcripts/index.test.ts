import { describe, expect, it } from "vitest";
import { importTranscript, ImportError, MAX_IMPORT_BYTES } from "./index";
import { errorOf, fixture, fixtureBytes } from "./test-fixtures";

describe("importTranscript", () => {
  it("detects and dispatches", () => {
    const result = importTranscript("recording-77.json", fixtureBytes("transcribe-channels.json"));
    expect(result.format).toBe("aws-transcribe");
    expect(result.transcript.segments).toHaveLength(3);
  });

  it("takes a string as well as bytes, and a forced format", () => {
    expect(importTranscript("x.txt", fixture("call.srt")).format).toBe("srt");
    expect(errorOf(() => importTranscript("x.json", fixture("chat.json"), { format: "deepgram" }))).toBe("Deepgram: results is missing");
  });

  it("refuses files over the size limit before reading them", () => {
    expect(MAX_IMPORT_BYTES).toBe(50 * 1024 * 1024);
    const big = new Uint8Array(MAX_IMPORT_BYTES + 1);
    expect(errorOf(() => importTranscript("huge.json", big))).toBe("huge.json is 50.0 MiB, over the 50 MiB limit for transcript files.");
    expect(errorOf(() => importTranscript("call.vtt", fixtureBytes("call.vtt"), { maxBytes: 100 }))).toMatch(/^call\.vtt is \d+ bytes, over the 100 bytes limit for transcript files\.$/);
  });

  it("refuses empty files and unknown formats with a clear message", () => {
    expect(errorOf(() => importTranscript("empty.vtt", new Uint8Array([0xef, 0xbb, 0xbf, 0x0a])))).toBe("empty.vtt is empty.");
    expect(errorOf(() => importTranscript("notes.txt", "Just some notes\n"))).toBe(
      'notes.txt: not a transcript format Parley knows (the first line is "Just some notes"). Supported: Canonical JSON, WebVTT, SRT, Amazon Transcribe, Amazon Connect Contact Lens, Deepgram, AssemblyAI, OpenAI Whisper, Chat JSON, Chat CSV, Zendesk, Intercom.',
    );
    expect(errorOf(() => importTranscript("prompts.json", '[{"file":"a.wav","text":"Hello","duration_s":1}]'))).toMatch(
      /^prompts\.json: JSON that is not a transcript format Parley knows \(an array of 1 items with file, text, duration_s\)\./,
    );
  });

  it("names the line and column of broken JSON it cannot identify, with a hint for JSON Lines", () => {
    expect(errorOf(() => importTranscript("x.json", '{\n  "a": 1,\n}'))).toBe('x.json line 3, column 1: not valid JSON: a trailing comma before "}"');
    expect(errorOf(() => importTranscript("chats.jsonl", '{"turns":[]}\n{"turns":[]}\n'))).toBe(
      'chats.jsonl line 2, column 1: not valid JSON: unexpected "{" after the end of the JSON value (JSON Lines holds one conversation per line: import one conversation per file)',
    );
  });

  it("reads UTF-8 with BOM and CRLF, UTF-16 with BOM, and Windows-1252 with a warning", () => {
    expect(importTranscript("a.vtt", fixtureBytes("crlf-bom.vtt")).transcript.segments[0]?.text).toBe("Hello from Windows.");
    const csv = "time\tspeaker\ttext\r\n2024-05-02T10:00:00Z\tcustomer\tGrüße aus Köln\r\n";
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(csv, "utf16le"))]);
    expect(importTranscript("chat.txt", utf16).transcript.segments[0]?.text).toBe("Grüße aus Köln");
    // "Grüße – bis bald" as Windows-1252 bytes: ü = 0xfc, ß = 0xdf, en dash = 0x96.
    const windows1252 = Buffer.from("time,speaker,text\n2024-05-02T10:00:00Z,customer,Gr\u00fc\u00dfe \u0096 bis bald\n", "latin1");
    const latin = importTranscript("chat.csv", new Uint8Array(windows1252));
    expect(latin.transcript.segments[0]?.text).toBe("Grüße – bis bald");
    expect(latin.warnings).toEqual(["The file is not valid UTF-8; it was read as Windows-1252."]);
  });

  it("recognises UTF-16 without a byte-order mark, and says how it read the file", () => {
    const csv = "time,speaker,text\n2024-05-02T10:00:00Z,customer,Grüße aus Köln\n2024-05-02T10:00:30Z,agent,Hallo!\n";
    const little = importTranscript("chat.csv", new Uint8Array(Buffer.from(csv, "utf16le")));
    expect(little.transcript.segments.map((segment) => segment.text)).toEqual(["Grüße aus Köln", "Hallo!"]);
    expect(little.warnings).toEqual(["The file has no byte-order mark; it was read as UTF-16LE."]);
    expect(little.encoding).toBe("utf-16le");
    const big = new Uint8Array(Buffer.from(csv, "utf16le").swap16());
    expect(importTranscript("chat.csv", big).warnings).toEqual(["The file has no byte-order mark; it was read as UTF-16BE."]);
    // A declared encoding is used as it is, without a guess or a warning.
    expect(importTranscript("chat.csv", new Uint8Array(Buffer.from(csv, "utf16le")), { encoding: "utf-16le" }).warnings).toEqual([]);
  });

  it("names the encoding a refused file was read as", () => {
    const broken = new Uint8Array(Buffer.from("WEBVTT\n\n00:05.000 --> 00:01.000\n<v Dana>Hi\n", "utf16le"));
    expect(errorOf(() => importTranscript("call.vtt", broken))).toBe(
      'WebVTT line 3: cue timing "00:05.000 --> 00:01.000" ends before it starts (read as UTF-16LE)',
    );
    const notes = new Uint8Array([0xff, 0xfe, ...Buffer.from("Just some notes\n", "utf16le")]);
    expect(errorOf(() => importTranscript("notes.txt", notes))).toMatch(/^notes\.txt \(read as UTF-16LE\): not a transcript format Parley knows/);
    // Bytes that are not what was declared are refused naming the declaration.
    expect(errorOf(() => importTranscript("chat.csv", new Uint8Array([0x61, 0xd8, 0x00, 0x00]), { encoding: "utf-16le" }))).toBe(
      "chat.csv cannot be read: the bytes are not valid UTF-16LE.",
    );
  });

  it("refuses UTF-16 text that was already read as UTF-8, with the way out", () => {
    // What `jq --rawfile` makes of a UTF-16LE file with a BOM: the BOM's bytes replaced, a NUL after every letter.
    const garbled = "\ufffd\ufffd" + "WEBVTT\n\n00:00.000 --> 00:01.000\nHi\n".split("").join("\u0000") + "\u0000";
    expect(errorOf(() => importTranscript("call.vtt", garbled))).toBe(
      "call.vtt is UTF-16 text that was read as UTF-8 (a NUL beside every letter), so its characters are lost. " +
        "Send the file's bytes base64-encoded as transcript.contentBase64, or convert it to UTF-8 first.",
    );
  });

  it("repairs UTF-8 that was read as Latin-1, and says so", () => {
    const mojibake = "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Agent>When we e-mailed\u00e2\u0080\u0094\n";
    const result = importTranscript("a.vtt", new TextEncoder().encode(mojibake));
    expect(result.transcript.segments[0]?.text).toBe("When we e-mailed\u2014");
    expect(result.warnings).toEqual(["Repaired characters that had been mis-encoded (UTF-8 read as Latin-1)."]);
  });

  it("passes speakerRoles to the importer and returns the source speakers", () => {
    const result = importTranscript("call.vtt", fixtureBytes("call.vtt"), { speakerRoles: { Dana: "customer" } });
    expect(result.speakers.map((s) => [s.label, s.guessedRole, s.role, s.segments])).toEqual([
      ["Dana", "agent", "customer", 4],
      ["Customer", "customer", "customer", 3],
    ]);
  });

  it("throws ImportError, a DomainError that answers 422", () => {
    try {
      importTranscript("bad.vtt", fixtureBytes("end-before-start.vtt"));
    } catch (error) {
      expect(error).toBeInstanceOf(ImportError);
      expect(error).toMatchObject({ status: 422, code: "invalid", format: "webvtt" });
      return;
    }
    throw new Error("expected an ImportError");
  });
});
