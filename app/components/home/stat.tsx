/** One figure of a home block: its value large, what it counts beneath; marked when it is overdue work waiting. */
import type { ReactNode } from "react";

export function Stat({ value, label, overdue = false }: { value: ReactNode; label: ReactNode; overdue?: boolean }) {
  return (
    <div className={`stat${overdue ? " stat--overdue" : ""}`}>
      <span className="stat__value">{value}</span>
      <span className="stat__label">{label}</span>
    </div>
  );
}
