// The audit log (#/audit?page=&action=): what was done, by which key, a page at a time.
import { api, withQuery } from "./api.js";
import { empty, field, fill, form, h, heading, pager, put, table, when } from "./dom.js";

export async function auditPage(view, _, query) {
  const list = h("div", { id: "audit" });
  const action = field({ label: "Action", path: "action", value: query.action || "", placeholder: "integration.configure" });
  const filter = form("Filter the audit log", [action], "Filter", async () => {
    location.hash = withQuery("#/audit", { action: action.control.value.trim() });
  });
  put(view, heading("Audit log"), filter, list);
  await fill(list, async () => {
    const { data, meta } = await api("GET", withQuery("/audit-events", { action: query.action, page: query.page, limit: 25 }),
      undefined, { whole: true });
    if (!data.length) return empty("No events match.");
    return [table(["When", "Action", "Outcome", "Status", "Agent", "Target", "Key"], data.map((e) => [
      when(e.created_at), e.action, e.outcome, String(e.status), e.agent_id || "", e.target_id || "", e.key_id || ""])),
    pager(meta, (page) => { location.hash = withQuery("#/audit", { ...query, page }); })];
  });
}
