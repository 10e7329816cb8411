/**
 * The panel's annotations: the page's list with what was saved here laid over it. The
 * page's list comes back with every revalidation (the scorecard autosaves), possibly
 * fetched before a save here landed; only the author changes an annotation, so what was
 * saved or deleted here wins over it.
 */
import { useRouteLoaderData } from "@remix-run/react";
import { useCallback, useMemo, useState } from "react";
import type { RootLoaderData } from "../../root";
import { mergeAnnotations, type LocalChanges } from "./annotation-order";
import { sendAnnotation, type AnnotationFailure } from "./annotations-api";
import type { AnnotationDraft, SerializedAnnotation } from "./types";

export type SaveOutcome = { ok: true; annotation: SerializedAnnotation | null } | AnnotationFailure;

const NO_EVALUATION: SaveOutcome = { ok: false, message: "Annotations belong to an evaluation: open the conversation from your queue or press Start scoring.", fieldErrors: {} };

export function useAnnotations(evaluationId: string | null, fromPage: SerializedAnnotation[]) {
  const csrfToken = useRouteLoaderData<RootLoaderData>("root")?.csrfToken ?? "";
  const [local, setLocal] = useState<LocalChanges>(() => ({ saved: new Map(), deleted: new Set() }));

  const keep = useCallback((annotation: SerializedAnnotation) => {
    setLocal((current) => ({ saved: new Map(current.saved).set(annotation.id, annotation), deleted: current.deleted }));
  }, []);

  const add = useCallback(
    async (draft: AnnotationDraft): Promise<SaveOutcome> => {
      if (evaluationId === null) return NO_EVALUATION;
      const result = await sendAnnotation(evaluationId, csrfToken, { intent: "add", annotation: draft });
      if (result.ok && result.annotation) keep(result.annotation);
      return result;
    },
    [evaluationId, csrfToken, keep],
  );

  const update = useCallback(
    async (annotationId: string, draft: AnnotationDraft): Promise<SaveOutcome> => {
      if (evaluationId === null) return NO_EVALUATION;
      const result = await sendAnnotation(evaluationId, csrfToken, { intent: "update", annotationId, annotation: draft });
      if (result.ok && result.annotation) keep(result.annotation);
      return result;
    },
    [evaluationId, csrfToken, keep],
  );

  const remove = useCallback(
    async (annotationId: string): Promise<SaveOutcome> => {
      if (evaluationId === null) return NO_EVALUATION;
      const result = await sendAnnotation(evaluationId, csrfToken, { intent: "delete", annotationId });
      if (result.ok) {
        setLocal((current) => {
          const saved = new Map(current.saved);
          saved.delete(annotationId);
          return { saved, deleted: new Set(current.deleted).add(annotationId) };
        });
      }
      return result;
    },
    [evaluationId, csrfToken],
  );

  const annotations = useMemo(() => mergeAnnotations(fromPage, local), [fromPage, local]);
  return { annotations, add, update, remove };
}
