// Import from OpenAPI: a document pasted, uploaded or fetched from a URL; a dry run
// lists the operations it would make tools of, each with a checkbox; the checked
// ones are imported.
import { api } from "./api.js";
import { authFields } from "./connect.js";
import { button, field, form, go, h, put, showProblems, table } from "./dom.js";

export function importForm(agentID) {
  const documentText = field({ label: "Document", path: "document", kind: "textarea", hint: "The OpenAPI or Swagger document, JSON or YAML" });
  const file = field({ label: "Document file", path: "document_file", kind: "file", hint: "Or a file: its text goes into Document" });
  const documentURL = field({ label: "Document URL", path: "document_url", kind: "url", hint: "Or where to fetch it" });
  const name = field({ label: "Name", path: "name", hint: "Default: the document's title" });
  const baseURL = field({ label: "Base URL", path: "base_url", kind: "url", hint: "Default: the document's first server" });
  const approval = field({ label: "Approval", path: "approval", kind: "select",
    options: [["writes", "Every write needs approval"], ["none", "None needs approval"], ["all", "Every operation needs approval"]] });
  const auth = authFields("http");
  const preview = h("div", { id: "import-preview", "aria-live": "polite" });
  file.control.addEventListener("change", async () => {
    const chosen = file.control.files[0];
    if (chosen) documentText.control.value = await chosen.text();
  });

  const body = () => {
    const text = documentText.control.value.trim();
    const url = documentURL.control.value.trim();
    return { ...(text ? { document: text } : {}), ...(url && !text ? { document_url: url } : {}),
      ...(name.control.value.trim() ? { name: name.control.value.trim() } : {}),
      ...(baseURL.control.value.trim() ? { base_url: baseURL.control.value.trim() } : {}),
      approval: approval.control.value };
  };

  const node = form("Import from OpenAPI", [documentText, file, documentURL, name, baseURL, approval, ...auth.fields], "Preview",
    async () => {
      const report = await api("POST", `/agents/${agentID}/integrations/custom_api/import`, { ...body(), dry_run: true });
      const boxes = report.tools.map((tool) => {
        const box = h("input", { type: "checkbox", "data-operation": `${tool.source.method} ${tool.source.path}` });
        box.checked = true;
        return [box, tool];
      });
      const importButton = button(`Import ${report.config.name}`, async () => {
        const operations = boxes.filter(([box]) => box.checked).map(([box]) => box.dataset.operation);
        try {
          const made = await api("POST", `/agents/${agentID}/integrations/custom_api/import`,
            { ...body(), ...auth.read(), include: { operations } });
          auth.clear();
          go(`#/agents/${agentID}/integrations/${made.id}`, `Imported ${report.config.name}: ${made.created} tools.`);
        } catch (error) { showProblems(node, error); }
      });
      put(preview, 
        h("h3", { text: `${report.config.name}: ${report.tools.length} operations` }),
        report.warnings.length ? h("ul", {}, report.warnings.map((w) => h("li", { text: w }))) : null,
        table(["Import", "Tool", "Method", "Path", "Approval"], boxes.map(([box, tool]) => [
          h("label", {}, box, " Import", h("span", { class: "visually-hidden", text: ` ${tool.name}` })),
          tool.name, tool.http_method, tool.source.path, tool.require_human_approval ? "Needs approval" : "Runs at once"])),
        report.skipped.length ? h("p", { text: `Left out: ${report.skipped.map((s) => `${s.operation} (${s.reason})`).join("; ")}` }) : null,
        importButton);
      importButton.focus();
    });
  return h("div", {}, node, preview);
}
