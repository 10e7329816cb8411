import { useId, useMemo, useState } from "react";
import { FieldError } from "../field-error";

export interface AgentOption {
  id: string;
  name: string;
  email: string;
  team: string | null;
}

interface Props {
  agents: AgentOption[];
  value: string;
  onChange: (email: string) => void;
  error?: string;
}

/**
 * The agent select (value: the agent's email), with a filter box above it for long
 * lists: typing narrows the options by name, email or team. The chosen agent always
 * stays in the list, so filtering never changes the selection.
 */
export function AgentPicker({ agents, value, onChange, error }: Props) {
  const [query, setQuery] = useState("");
  const filterId = useId();
  const shown = useMemo(() => {
    const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
    return agents.filter((agent) => {
      if (agent.email === value) return true;
      const haystack = `${agent.name} ${agent.email} ${agent.team ?? ""}`.toLowerCase();
      return words.every((word) => haystack.includes(word));
    });
  }, [agents, value, query]);
  const describedBy = ["agent-hint", error ? "agent-error" : null].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor="agent">Agent</label>
      {agents.length > 8 ? (
        <div className="agent-picker__filter">
          <label htmlFor={filterId} className="visually-hidden">
            Filter agents by name, email or team
          </label>
          <input
            id={filterId}
            type="search"
            placeholder="Filter agents…"
            value={query}
            autoComplete="off"
            onChange={(event) => setQuery(event.target.value)}
          />
        </div>
      ) : null}
      <select
        id="agent"
        name="agent"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      >
        <option value="">{shown.length > (value ? 1 : 0) ? "Choose the agent…" : "No agent matches the filter"}</option>
        {shown.map((agent) => (
          <option key={agent.id} value={agent.email}>
            {agent.name}
            {agent.team ? ` · ${agent.team}` : ""} ({agent.email})
          </option>
        ))}
      </select>
      <p className="field__hint" id="agent-hint">
        Active agent accounts. The conversation appears in this agent&apos;s and their team&apos;s lists.
      </p>
      <FieldError id="agent-error" message={error} />
    </div>
  );
}
