// Agents (#/agents): the paged list and the form that creates one; an agent's page
// (#/agents/{id}): its integrations, the ways to connect more, and its actions.
import { api, withQuery } from "./api.js";
import { actionsTable } from "./actions.js";
import { connectKinds } from "./connect.js";
import { empty, field, fill, form, go, h, heading, link, pager, put, table, when } from "./dom.js";
import { reconnectButton } from "./overview.js";

export async function agentsPage(view, _, query) {
  const list = h("div");
  const page = Number(query.page) || 1;
  const workflows = await api("GET", "/workflows?limit=100").catch(() => []);
  const name = field({ label: "Name", path: "name", required: true });
  const description = field({ label: "Description", path: "description", kind: "textarea" });
  const workflow = field({ label: "Workflow", path: "workflow_id", kind: "select", required: true,
    options: [["", "Choose a workflow"], ...workflows.map((w) => [w.id, `${w.name} (${w.category})`])] });
  const create = form("Create an agent", [name, description, workflow], "Create agent", async () => {
    const agent = await api("POST", "/agents", { name: name.control.value, description: description.control.value,
      workflow_id: workflow.control.value });
    go(`#/agents/${agent.id}`, `Created ${agent.name}.`);
  });
  put(view, heading("Agents"), list, h("section", { "aria-labelledby": "create-agent" },
    h("h3", { id: "create-agent", text: "Create an agent" }), create));
  await fill(list, async () => {
    const { data, meta } = await api("GET", `/agents?limit=20&page=${page}`, undefined, { whole: true });
    if (!data.length) return empty("No agents yet.");
    return [table(["Name", "Workflow", "Status", "Created"], data.map((agent) => [
      link(`#/agents/${agent.id}`, agent.name), agent.workflow ? agent.workflow.name : "", agent.status, when(agent.created_at)])),
    pager(meta, (to) => { location.hash = withQuery("#/agents", { page: to }); })];
  });
}

export async function agentPage(view, [agentID]) {
  const agent = await api("GET", `/agents/${agentID}`);
  const integrations = h("div", { id: "integrations" });
  const actions = h("div", { id: "actions" });
  put(view, heading(agent.name),
    h("p", { text: [agent.description, agent.workflow && `Workflow: ${agent.workflow.name}`].filter(Boolean).join(" · ") }),
    h("p", {}, link(`#/agents/${agentID}/executions`, "Executions"), " · ",
      link(`#/agents/${agentID}/executions?status=pending_approval`, "Waiting for approval")),
    h("section", { "aria-labelledby": "integrations-title" }, h("h3", { id: "integrations-title", text: "Integrations" }), integrations),
    h("section", { "aria-labelledby": "connect-title" }, h("h3", { id: "connect-title", text: "Connect" }),
      h("ul", { class: "connect" }, connectKinds.map(([kind, text]) => h("li", {}, link(`#/agents/${agentID}/connect/${kind}`, text))))),
    h("section", { "aria-labelledby": "actions-title" }, h("h3", { id: "actions-title", text: "Actions" }), actions));
  await fill(integrations, async () => {
    const list = await api("GET", `/agents/${agentID}/integrations`);
    if (!list.length) return empty("No integrations yet. Connect one below.");
    return table(["Integration", "Type", "Status", "Actions", ""], list.map((i) => [
      link(`#/agents/${agentID}/integrations/${i.id}`, i.name), i.type, i.status, String(i.actions.length),
      reconnectButton(agentID, i)]));
  });
  await fill(actions, () => actionsTable(agentID, () => true));
}
