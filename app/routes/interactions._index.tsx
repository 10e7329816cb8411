import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation, useNavigate, useSearchParams } from "@remix-run/react";
import type { FormEvent } from "react";
import { InteractionTable } from "../components/interaction-table";
import { requirePermission } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { formatDuration } from "../lib/format";
import { formatDateTime } from "../lib/time";
import {
  channelFilterLabels,
  describeFilters,
  encodeCursor,
  filterParams,
  interactionChannels,
  evaluatedFilterLabels,
  evaluatedFilterValues,
  interactionStatuses,
  parseInteractionListParams,
  rawFilterParams,
  statusFilterLabels,
} from "../modules/interactions/interaction-filters";
import {
  hasSearchableWords,
  listInteractionFilterOptions,
  listInteractions,
} from "../modules/interactions/list-interactions.server";
import { listScoreBadges } from "../modules/feedback/list-score-badges.server";
import { getOrganisation } from "../modules/users/get-organisation.server";

export const meta: MetaFunction = () => [{ title: "Interactions · Parley" }];

const PAGE_SIZE = 25;

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "interactions:view");
  const params = new URL(request.url).searchParams;
  const parsed = parseInteractionListParams(params);
  const words = parsed.ok ? parsed.filters.words : undefined;
  const [organisation, found, searchable] = await Promise.all([
    getOrganisation(db()),
    listInteractionFilterOptions(db(), viewer),
    words ? hasSearchableWords(db(), words) : true,
  ]);
  const queue = parsed.ok ? parsed.filters.queue : undefined;
  const options = {
    teams: found.teams,
    agents: found.agents.map((agent) => ({ id: agent.id, name: agent.active ? agent.name : `${agent.name} (inactive)` })),
    // A queue from a shared link stays selectable even if this viewer has none of it.
    queues: queue && !found.queues.includes(queue) ? [...found.queues, queue] : found.queues,
  };
  const page = { role: viewer.role, timeZone: organisation.timeZone, options };

  // Filters that cannot be used answer 400 with the form as it was sent and what is wrong,
  // and no list: the reader mends one value rather than starting over.
  const refused = (message: string) =>
    data({ ...page, error: message, values: rawFilterParams(params), active: [], items: [], next: null, isFirstPage: true }, { status: 400 });
  if (!parsed.ok) return refused(parsed.message);
  if (!searchable) {
    return refused(`These filters cannot be used. Words: “${words ?? ""}” has only common words, which are not searched; use a more specific word.`);
  }

  const { filters, before } = parsed;
  const list = await listInteractions(db(), viewer, { ...filters, before, limit: PAGE_SIZE, timeZone: organisation.timeZone });
  const scores = await listScoreBadges(db(), viewer, list.items.map((item) => item.id));
  return {
    ...page,
    error: null,
    values: filterParams(filters),
    active: describeFilters(filters, options),
    items: list.items.map((item) => ({
      ...item,
      startedAt: formatDateTime(item.startedAt, organisation.timeZone),
      duration: formatDuration(item.durationMs),
      score: scores[item.id] ?? null,
    })),
    next: list.next ? encodeCursor(list.next) : null,
    isFirstPage: !before,
  };
}

export default function Interactions() {
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const title = data.role === "agent" ? "My conversations" : data.role === "supervisor" ? "Team conversations" : "Interactions";
  const nextParams = new URLSearchParams(params);
  if (data.next) nextParams.set("before", data.next);
  const firstParams = new URLSearchParams(params);
  firstParams.delete("before");
  const withoutFilter = (names: string[]) => {
    const rest = new URLSearchParams(params);
    for (const name of [...names, "before"]) rest.delete(name);
    const search = rest.toString();
    return search ? `?${search}` : "/interactions";
  };
  const { values, options, active } = data;
  const showPeople = options.teams.length > 0 || options.agents.length > 0;

  // A shareable URL holds only the filters that are set (without JavaScript the
  // form still works: empty fields mean "no filter").
  function submitFilters(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const search = new URLSearchParams();
    for (const [name, value] of new FormData(event.currentTarget)) {
      if (typeof value === "string" && value.trim() !== "") search.set(name, value.trim());
    }
    const query = search.toString();
    navigate(query ? `?${query}` : "/interactions");
  }

  return (
    <>
      <div className="page-header">
        <h1>{title}</h1>
      </div>
      {data.error ? (
        <div className="alert alert--error" role="alert" id="filter-error">
          <p>{data.error}</p>
          <p>
            Correct the filters below, or <Link to="/interactions">clear the filters and show all conversations</Link>.
          </p>
        </div>
      ) : null}
      {/* Keyed by the URL so the fields show the filters in force after every navigation. */}
      <Form
        key={location.search}
        method="get"
        className="filter-form"
        aria-label="Filter interactions"
        aria-describedby={data.error ? "filter-error" : undefined}
        onSubmit={submitFilters}
      >
        <div className="filter-form__fields">
          <div className="field">
            <label htmlFor="filter-q">Words in the transcript</label>
            <input id="filter-q" type="search" name="q" defaultValue={values.q ?? ""} placeholder={'refund or "late fee"'} />
          </div>
          <div className="field">
            <label htmlFor="filter-channel">Channel</label>
            <select id="filter-channel" name="channel" defaultValue={values.channel ?? ""}>
              <option value="">All channels</option>
              {interactionChannels.map((channel) => (
                <option key={channel} value={channel}>
                  {channelFilterLabels[channel]}
                </option>
              ))}
            </select>
          </div>
          {showPeople ? (
            <>
              <div className="field">
                <label htmlFor="filter-team">Team</label>
                <select id="filter-team" name="team" defaultValue={values.team ?? ""}>
                  <option value="">All teams</option>
                  {options.teams.map((team) => (
                    <option key={team.id} value={team.id}>
                      {team.name}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="filter-agent">Agent</label>
                <select id="filter-agent" name="agent" defaultValue={values.agent ?? ""}>
                  <option value="">All agents</option>
                  {options.agents.map((agent) => (
                    <option key={agent.id} value={agent.id}>
                      {agent.name}
                    </option>
                  ))}
                </select>
              </div>
            </>
          ) : null}
          <div className="field">
            <label htmlFor="filter-queue">Queue</label>
            <select id="filter-queue" name="queue" defaultValue={values.queue ?? ""}>
              <option value="">All queues</option>
              {options.queues.map((queue) => (
                <option key={queue} value={queue}>
                  {queue}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-status">Status</label>
            <select id="filter-status" name="status" defaultValue={values.status ?? ""}>
              <option value="">Any status</option>
              {interactionStatuses.map((status) => (
                <option key={status} value={status}>
                  {statusFilterLabels[status]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-evaluated">Review</label>
            <select id="filter-evaluated" name="evaluated" defaultValue={values.evaluated ?? ""}>
              <option value="">Evaluated or not</option>
              {evaluatedFilterValues.map((value) => (
                <option key={value} value={value}>
                  {evaluatedFilterLabels[value]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-tags">Tags</label>
            <input id="filter-tags" type="text" name="tags" defaultValue={values.tags ?? ""} aria-describedby="filter-tags-hint" />
            <p id="filter-tags-hint" className="field__hint">
              Comma-separated; any of them
            </p>
          </div>
          <fieldset className="field filter-form__range">
            <legend>Date ({data.timeZone})</legend>
            <label htmlFor="filter-from">From</label>
            <input id="filter-from" type="date" name="from" defaultValue={values.from ?? ""} />
            <label htmlFor="filter-to">To</label>
            <input id="filter-to" type="date" name="to" defaultValue={values.to ?? ""} />
          </fieldset>
          <fieldset className="field filter-form__range">
            <legend>Length in minutes</legend>
            <label htmlFor="filter-min">At least</label>
            <input id="filter-min" type="number" name="min" min={0} step="any" inputMode="decimal" defaultValue={values.min ?? ""} />
            <label htmlFor="filter-max">At most</label>
            <input id="filter-max" type="number" name="max" min={0} step="any" inputMode="decimal" defaultValue={values.max ?? ""} />
          </fieldset>
        </div>
        <div className="filter-form__actions">
          <button type="submit" className="button button--primary">
            Apply filters
          </button>
        </div>
      </Form>
      {active.length ? (
        <div className="active-filters">
          <span className="active-filters__title" id="active-filters-title">
            Filtered by
          </span>
          <ul aria-labelledby="active-filters-title">
            {active.map((filter) => (
              <li key={filter.params.join(",")} className="active-filter">
                <span>
                  {filter.label}: {filter.value}
                </span>
                <Link to={withoutFilter(filter.params)} className="active-filter__remove" aria-label={`Remove filter ${filter.label}: ${filter.value}`}>
                  ×
                </Link>
              </li>
            ))}
          </ul>
          <Link to="/interactions" className="active-filters__clear">
            Clear filters
          </Link>
        </div>
      ) : null}
      {data.error ? null : data.items.length === 0 && data.isFirstPage && active.length ? (
        <div className="empty-state" role="status">
          <p>
            No conversations match{" "}
            {active.map((filter, index) => (
              <span key={filter.params.join(",")}>
                {index > 0 ? (index === active.length - 1 ? " and " : ", ") : ""}
                <strong>
                  {filter.label}: {filter.value}
                </strong>
              </span>
            ))}
            .
          </p>
          <p>Remove a filter above, or clear them all.</p>
        </div>
      ) : (
        <InteractionTable
          items={data.items}
          caption={`${title}, newest first`}
          empty={data.isFirstPage ? "There are no conversations yet." : "There are no older conversations."}
        />
      )}
      <nav className="pager" aria-label="Pages">
        {!data.isFirstPage ? <Link to={`?${firstParams.toString()}`}>Newest</Link> : null}
        {data.next ? (
          <Link to={`?${nextParams.toString()}`} rel="next">
            Older
          </Link>
        ) : null}
      </nav>
    </>
  );
}

export { RouteErrorBoundary as ErrorBoundary } from "../components/error-page";
