/**
 * The draft on the scorecard page: the builder beside its live preview, saved with one POST
 * (intent=save: the definition as JSON and the revision it was loaded at). Everything typed
 * stays in this component's state: a refused save (422 with problems, 409 when somebody else
 * saved) shows why and keeps the edits; leaving with unsaved edits asks first.
 */
import { useFetcher, useRouteLoaderData } from "@remix-run/react";
import { useCallback, useEffect, useMemo, useState } from "react";
import { questionsWithNewMeaning } from "../../modules/reports/question-results";
import { questionsInOrder, type ScorecardDefinition } from "../../modules/scorecards/scorecard-definition.schema";
import type { RootLoaderData } from "../../root";
import { countQuestions } from "./builder-state";
import { BuilderPreview, useDefinitionCheck } from "./builder-preview";
import { ConfirmAction } from "./confirm-action";
import { fieldProblems } from "./field-errors";
import { ScorecardBuilder } from "./scorecard-builder";
import { UnsavedChangesGuard } from "./unsaved-changes";

/** What the save action answers. */
export type SaveResult =
  | { ok: true; intent: "save"; revision: number; message: string }
  | { ok: false; message: string; fieldErrors: Record<string, string> };

interface DraftEditorProps {
  draft: { version: number; revision: number; definition: ScorecardDefinition };
  /** The latest published version, if any: publishing replaces it for new work, discarding returns to it. */
  latestPublished: number | null;
  /** That version's definition: questions whose meaning the draft changes are new questions in reports. */
  publishedDefinition: ScorecardDefinition | null;
  /** A page form (publish, discard) is being posted. */
  busy: boolean;
}

export function DraftEditor({ draft, latestPublished, publishedDefinition, busy }: DraftEditorProps) {
  const csrfToken = useRouteLoaderData<RootLoaderData>("root")?.csrfToken ?? "";
  const fetcher = useFetcher<SaveResult>();
  const [definition, setDefinition] = useState(draft.definition);
  const [revision, setRevision] = useState(draft.revision);
  const [savedJson, setSavedJson] = useState(() => JSON.stringify(draft.definition));
  const [pending, setPending] = useState<{ json: string; definition: ScorecardDefinition } | null>(null);
  const [refusal, setRefusal] = useState<{ message: string; fieldErrors: Record<string, string>; definition: ScorecardDefinition } | null>(null);
  const [checking, setChecking] = useState(false);
  const [saved, setSaved] = useState(false);
  const json = useMemo(() => JSON.stringify(definition), [definition]);
  const dirty = json !== savedJson;
  const check = useDefinitionCheck(definition);
  const saving = fetcher.state !== "idle";

  const save = useCallback(() => {
    if (saving) return;
    setPending({ json, definition });
    setSaved(false);
    fetcher.submit({ _csrf: csrfToken, intent: "save", revision: String(revision), definition: json }, { method: "post" });
  }, [saving, json, definition, csrfToken, revision, fetcher]);

  useEffect(() => {
    if (fetcher.state !== "idle" || !pending) return;
    const result = fetcher.data;
    setPending(null);
    if (!result) return;
    if (result.ok) {
      setSavedJson(pending.json);
      setRevision(result.revision);
      setRefusal(null);
      setChecking(false);
      setSaved(true);
    } else {
      setRefusal({ message: result.message, fieldErrors: result.fieldErrors, definition: pending.definition });
      if (Object.keys(result.fieldErrors).length > 0) setChecking(true);
    }
  }, [fetcher.state, fetcher.data, pending]);

  // Ctrl+S / ⌘S saves, as in any editor.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "s") {
        event.preventDefault();
        save();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [save]);

  // The server's problems while the definition is the one it checked; after that the same schema, live.
  const problems = useMemo(() => {
    if (refusal && refusal.definition === definition && Object.keys(refusal.fieldErrors).length > 0) return fieldProblems(definition, refusal.fieldErrors);
    return checking ? fieldProblems(definition, check.fieldErrors) : [];
  }, [refusal, definition, checking, check]);

  const counts = countQuestions(definition);
  // Reports group a question across versions by its id and what q means (decision 0023).
  const newMeaning = useMemo(() => {
    if (!publishedDefinition) return [];
    const ids = new Set(questionsWithNewMeaning(publishedDefinition, definition));
    return questionsInOrder(definition).filter(({ question }) => ids.has(question.id)).map(({ question }) => question.prompt || question.id);
  }, [publishedDefinition, definition]);
  const state = saving ? "Saving…" : dirty ? "Unsaved changes" : saved ? "Draft saved" : "All changes saved";
  const showRefusal = refusal !== null && (Object.keys(refusal.fieldErrors).length === 0 || problems.length > 0);

  return (
    <section className="draft-editor" aria-labelledby="draft-title">
      <UnsavedChangesGuard dirty={dirty} />
      <div className="draft-editor__bar">
        <div>
          <h2 id="draft-title">Draft version {draft.version}</h2>
          <p className="muted small">
            {definition.sections.length} {definition.sections.length === 1 ? "section" : "sections"} · {counts.questions}{" "}
            {counts.questions === 1 ? "question" : "questions"} ({counts.scoring} scored)
          </p>
        </div>
        <p className={`draft-editor__state${dirty ? " draft-editor__state--dirty" : ""}`} role="status">
          {state}
        </p>
        <div className="draft-editor__actions">
          <button type="button" className="button button--primary" onClick={save} disabled={saving} aria-keyshortcuts="Control+S">
            {saving ? "Saving…" : "Save draft"}
          </button>
          <ConfirmAction
            label="Publish…"
            title={`Publish version ${draft.version}?`}
            intent="publish"
            confirmLabel={`Publish version ${draft.version}`}
            fields={{ revision: String(revision) }}
            busy={busy || saving}
            refusal={dirty ? "Save your changes first: publishing publishes the saved draft." : null}
          >
            <p>
              Version {draft.version} becomes permanent: it can never be edited again. New evaluations use it from now on
              {latestPublished !== null ? `; evaluations already scored with version ${latestPublished} keep that version` : ""}.
            </p>
            <p>To change it later you start a new draft.</p>
          </ConfirmAction>
          {latestPublished !== null ? (
            <ConfirmAction
              label="Discard draft…"
              title={`Discard draft version ${draft.version}?`}
              intent="discard"
              confirmLabel="Discard draft"
              tone="danger"
              busy={busy || saving}
            >
              <p>
                The draft and {dirty ? "your unsaved changes" : "its changes"} are deleted. Version {latestPublished} stays the one in use. This
                cannot be undone.
              </p>
            </ConfirmAction>
          ) : null}
        </div>
      </div>
      {showRefusal ? (
        <div className="alert alert--error" role="alert">
          <p>{refusal.message}</p>
          {Object.keys(refusal.fieldErrors).length === 0 ? <p>Your edits are still here; nothing was lost.</p> : null}
        </div>
      ) : null}
      {newMeaning.length > 0 ? (
        <div className="alert alert--info" role="note">
          <p>
            Reports will count {newMeaning.map((prompt) => `“${prompt}”`).join(", ")} as {newMeaning.length === 1 ? "a new question" : "new questions"} from
            version {draft.version} on: {newMeaning.length === 1 ? "its" : "their"} kind, scale range or option points changed, so scores under version{" "}
            {latestPublished} stay with the old question rather than being averaged with the new ones.
          </p>
        </div>
      ) : null}
      <div className="draft-editor__panes">
        <ScorecardBuilder definition={definition} onChange={setDefinition} problems={problems} />
        <BuilderPreview valid={check.valid} fallback={draft.definition} />
      </div>
    </section>
  );
}
