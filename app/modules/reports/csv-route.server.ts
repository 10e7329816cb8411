/**
 * The CSV download of a report page, as every report page does it (docs/decisions/0026):
 * a resource route beside the page, `app/routes/reports.<page>[.csv].ts` answering
 * `/reports/<page>.csv?<the page's filters>`, whose loader calls `csvDownload` with the very
 * function the page's loader builds its table with. So the CSV holds exactly the page's table.
 * A refusal (bad filters 422, a team outside the scope 404, no `reports:view` 403) answers as
 * plain text with its status — a download link has no page to show a message on.
 */
import { requireViewer } from "../../lib/auth.server";
import { refusalOf } from "../../lib/errors.server";
import type { Viewer } from "../users/roles";
import { csvResponse } from "./csv";
import type { ReportTableModel } from "./report-table";

export async function csvDownload(
  request: Request,
  build: (viewer: Viewer, params: URLSearchParams, now: Date) => Promise<{ table: ReportTableModel; fileName: string }>,
): Promise<Response> {
  const viewer = await requireViewer(request);
  try {
    const { table, fileName } = await build(viewer, new URL(request.url).searchParams, new Date());
    return csvResponse(table, fileName);
  } catch (error) {
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    return new Response(`${refusal.message}\n`, { status: refusal.status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  }
}
