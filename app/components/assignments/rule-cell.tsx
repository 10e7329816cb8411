/** Which rule drew an assignment: its name, the name a deleted rule had (marked so), or "Manual" for work assigned by hand. */
export function RuleCell({ ruleName, ruleDeleted }: { ruleName: string | null; ruleDeleted: boolean }) {
  if (ruleName === null) return <span className="muted">Manual</span>;
  return (
    <>
      {ruleName}
      {ruleDeleted ? <span className="muted small block">Rule deleted</span> : null}
    </>
  );
}
