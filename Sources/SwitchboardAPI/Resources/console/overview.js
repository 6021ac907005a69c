// The overview (#/): executions waiting for approval with Approve / Reject, the
// agents with their integrations (and a reconnect link where one needs a person),
// and the latest executions.
import { api } from "./api.js";
import { $, button, empty, h, heading, link, put, refusable, refused, say, table, when } from "./dom.js";

const AGENTS = 50;

// Which call gives a new onboarding link for an integration that needs a person.
function reconnectCall(agentID, integration) {
  if (integration.type === "google_calendar" || integration.type === "google_sheets") {
    return ["POST", `/agents/${agentID}/integrations/bimpeai/configure`, { type: integration.type }];
  }
  if (integration.type === "mcp_server") {
    return ["POST", `/agents/${agentID}/integrations/mcp_server/${integration.id}/reauthorize`, undefined];
  }
  return null;
}

export function reconnectButton(agentID, integration) {
  const call = ["pending", "needs_reauth", "failed"].includes(integration.status) && reconnectCall(agentID, integration);
  if (!call) return null;
  return button("Get a reconnect link", async (event) => {
    try {
      const answer = await api(...call);
      const anchor = h("a", { href: answer.onboarding_url, target: "_blank", rel: "noopener noreferrer",
        text: `Reconnect ${integration.name}` });
      event.target.replaceWith(anchor);
      anchor.focus();
    } catch (error) { say(`Could not get a link for ${integration.name}: ${error.message}`, true); }
  }, { "aria-label": `Get a reconnect link for ${integration.name}` });
}

// An execution waiting for a person, with Approve and Reject; `done` runs after.
export function approvalCard(agent, execution, done) {
  const decide = async (verb) => {
    try {
      const answer = await api("POST", `/agents/${agent.id}/executions/${execution.id}/${verb}`);
      say(`${execution.action_name} for ${agent.name}: ${answer.status}.`);
    } catch (error) {
      say(`Could not ${verb} ${execution.action_name}: ${error.message}`, true);
    }
    await done();
    $("status").focus();
  };
  return h("div", { class: "card", "data-execution": execution.id },
    h("h3", { text: `${execution.action_name} — ${agent.name}` }),
    h("p", { text: `Asked ${when(execution.created_at)} by ${execution.requested_by}` }),
    h("pre", { text: JSON.stringify(execution.arguments, null, 2) }),
    button("Approve", () => decide("approve"), { "aria-label": `Approve ${execution.action_name}` }),
    button("Reject", () => decide("reject"), { "aria-label": `Reject ${execution.action_name}` }),
    link(`#/agents/${agent.id}/executions/${execution.id}`, "Details", { "aria-label": `Details of ${execution.action_name}` }));
}

export async function overview(view) {
  const approvals = h("div", { id: "approvals" });
  const agents = h("div", { id: "agents" });
  const recent = h("div", { id: "recent" });
  put(view, heading("Overview"),
    h("section", { "aria-labelledby": "approvals-title" }, h("h3", { id: "approvals-title", text: "Waiting for approval" }), approvals),
    h("section", { "aria-labelledby": "agents-title" }, h("h3", { id: "agents-title", text: "Agents" }), agents),
    h("section", { "aria-labelledby": "recent-title" }, h("h3", { id: "recent-title", text: "Latest executions" }), recent));

  const load = async () => {
    const { data: list, meta } = await api("GET", `/agents?limit=${AGENTS}`, undefined, { whole: true });
    // A list the key may not read is the API's refusal instead, shown where the list would be.
    const get = (path) => api("GET", path).catch((error) => { if (error.status === 401) throw error; return error; });
    const details = await Promise.all(list.map(async (agent) => ({
      agent,
      integrations: await get(`/agents/${agent.id}/integrations`),
      pending: await get(`/agents/${agent.id}/executions?status=pending_approval&limit=100`),
      recent: await get(`/agents/${agent.id}/executions?limit=10`),
    })));
    const refusal = details.map((d) => d.pending).find((p) => p instanceof Error);
    const cards = details.flatMap(({ agent, pending }) => (Array.isArray(pending) ? pending : []).map((e) => approvalCard(agent, e, load)));
    put(approvals, ...(refusal ? [refused(refusal)] : cards.length ? cards : [empty("Nothing is waiting for approval.")]));
    put(agents, ...(details.length ? details.map(({ agent, integrations }) =>
      h("div", { class: "card" },
        h("h4", {}, link(`#/agents/${agent.id}`, agent.name)),
        integrations instanceof Error ? refused(integrations)
          : integrations.length
            ? table(["Integration", "Type", "Status", ""], integrations.map((i) => [
              link(`#/agents/${agent.id}/integrations/${i.id}`, i.name), i.type, i.status, reconnectButton(agent.id, i)]))
            : empty("No integrations yet.")))
      : [empty("No agents yet.")]), meta.has_next_page ? link("#/agents", `All ${meta.total_count} agents`) : null);
    const latest = details.flatMap(({ agent, recent: runs }) => (Array.isArray(runs) ? runs : []).map((e) => ({ agent, e })))
      .sort((a, b) => (a.e.created_at < b.e.created_at ? 1 : -1)).slice(0, 20);
    put(recent, refusal ? refused(refusal) : latest.length
      ? table(["When", "Agent", "Action", "Status", "Message"], latest.map(({ agent, e }) => [
        link(`#/agents/${agent.id}/executions/${e.id}`, when(e.created_at)), agent.name, e.action_name,
        h("span", { "data-status": e.status, text: e.status }), e.message || ""]))
      : empty("No executions yet."));
  };
  await refusable(view, load);
}
