/**
 * The README and docs/ are read by people who have only the repository: every file
 * they point to is in it, and none of them sends a reader to the workspace around it.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");

function markdownFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(relative);
    return entry.name.endsWith(".md") ? [relative] : [];
  });
}

const documents = ["README.md", ...markdownFiles("docs")];

describe("README and docs", () => {
  it("point to no file outside the repository", () => {
    const outside = documents.flatMap((file) =>
      readFileSync(path.join(ROOT, file), "utf8")
        .split("\n")
        .flatMap((line, index) => (/\.\.\/shared\b|\bDESIGN\.md\b|\bSTACK\.md\b/.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : [])),
    );
    expect(outside).toEqual([]);
  });

  it("name only docs/ files that exist", () => {
    const missing = documents.flatMap((file) =>
      [...readFileSync(path.join(ROOT, file), "utf8").matchAll(/\bdocs\/[\w./-]+\.md\b/g)]
        .map((match) => match[0])
        .filter((target) => !existsSync(path.join(ROOT, target)))
        .map((target) => `${file} → ${target}`),
    );
    expect(missing).toEqual([]);
  });

  it("describe the canonical transcript and the architecture for users of the repository", () => {
    const format = readFileSync(path.join(ROOT, "docs/transcript-format.md"), "utf8");
    expect(format).toContain("/api/v1/schemas/transcript.json");
    for (const field of ["version", "channel", "speakers", "segments", "segments[].startMs", "segments[].words", "segments[].at"]) {
      expect(format).toContain(`| \`${field}\``);
    }
    const architecture = readFileSync(path.join(ROOT, "docs/architecture.md"), "utf8");
    for (const heading of ["## Roles and what each may see", "## The flow", "## Storage layout", "## Scorecards and score math"]) {
      expect(architecture).toContain(heading);
    }
  });
});
