// Executions (#/agents/{id}/executions?status=&action_id=&page=): filtered by agent,
// status and action, a page at a time; one execution's detail
// (#/agents/{id}/executions/{executionId}).
import { api, withQuery } from "./api.js";
import { approvalCard } from "./overview.js";
import { empty, field, fill, h, heading, link, pager, pretty, put, table, when } from "./dom.js";

const STATUSES = ["pending_approval", "running", "succeeded", "failed", "rejected", "expired"];

// A filter: a labelled select that moves to the filtered page when it changes.
function select(label, options, value, change) {
  const node = field({ label, kind: "select", options, value: value || "" });
  node.control.addEventListener("change", () => change(node.control.value));
  return node;
}

export async function executionsPage(view, [agentID], query) {
  const [agents, actions] = await Promise.all([
    api("GET", "/agents?limit=100").catch(() => []), api("GET", `/agents/${agentID}/actions`).catch(() => [])]);
  const agent = agents.find((a) => a.id === agentID) || (await api("GET", `/agents/${agentID}`));
  const go = (changes) => { location.hash = withQuery(`#/agents/${changes.agent || agentID}/executions`, { ...query, page: undefined, ...changes, agent: undefined }); };
  const list = h("div", { id: "executions" });
  put(view, heading(`Executions of ${agent.name}`),
    h("div", { class: "filters", role: "search" },
      select("Agent", agents.map((a) => [a.id, a.name]), agentID, (id) => go({ agent: id, action_id: undefined })),
      select("Status", [["", "Any status"], ...STATUSES.map((s) => [s, s])], query.status, (status) => go({ status })),
      select("Action", [["", "Any action"], ...actions.map((a) => [a.id, a.name])], query.action_id, (id) => go({ action_id: id }))),
    list);
  await fill(list, async () => {
    const path = withQuery(`/agents/${agentID}/executions`, { status: query.status, action_id: query.action_id, page: query.page, limit: 20 });
    const { data, meta } = await api("GET", path, undefined, { whole: true });
    if (!data.length) return empty("No executions match.");
    return [table(["When", "Action", "Status", "Source", "Upstream", "Duration"], data.map((e) => [
      link(`#/agents/${agentID}/executions/${e.id}`, when(e.created_at), { "aria-label": `Details of ${e.action_name} at ${when(e.created_at)}` }),
      e.action_name, h("span", { "data-status": e.status, text: e.status }), e.source,
      e.upstream_status == null ? "" : String(e.upstream_status), e.duration_ms == null ? "" : `${e.duration_ms} ms`])),
    pager(meta, (page) => { location.hash = withQuery(`#/agents/${agentID}/executions`, { ...query, page }); })];
  });
}

export async function executionPage(view, [agentID, executionID]) {
  const [agent, run] = await Promise.all([api("GET", `/agents/${agentID}`), api("GET", `/agents/${agentID}/executions/${executionID}`)]);
  const facts = [
    ["Action", run.action_name], ["Status", run.status], ["Source", run.source], ["Requested by", run.requested_by],
    ["Decided by", run.decided_by || "—"], ["Asked", when(run.created_at)], ["Finished", when(run.finished_at) || "—"],
    ["Duration", run.duration_ms == null ? "—" : `${run.duration_ms} ms`],
    ["Upstream status", run.upstream_status == null ? "—" : String(run.upstream_status)],
    ["Request", run.request_line || "—"], ["Message", run.message || "—"],
  ];
  const reload = () => executionPage(view, [agentID, executionID]);
  put(view, heading(`${run.action_name}: ${run.status}`),
    h("p", {}, link(`#/agents/${agentID}/executions`, `All executions of ${agent.name}`)),
    run.status === "pending_approval" ? approvalCard(agent, run, reload) : null,
    h("dl", { class: "facts", id: "execution-facts" }, facts.map(([term, value]) => [h("dt", { text: term }), h("dd", { text: value })])),
    h("h3", { text: "Arguments" }), pretty(run.arguments),
    h("h3", { text: "Output" }), run.output == null ? empty("No output.") : pretty(run.output));
}
