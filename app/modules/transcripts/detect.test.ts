import { describe, expect, it } from "vitest";
import { detectFormat } from "./detect";
import { fixture } from "./test-fixtures";

describe("detectFormat", () => {
  it.each([
    ["call.vtt", "webvtt"],
    ["crlf-bom.vtt", "webvtt"],
    ["call.srt", "srt"],
    ["names.srt", "srt"],
    ["canonical-call.json", "canonical"],
    ["transcribe-diarization.json", "aws-transcribe"],
    ["transcribe-channels.json", "aws-transcribe"],
    ["contact-lens-voice.json", "aws-contact-lens"],
    ["deepgram-utterances.json", "deepgram"],
    ["deepgram-multichannel.json", "deepgram"],
    ["assemblyai-utterances.json", "assemblyai"],
    ["whisper-verbose.json", "whisper"],
    ["chat.json", "chat-json"],
    ["chat-missing-text.json", "chat-json"],
    ["chat.csv", "chat-csv"],
    ["chat-semicolon-bad.csv", "chat-csv"],
    ["zendesk-comments.json", "zendesk"],
    ["intercom-conversation.json", "intercom"],
  ] as const)("%s is %s", (name, format) => {
    expect(detectFormat(name, fixture(name))).toBe(format);
  });

  it("trusts the content over the extension", () => {
    expect(detectFormat("export.txt", fixture("call.vtt"))).toBe("webvtt");
    expect(detectFormat("captions.vtt", fixture("call.srt"))).toBe("srt");
    expect(detectFormat("transcript.txt", fixture("deepgram-utterances.json"))).toBe("deepgram");
    expect(detectFormat("chat.txt", fixture("chat.csv"))).toBe("chat-csv");
    expect(detectFormat("call.srt", "00:00:01,000 --> 00:00:02,000\nHi\n")).toBe("srt");
  });

  it("falls back to the extension when the content is broken, so the importer can name the line", () => {
    expect(detectFormat("call.srt", "1\nhello\n")).toBe("srt");
    expect(detectFormat("call.vtt", fixture("no-header.vtt"))).toBe("webvtt");
    expect(detectFormat("chat.csv", fixture("chat-no-header.csv"))).toBe("chat-csv");
  });

  it("tells chat rows from other JSON and returns null for the unknown", () => {
    expect(detectFormat("a.json", '{"utterances":[{"speaker":"agent","text":"Hi","at":"2024-01-01T00:00:00Z"}]}')).toBe("chat-json");
    expect(detectFormat("a.json", '[{"file":"hello.wav","text":"Hello world.","duration_s":1.4}]')).toBeNull();
    expect(detectFormat("a.json", '{"text":"Hello","language":"en"}')).toBe("whisper");
    expect(detectFormat("a.json", '{"hello": }')).toBeNull();
    expect(detectFormat("notes.txt", "Just some notes\nabout a call\n")).toBeNull();
  });
});
