// Webhooks (#/webhooks): the team's endpoints, each with an enable switch, and the
// form that adds one (its secret shown once); an endpoint's page (#/webhooks/{id}):
// rotate its secret, delete it, and its deliveries with a retry button each.
import { api } from "./api.js";
import { button, confirmAction, empty, field, fill, form, go, h, heading, link, put, say, secretOnce, table, when } from "./dom.js";

const EVENTS = ["execution.pending_approval", "execution.succeeded", "execution.failed", "execution.rejected",
  "execution.expired", "integration.connected", "integration.needs_reauth", "integration.tools_changed",
  "integration.disconnected"];

function enabledSwitch(hook, reload) {
  const box = h("input", { type: "checkbox", "data-webhook": hook.id });
  box.checked = hook.enabled;
  box.addEventListener("change", async () => {
    try {
      await api("PATCH", `/webhooks/${hook.id}`, { enabled: box.checked });
      say(`${hook.url}: ${box.checked ? "enabled" : "disabled"}.`);
    } catch (error) { box.checked = !box.checked; say(error.message, true); }
    await reload();
  });
  return h("label", { class: "switch" }, box, " Enabled", h("span", { class: "visually-hidden", text: ` ${hook.url}` }));
}

export async function webhooksPage(view) {
  const list = h("div", { id: "webhooks" });
  const secret = h("div", { id: "webhook-secret", "aria-live": "polite" });
  const url = field({ label: "URL", path: "url", kind: "url", required: true, placeholder: "https://example.com/hooks/switchboard" });
  const description = field({ label: "Description", path: "description" });
  const events = h("fieldset", { "data-path": "events", class: "field events" }, h("legend", { text: "Events" }),
    EVENTS.map((event) => field({ label: event, path: `events.${event}`, kind: "checkbox", value: event.startsWith("execution.") })),
    h("p", { class: "problem", role: "alert" }));
  events.control = events;
  const reload = () => fill(list, async () => {
    const hooks = await api("GET", "/webhooks");
    if (!hooks.length) return empty("No webhooks yet.");
    return table(["URL", "Description", "Events", "Enabled"], hooks.map((hook) => [
      link(`#/webhooks/${hook.id}`, hook.url), hook.description, hook.events.join(", "), enabledSwitch(hook, reload)]));
  });
  const create = form("Add a webhook", [url, description, events], "Add webhook", async (node) => {
    const chosen = [...events.querySelectorAll("input[type=checkbox]")].filter((box) => box.checked)
      .map((box) => box.closest("[data-path]").dataset.path.slice("events.".length));
    const hook = await api("POST", "/webhooks", { url: url.control.value, description: description.control.value || undefined, events: chosen });
    node.reset();
    put(secret, secretOnce(`Signing secret of ${hook.url}`, hook.secret));
    secret.querySelector("button").focus();
    say(`Added the webhook ${hook.url}.`);
    await reload();
  });
  put(view, heading("Webhooks"), list, secret,
    h("section", { "aria-labelledby": "add-webhook" }, h("h3", { id: "add-webhook", text: "Add a webhook" }), create));
  await reload();
}

export async function webhookPage(view, [webhookID]) {
  const hook = await api("GET", `/webhooks/${webhookID}`);
  const secret = h("div", { id: "webhook-secret", "aria-live": "polite" });
  const deliveries = h("div", { id: "deliveries" });
  const reload = () => fill(deliveries, async () => {
    const list = await api("GET", `/webhooks/${webhookID}/deliveries?limit=50`);
    if (!list.length) return empty("No deliveries yet.");
    return table(["When", "Event", "Status", "Attempts", "Last answer", ""], list.map((d) => [
      when(d.created_at), d.event_type, h("span", { "data-status": d.status, text: d.status }), String(d.attempts),
      d.last_status == null ? d.last_error || "" : String(d.last_status),
      button("Retry", async () => {
        try {
          await api("POST", `/webhooks/${webhookID}/deliveries/${d.id}/retry`);
          say(`Delivery of ${d.event_type} will be sent again.`);
        } catch (error) { say(`Could not retry: ${error.message}`, true); }
        await reload();
      }, { "aria-label": `Retry the delivery of ${d.event_type} from ${when(d.created_at)}` })]));
  });
  put(view, heading(`Webhook ${hook.url}`),
    h("p", { text: `${hook.description || "No description"} · ${hook.events.join(", ")} · ${hook.enabled ? "enabled" : "disabled"}` }),
    h("p", {}, link("#/webhooks", "All webhooks")),
    h("div", { class: "controls" },
      button("Rotate secret", async () => {
        if (!(await confirmAction("Rotate the signing secret? The old one stops working now.", "Rotate secret"))) return;
        const rotated = await api("POST", `/webhooks/${webhookID}/rotate-secret`);
        put(secret, secretOnce(`New signing secret of ${hook.url}`, rotated.secret));
        secret.querySelector("button").focus();
      }),
      button("Delete webhook", async () => {
        if (!(await confirmAction(`Delete the webhook ${hook.url}?`, "Delete webhook"))) return;
        await api("DELETE", `/webhooks/${webhookID}`);
        go("#/webhooks", `Deleted the webhook ${hook.url}.`);
      }),
      button("Refresh deliveries", reload)),
    secret, h("section", { "aria-labelledby": "deliveries-title" }, h("h3", { id: "deliveries-title", text: "Deliveries" }), deliveries));
  await reload();
}
