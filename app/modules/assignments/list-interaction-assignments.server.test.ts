import { describe, expect, it } from "vitest";
import { db } from "../../lib/db.server";
import { insertInteractionRows, seedScorecard, seedTeam, seedUser } from "../../../test/factories";
import { assignInteraction } from "./assign-interaction.server";
import { listInteractionAssignments } from "./list-interaction-assignments.server";
import { skipAssignment } from "./skip-assignment.server";

const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000);

describe("listInteractionAssignments", () => {
  it("lists an interaction's assignments, open first, only to viewers who may see the interaction", async () => {
    const team = await seedTeam();
    const lead = await seedUser("qa_lead");
    const agent = await seedUser("agent", [team.id]);
    const qa = await seedUser("qa");
    const [first, second] = [await seedScorecard(), await seedScorecard()];
    const [interactionId] = await insertInteractionRows([{ agentId: agent.id, teamId: team.id, startedAt: inHours(-5) }]);
    const skipped = await assignInteraction(db(), lead, { interactionId: interactionId!, scorecardId: first.id, reviewerId: qa.id, dueAt: inHours(3) });
    await skipAssignment(db(), lead, skipped.id, "no audio");
    const open = await assignInteraction(db(), lead, { interactionId: interactionId!, scorecardId: second.id, reviewerId: qa.id, dueAt: inHours(3) });

    const rows = await listInteractionAssignments(db(), lead, interactionId!);
    expect(rows.map((row) => [row.id, row.status, row.scorecardName])).toEqual([
      [open.id, "open", second.name],
      [skipped.id, "skipped", first.name],
    ]);
    expect(rows[1]).toMatchObject({ skipReason: "no audio", reviewerName: qa.name, ruleName: null, overdue: false });
    expect(rows[1]!.closedAt).toBeInstanceOf(Date);

    // Outside the viewer's scope there is nothing to see, as with the interaction itself.
    const otherAgent = await seedUser("agent", [team.id]);
    const otherSupervisor = await seedUser("supervisor", [(await seedTeam()).id]);
    expect(await listInteractionAssignments(db(), otherAgent, interactionId!)).toEqual([]);
    expect(await listInteractionAssignments(db(), otherSupervisor, interactionId!)).toEqual([]);
    expect(await listInteractionAssignments(db(), agent, interactionId!)).toHaveLength(2);
  });
});
