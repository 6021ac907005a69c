// An integration's page (#/agents/{id}/integrations/{integrationId}): its status;
// test, discover and disconnect; its tools with their enable switches; the review
// of changed tools; and for a custom API the form that adds a tool.
import { api } from "./api.js";
import { actionsTable, reviewCard } from "./actions.js";
import { button, confirmAction, empty, field, fill, form, go, h, heading, link, put, refused, say } from "./dom.js";
import { reconnectButton } from "./overview.js";

// Where an integration's own operations are, by its type.
const family = (type) => (["custom_api", "mcp_server", "pipedream"].includes(type) ? type : "bimpeai");

function toolForm(agentID, integrationID, reload) {
  const json = (label, path, hint) => field({ label, path, kind: "textarea", hint });
  const name = field({ label: "Name", path: "name", required: true });
  const description = field({ label: "Description", path: "description" });
  const method = field({ label: "HTTP method", path: "http_method", kind: "select", options: ["GET", "POST", "PUT", "PATCH", "DELETE"] });
  const urlTemplate = field({ label: "URL template", path: "url_template", required: true, placeholder: "/orders/{id}",
    hint: "A path under the base URL; {name} takes the URL parameter of that name" });
  const urlParams = json("URL parameters (JSON)", "url_params",
    'A list such as [{"name": "id", "type": "string", "description": "The order", "required": true}]; those not in the template go in the query');
  const bodyParams = json("Body parameters (JSON)", "body_params", "A list in the same form, for POST, PUT and PATCH");
  const bodyTemplate = json("Body template (JSON)", "body_template", 'An object such as {"amount": "{{amount}}"}');
  const approval = field({ label: "Needs a person's approval", path: "require_human_approval", kind: "checkbox" });
  const parse = (node, problems) => {
    const text = node.control.value.trim();
    if (!text) return undefined;
    try { return JSON.parse(text); } catch { problems.push(`${node.dataset.path}: is not valid JSON`); return undefined; }
  };
  return form("Add a tool", [name, description, method, urlTemplate, urlParams, bodyParams, bodyTemplate, approval], "Add tool",
    async (node) => {
      const problems = [];
      const body = { name: name.control.value, description: description.control.value || undefined,
        http_method: method.control.value, url_template: urlTemplate.control.value,
        url_params: parse(urlParams, problems), body_params: parse(bodyParams, problems),
        body_template: parse(bodyTemplate, problems), require_human_approval: approval.control.checked };
      if (problems.length) throw Object.assign(new Error(problems.join("; ")), { problems });
      const tool = await api("POST", `/agents/${agentID}/integrations/custom_api/${integrationID}/tools`, body);
      say(`Added ${tool.name}.`);
      node.reset();
      await reload();
    });
}

export async function integrationPage(view, [agentID, integrationID]) {
  const list = await api("GET", `/agents/${agentID}/integrations`);
  const integration = list.find((i) => i.id === integrationID);
  if (!integration) throw new Error("This integration is not connected (any more).");
  const kind = family(integration.type);
  const base = `/agents/${agentID}/integrations/${kind}/${integrationID}`;
  const outcome = h("div", { id: "integration-outcome", "aria-live": "polite" });
  const tools = h("div", { id: "tools" });
  const reviews = h("div", { id: "reviews" });
  const reload = async () => {
    await fill(tools, () => actionsTable(agentID, (a) => a.integration_id === integrationID, reload));
    await fill(reviews, async () => {
      const waiting = (await api("GET", `/agents/${agentID}/actions`)).filter((a) => a.integration_id === integrationID && a.needs_review);
      if (!waiting.length) return empty("No tool waits for review.");
      const details = await Promise.all(waiting.map((a) => api("GET", `/agents/${agentID}/actions/${a.id}`)));
      return details.map((action) => reviewCard(agentID, action, reload));
    });
  };
  const call = (label, method, path, show) => button(label, async () => {
    try {
      const answer = await api(method, path);
      const shown = show(answer);
      put(outcome, ...shown);
      say(shown[0].textContent, answer.success === false);
    } catch (error) {
      put(outcome, refused(error));
      say(`${label}: ${error.message}`, true);
    }
    if (label === "Discover") await reload();
  }, { "aria-label": `${label} ${integration.name}` });
  const controls = [];
  if (kind === "mcp_server") {
    controls.push(
      call("Test", "POST", `${base}/test`, (a) => [h("p", { class: a.success ? "" : "refused", text: a.message })]),
      call("Discover", "POST", `${base}/discover`, (a) => [h("p", { text:
        `Discovered ${a.discovered} tools: ${a.created} new, ${a.updated} changed, ${a.disabled} disabled.` })]));
  }
  controls.push(reconnectButton(agentID, integration), button("Disconnect", async () => {
    if (!(await confirmAction(`Disconnect ${integration.name}? Its tools go with it.`, "Disconnect"))) return;
    try {
      await api("DELETE", base);
      go(`#/agents/${agentID}`, `Disconnected ${integration.name}.`);
    } catch (error) { say(`Could not disconnect ${integration.name}: ${error.message}`, true); }
  }, { "aria-label": `Disconnect ${integration.name}` }));
  put(view, heading(integration.name),
    h("p", {}, `${integration.type} · status `, h("strong", { id: "integration-status", text: integration.status }),
      " · for ", link(`#/agents/${agentID}`, "the agent")),
    h("div", { class: "controls" }, controls), outcome,
    h("section", { "aria-labelledby": "reviews-title" }, h("h3", { id: "reviews-title", text: "Review changed tools" }), reviews),
    h("section", { "aria-labelledby": "tools-title" }, h("h3", { id: "tools-title", text: "Tools" }), tools),
    kind === "custom_api"
      ? h("section", { "aria-labelledby": "add-tool-title" }, h("h3", { id: "add-tool-title", text: "Add a tool" }),
        toolForm(agentID, integrationID, reload))
      : null);
  await reload();
}
