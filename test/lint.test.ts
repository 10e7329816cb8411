/**
 * The layering lint checks (eslint.config.js), run through ESLint's Node API on fixture files
 * written into app/ for the test and removed after it: an import cycle fails, a module that
 * imports a component fails, db/ from a file the browser may load fails; the same imports
 * where they are allowed pass. Without a TypeScript resolver import-x followed no import and
 * every one of these passed.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const fixture = `lint-fixture-${process.pid}`;
const moduleDir = path.join(ROOT, "app/modules", fixture);
const componentDir = path.join(ROOT, "app/components", fixture);
const assignmentsFile = path.join(ROOT, "app/modules/assignments", `${fixture}-uses-sampling.ts`);
const samplingFile = path.join(ROOT, "app/modules/sampling", `${fixture}-uses-assignments.ts`);
const transcriptsFile = path.join(ROOT, "app/modules/transcripts", `${fixture}-uses-interactions.ts`);
const interactionsFile = path.join(ROOT, "app/modules/interactions", `${fixture}-uses-transcripts.ts`);

const files: Record<string, string> = {
  // A cycle: a → b → a.
  [`${moduleDir}/cycle-a.ts`]: 'import { b } from "./cycle-b";\nexport const a = (): number => b() + 1;\n',
  [`${moduleDir}/cycle-b.ts`]: 'import { a } from "./cycle-a";\nexport const b = (): number => (Math.random() > 2 ? a() : 0);\n',
  // No cycle: c → d only.
  [`${moduleDir}/plain-c.ts`]: 'import { d } from "./plain-d";\nexport const c = (): number => d + 1;\n',
  [`${moduleDir}/plain-d.ts`]: "export const d = 1;\n",
  // A module reaching up into the UI.
  [`${moduleDir}/uses-component.ts`]: 'import { CsrfField } from "../../components/csrf-field";\nexport const field = CsrfField;\n',
  [`${moduleDir}/uses-route.ts`]: 'import { loader } from "../../routes/login";\nexport const home = loader;\n',
  // db/ from a file a browser bundle may include, and from a server file.
  [`${componentDir}/reads-db.ts`]: 'import { isDatabaseUnavailable } from "../../../db/outage";\nexport const down = isDatabaseUnavailable;\n',
  [`${componentDir}/reads-db.server.ts`]: 'import { isDatabaseUnavailable } from "../../../db/outage";\nexport const down = isDatabaseUnavailable;\n',
  // Assignments reaching back into sampling, and sampling building on assignments.
  [`${assignmentsFile}`]: 'import { compareText } from "../sampling/rank";\nexport const order = compareText;\n',
  [`${samplingFile}`]: 'import { reviewerRoles } from "../assignments/reviewer-loads.server";\nexport const roles = reviewerRoles;\n',
  // Transcripts reaching back into interactions, and interactions building on transcripts.
  [`${transcriptsFile}`]: 'import { warningsOf } from "../interactions/interaction-row";\nexport const warnings = warningsOf;\n',
  [`${interactionsFile}`]: 'import { transcriptSchema } from "../transcripts/transcript";\nexport const schema = transcriptSchema;\n',
  // A component may import a module.
  [`${componentDir}/uses-module.ts`]: 'import { d } from "../../modules/' + fixture + '/plain-d";\nexport const e = d;\n',
};

/** The import-x rules each fixture file breaks, by file name. */
let broken: Record<string, string[]>;

beforeAll(async () => {
  mkdirSync(moduleDir, { recursive: true });
  mkdirSync(componentDir, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(file, text);
  // Only the import rules: they need no type information, so the TypeScript program is not built.
  const eslint = new ESLint({
    cwd: ROOT,
    ruleFilter: ({ ruleId }) => ruleId.startsWith("import-x/"),
    overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
  });
  const results = await eslint.lintFiles(Object.keys(files));
  broken = Object.fromEntries(results.map((result) => [path.basename(result.filePath), result.messages.map((message) => message.ruleId ?? message.message)]));
}, 120_000);

afterAll(() => {
  rmSync(moduleDir, { recursive: true, force: true });
  rmSync(componentDir, { recursive: true, force: true });
  rmSync(assignmentsFile, { force: true });
  rmSync(samplingFile, { force: true });
  rmSync(transcriptsFile, { force: true });
  rmSync(interactionsFile, { force: true });
});

describe("lint", () => {
  it("fails on an import cycle, in both files of it, and passes imports without one", () => {
    expect(broken["cycle-a.ts"]).toEqual(["import-x/no-cycle"]);
    expect(broken["cycle-b.ts"]).toEqual(["import-x/no-cycle"]);
    expect(broken["plain-c.ts"]).toEqual([]);
    expect(broken["plain-d.ts"]).toEqual([]);
  });

  it("fails on a module importing a component or a route, and lets a component import a module", () => {
    expect(broken["uses-component.ts"]).toEqual(["import-x/no-restricted-paths"]);
    expect(broken["uses-route.ts"]).toEqual(["import-x/no-restricted-paths"]);
    expect(broken["uses-module.ts"]).toEqual([]);
  });

  it("fails on db/ imported outside a *.server.ts file, and allows it inside one", () => {
    expect(broken["reads-db.ts"]).toEqual(["import-x/no-restricted-paths"]);
    expect(broken["reads-db.server.ts"]).toEqual([]);
  });

  it("fails on assignments importing sampling, and lets sampling import assignments", () => {
    expect(broken[path.basename(assignmentsFile)]).toEqual(["import-x/no-restricted-paths"]);
    expect(broken[path.basename(samplingFile)]).toEqual([]);
  });

  it("fails on transcripts importing interactions, and lets interactions import transcripts", () => {
    expect(broken[path.basename(transcriptsFile)]).toEqual(["import-x/no-restricted-paths"]);
    expect(broken[path.basename(interactionsFile)]).toEqual([]);
  });
});
