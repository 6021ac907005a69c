// An agent's actions as a table with an enable switch each, and the review of a tool
// whose definition changed: the accepted and the new definition side by side,
// accepted by enabling it.
import { api } from "./api.js";
import { button, empty, h, link, pretty, say, table } from "./dom.js";

function enableSwitch(agentID, action, reload) {
  const box = h("input", { type: "checkbox", "data-action": action.id });
  box.checked = action.is_enabled;
  box.addEventListener("change", async () => {
    const verb = box.checked ? "enable" : "disable";
    try {
      await api("POST", `/agents/${agentID}/actions/${verb}`, { action_ids: [action.id] });
      say(`${action.name}: ${verb}d.`);
    } catch (error) {
      box.checked = !box.checked;
      say(`Could not ${verb} ${action.name}: ${error.message}`, true);
    }
    await reload();
  });
  return h("label", { class: "switch" }, box, " Enabled", h("span", { class: "visually-hidden", text: ` ${action.name}` }));
}

// The agent's actions that `keep` keeps, in a table; answers the table (or "none").
export async function actionsTable(agentID, keep, reload = async () => {}) {
  const actions = (await api("GET", `/agents/${agentID}/actions`)).filter(keep);
  if (!actions.length) return empty("No actions yet.");
  return table(["Action", "Integration", "Enabled", "Approval", ""], actions.map((action) => [
    link(`#/agents/${agentID}/actions/${action.id}`, action.name, { "aria-label": `Run ${action.name}` }),
    action.integration_name, enableSwitch(agentID, action, reload),
    action.require_human_approval ? "Needs approval" : "Runs at once",
    action.needs_review ? h("strong", { class: "review-flag", text: "Changed: needs review" }) : ""]));
}

// What changed in a tool waiting for review, and the button that accepts it.
export function reviewCard(agentID, action, done) {
  const { previous, current } = action.review;
  return h("div", { class: "card review", "data-review": action.id },
    h("h4", { text: `${action.name} changed` }),
    h("div", { class: "side-by-side" },
      h("div", {}, h("h5", { text: "Accepted before" }),
        previous ? pretty(previous) : h("p", { text: "Not recorded (changed before this server kept it)." })),
      h("div", {}, h("h5", { text: "Now" }), pretty(current))),
    button("Accept and enable", async () => {
      try {
        await api("POST", `/agents/${agentID}/actions/enable`, { action_ids: [action.id] });
        say(`${action.name}: the new definition is accepted and enabled.`);
      } catch (error) { say(`Could not enable ${action.name}: ${error.message}`, true); }
      await done();
    }, { "aria-label": `Accept and enable ${action.name}` }));
}
