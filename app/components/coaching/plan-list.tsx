import { Link } from "@remix-run/react";

export interface PlanListRow {
  id: string;
  title: string;
  status: "active" | "completed" | "cancelled";
  agentName: string;
  ownerName: string;
  dueOn: string;
  overdue: boolean;
  criteria: string[];
  acknowledged: boolean;
}

const statusLabels = { active: "Active", completed: "Completed", cancelled: "Cancelled" } as const;

/** Coaching plans as a table: the team coaching page and "My coaching". */
export function PlanList({ plans, caption, showAgent }: { plans: PlanListRow[]; caption: string; showAgent: boolean }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Plan</th>
            {showAgent ? <th scope="col">Agent</th> : <th scope="col">Coach</th>}
            <th scope="col">Focus</th>
            <th scope="col">Due</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {plans.map((plan) => (
            <tr key={plan.id} className={plan.overdue ? "row--overdue" : undefined}>
              <td>
                <Link to={`/coaching/plans/${plan.id}`}>{plan.title}</Link>
              </td>
              <td>{showAgent ? plan.agentName : plan.ownerName}</td>
              <td>{plan.criteria.join("; ")}</td>
              <td>
                {plan.dueOn}
                {plan.overdue ? <span className="badge badge--overdue block-badge">Overdue</span> : null}
              </td>
              <td>
                {statusLabels[plan.status]}
                <span className="muted small block">{plan.acknowledged ? "Acknowledged" : "Not acknowledged yet"}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function planListRow(plan: {
  id: string;
  title: string;
  status: PlanListRow["status"];
  agent: { name: string };
  owner: { name: string };
  dueOn: string;
  overdue: boolean;
  criteria: string[];
  acknowledgedAt: Date | null;
}): PlanListRow {
  return {
    id: plan.id,
    title: plan.title,
    status: plan.status,
    agentName: plan.agent.name,
    ownerName: plan.owner.name,
    dueOn: plan.dueOn,
    overdue: plan.overdue,
    criteria: plan.criteria,
    acknowledged: plan.acknowledgedAt !== null,
  };
}
