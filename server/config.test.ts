import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./config";

describe("parseConfig", () => {
  it("applies defaults to an empty environment", () => {
    const config = parseConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.S3_BUCKET).toBe("parley");
    expect(config.JOBS_IN_PROCESS).toBe(true);
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it("names each bad variable in one message", () => {
    const attempt = () => parseConfig({ PORT: "eighty", DATABASE_URL: "mysql://x", JOBS_IN_PROCESS: "maybe" });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/PORT: .*\(got "eighty"\)/);
    expect(attempt).toThrow(/DATABASE_URL: must be a postgres:\/\/ connection URL/);
    expect(attempt).toThrow(/JOBS_IN_PROCESS: must be true or false/);
  });

  it("requires credentials with an external S3 endpoint and never echoes secrets", () => {
    expect(() => parseConfig({ S3_ENDPOINT: "https://s3.example.com" })).toThrow(/S3_ACCESS_KEY_ID: is required when S3_ENDPOINT is set/);
    try {
      parseConfig({ S3_ENDPOINT: "not a url", S3_SECRET_ACCESS_KEY: "hunter2" });
    } catch (error) {
      expect(String(error)).not.toContain("hunter2");
    }
  });

  it("collects garbage sooner than V8 would by default, and takes 0 for V8's own factor", () => {
    expect(parseConfig({}).HEAP_GROWING_PERCENT).toBe(50);
    expect(parseConfig({ HEAP_GROWING_PERCENT: "0" }).HEAP_GROWING_PERCENT).toBe(0);
    expect(() => parseConfig({ HEAP_GROWING_PERCENT: "-5" })).toThrow(/HEAP_GROWING_PERCENT: /);
    expect(() => parseConfig({ HEAP_GROWING_PERCENT: "1000" })).toThrow(/HEAP_GROWING_PERCENT: /);
  });

  it("takes an smtp:// or smtps:// mail server, and never echoes one it refuses (it may hold a password)", () => {
    expect(parseConfig({}).SMTP_URL).toBeUndefined();
    expect(parseConfig({ SMTP_URL: "smtps://mailer:s3cret@mail.example.com:465" }).SMTP_URL).toBe("smtps://mailer:s3cret@mail.example.com:465");
    expect(() => parseConfig({ SMTP_URL: "http://mailer:s3cret@mail.example.com" })).toThrow(/SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL \(got "\*\*\*"\)/);
  });

  it("treats empty strings as unset", () => {
    expect(parseConfig({ PORT: "", S3_ENDPOINT: "" }).PORT).toBe(3000);
  });
});
