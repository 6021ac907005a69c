// An action's page (#/agents/{id}/actions/{actionId}): what it is, its review when it
// changed, and a form made from its input schema that runs it.
import { api } from "./api.js";
import { reviewCard } from "./actions.js";
import { field, form, h, heading, link, pretty, put } from "./dom.js";

const FORMATS = { "date-time": "A date and time, such as 2026-12-08T09:30:00Z", email: "An email address", uri: "A URL" };

// One control for a property of the schema: answers the field and how to read it.
function control(name, schema, required) {
  const label = schema.title || name;
  const hint = [schema.description, FORMATS[schema.format]].filter(Boolean).join(" — ") || undefined;
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  const path = `arguments.${name}`;
  if (Array.isArray(schema.enum)) {
    const node = field({ label, path, kind: "select", required, hint,
      options: [["", required ? "Choose one" : "(none)"], ...schema.enum.map((v) => [JSON.stringify(v), String(v)])] });
    return [node, () => (node.control.value === "" ? undefined : JSON.parse(node.control.value))];
  }
  if (type === "boolean") {
    const node = field({ label, path, kind: "select", required, hint,
      options: [["", required ? "Choose one" : "(none)"], ["true", "true"], ["false", "false"]] });
    return [node, () => (node.control.value === "" ? undefined : node.control.value === "true")];
  }
  if (type === "integer" || type === "number") {
    const node = field({ label, path, kind: type, required, hint });
    return [node, () => {
      const text = node.control.value.trim();
      if (text === "") return undefined;
      const value = Number(text);
      if (!Number.isFinite(value) || (type === "integer" && !Number.isInteger(value))) throw new Error(`must be ${type === "integer" ? "an integer" : "a number"}`);
      return value;
    }];
  }
  if (type === "string") {
    const kind = { email: "email", uri: "url" }[schema.format] || "text";
    const node = field({ label, path, kind, required, hint, placeholder: schema.format === "date-time" ? "2026-12-08T09:30:00Z" : undefined });
    return [node, () => {
      const text = node.control.value;
      if (text === "") return undefined;
      if (schema.format === "date-time" && Number.isNaN(Date.parse(text))) throw new Error("must be a date and time");
      return text;
    }];
  }
  // Objects, arrays and anything else: JSON, checked before it is sent.
  const node = field({ label: `${label} (JSON)`, path, kind: "textarea", required,
    hint: [hint, `JSON${type ? ` ${type}` : ""}, such as ${type === "array" ? "[1, 2]" : "{\"key\": \"value\"}"}`].filter(Boolean).join(" — ") });
  return [node, () => {
    const text = node.control.value.trim();
    if (text === "") return undefined;
    let value;
    try { value = JSON.parse(text); } catch { throw new Error("is not valid JSON"); }
    if (type === "array" && !Array.isArray(value)) throw new Error("must be a JSON array");
    if (type === "object" && (value === null || typeof value !== "object" || Array.isArray(value))) throw new Error("must be a JSON object");
    return value;
  }];
}

// The form for an input schema, and the arguments it holds (throws a validation-like
// error naming each field whose value is not what the schema takes).
function argumentsForm(schema) {
  const required = new Set(schema.required || []);
  // Required arguments first, each group in the schema's order.
  const properties = Object.entries(schema.properties || {});
  const ordered = [...properties.filter(([name]) => required.has(name)), ...properties.filter(([name]) => !required.has(name))];
  const controls = ordered.map(([name, property]) => [name, ...control(name, property, required.has(name))]);
  const read = () => {
    const values = {};
    const problems = [];
    for (const [name, , value] of controls) {
      try {
        const v = value();
        if (v !== undefined) values[name] = v;
        else if (required.has(name)) problems.push(`arguments.${name}: is required`);
      } catch (error) { problems.push(`arguments.${name}: ${error.message}`); }
    }
    if (problems.length) throw Object.assign(new Error(problems.join("; ")), { problems });
    return values;
  };
  return { fields: controls.map(([, node]) => node), read };
}

function outcome(agentID, answer) {
  const run = answer.data;
  const status = run.status;
  return h("section", { class: "outcome", "aria-labelledby": "outcome-title", "data-status": status },
    h("h3", { id: "outcome-title", text: status === "pending_approval" ? "Waiting for approval" : `Result: ${status}` }),
    run.message ? h("p", { text: run.message }) : null,
    run.upstream_status != null ? h("p", { text: `Upstream status ${run.upstream_status} · ${run.duration_ms} ms` }) : null,
    "output" in run ? pretty(run.output) : null,
    h("p", {}, link(`#/agents/${agentID}/executions/${run.execution_id}`, "Open this execution")));
}

export async function actionPage(view, [agentID, actionID]) {
  const action = await api("GET", `/agents/${agentID}/actions/${actionID}`);
  const result = h("div", { id: "result", "aria-live": "polite" });
  const { fields, read } = argumentsForm(action.input_schema || {});
  const run = form(`Run ${action.name}`, fields, "Run", async () => {
    const answer = await api("POST", `/agents/${agentID}/actions/${actionID}/execute`, { arguments: read() }, { whole: true });
    put(result, outcome(agentID, answer));
    result.querySelector("h3").tabIndex = -1;
    result.querySelector("h3").focus();
  });
  const reload = () => actionPage(view, [agentID, actionID]);
  put(view, heading(action.name),
    h("p", {}, link(`#/agents/${agentID}/integrations/${action.integration_id}`, action.integration_name),
      ` (${action.integration_type}) · `,
      action.is_enabled ? "enabled" : "disabled", action.require_human_approval ? " · needs a person's approval" : "",
      " · ", link(`#/agents/${agentID}/executions?action_id=${actionID}`, "Its executions")),
    action.description ? h("p", { text: action.description }) : null,
    action.review ? reviewCard(agentID, action, reload) : null,
    h("section", { "aria-labelledby": "run-title" }, h("h3", { id: "run-title", text: "Run it" }),
      fields.length ? null : h("p", { text: "It takes no arguments." }), run, result));
}
