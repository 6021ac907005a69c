// Connecting an integration (#/agents/{id}/connect/{kind}): a form per kind. What
// the API says of a failed check is shown next to the form, field by field where it
// names the field; credentials are write-only and their fields are emptied once sent.
import { api } from "./api.js";
import { field, form, go, h, heading, link, put } from "./dom.js";
import { importForm } from "./import.js";

export const connectKinds = [
  ["custom_api", "Connect a custom API"], ["openapi", "Import from OpenAPI"], ["mcp_server", "Connect an MCP server"],
  ["stripe", "Connect Stripe"], ["paystack", "Connect Paystack"], ["bumpa", "Connect Bumpa"],
  ["google_calendar", "Connect Google Calendar"], ["google_sheets", "Connect Google Sheets"],
  ["pipedream", "Connect a Pipedream app"],
];

const AUTH_TYPES = {
  http: [["none", "None"], ["bearer", "Bearer token"], ["basic", "Basic"], ["api_key", "API key"], ["custom", "Custom header"]],
  mcp: [["none", "None"], ["bearer", "Bearer token"], ["basic", "Basic"], ["api_key", "API key"], ["custom", "Custom header"],
    ["oauth", "OAuth (a person authorizes it)"]],
};

// The auth type and the credentials it needs; `read()` gives the body's auth fields
// and `clear()` empties every credential.
export function authFields(family) {
  const credential = (label, name, secret = true) =>
    [name, field({ label, path: `auth_config.${name}`, kind: secret ? "password" : "text" })];
  const fields = new Map([
    credential("Token", "token"), credential("Username", "username", false), credential("Password", "password"),
    credential("API key", "api_key"), credential("Header name", "header_name", false),
    ...(family === "http" ? [credential("Query name", "query_name", false)] : []),
    ...(family === "mcp" ? [credential("Client ID", "client_id", false), credential("Client secret", "client_secret"),
      credential("Scopes", "scopes", false)] : []),
  ]);
  const uses = { none: [], bearer: ["token"], basic: ["username", "password"], api_key: ["api_key", "header_name", "query_name"],
    custom: ["header_name", "token"], oauth: ["client_id", "client_secret", "scopes"] };
  const type = field({ label: "Auth type", path: "auth_type", kind: "select", options: AUTH_TYPES[family] });
  const credentials = h("fieldset", { class: "credentials" }, h("legend", { text: "Credentials" }), [...fields.values()]);
  const show = () => {
    const used = uses[type.control.value] || [];
    for (const [name, node] of fields) node.hidden = !used.includes(name);
    credentials.hidden = used.length === 0;
  };
  type.control.addEventListener("change", show);
  show();
  return {
    fields: [type, credentials],
    read() {
      const authType = type.control.value;
      if (authType === "none") return {};
      const config = {};
      for (const name of uses[authType]) {
        const value = fields.get(name)?.control.value;
        if (value) config[name] = value;
      }
      return authType === "oauth" && !Object.keys(config).length ? { auth_type: authType } : { auth_type: authType, auth_config: config };
    },
    clear() { for (const node of fields.values()) node.control.value = ""; },
  };
}

const text = (label, path, options = {}) => field({ label, path, ...options });
const value = (node) => node.control.value.trim();
const optional = (node) => value(node) || undefined;

function customAPI(agentID) {
  const name = text("Name", "name", { required: true });
  const description = text("Description", "description");
  const baseURL = text("Base URL", "base_url", { kind: "url", placeholder: "https://api.example.com/v1" });
  const auth = authFields("http");
  const testEndpoint = text("Test endpoint", "test_endpoint", { hint: "A path under the base URL, called with a GET before anything is saved" });
  return form("Connect a custom API", [name, description, baseURL, ...auth.fields, testEndpoint], "Connect", async () => {
    const body = { name: value(name), description: optional(description), base_url: optional(baseURL), ...auth.read(),
      test_endpoint: optional(testEndpoint) };
    try {
      const answer = await api("POST", `/agents/${agentID}/integrations/custom_api/configure`, body);
      go(`#/agents/${agentID}/integrations/${answer.id}`, `Connected ${answer.config.name}.`);
    } finally { auth.clear(); }
  });
}

function mcpServer(agentID, done) {
  const name = text("Name", "name", { required: true });
  const serverURL = text("Server URL", "server_url", { kind: "url", required: true, placeholder: "https://mcp.example.com/mcp" });
  const transport = text("Transport", "transport", { kind: "select",
    options: [["streamable_http", "Streamable HTTP"], ["http_sse", "HTTP with SSE (2024 servers)"]] });
  const auth = authFields("mcp");
  return form("Connect an MCP server", [name, serverURL, transport, ...auth.fields], "Connect", async () => {
    try {
      const answer = await api("POST", `/agents/${agentID}/integrations/mcp_server/configure`,
        { name: value(name), server_url: value(serverURL), transport: transport.control.value, ...auth.read() });
      done(answer.id, answer.config.name, answer.onboarding_url);
    } finally { auth.clear(); }
  });
}

const KEY_FIELDS = {
  stripe: () => [text("Secret key", "secret_key", { kind: "password", required: true, placeholder: "sk_live_…" }),
    text("Public key", "public_key", { kind: "password", placeholder: "pk_live_…" }),
    text("Currency", "currency", { placeholder: "USD" })],
  paystack: () => [text("Secret key", "secret_key", { kind: "password", required: true, placeholder: "sk_live_…" }),
    text("Public key", "public_key", { kind: "password", placeholder: "pk_live_…" }),
    text("Currency", "currency", { kind: "select", options: ["NGN", "GHS", "ZAR", "KES", "USD"] })],
  bumpa: () => [text("Token", "token", { kind: "password", required: true })],
  google_calendar: () => [],
  google_sheets: () => [],
};

function firstParty(agentID, type, title, done) {
  const fields = KEY_FIELDS[type]();
  const submit = fields.length ? "Connect" : "Get the consent link";
  return form(`Connect ${title}`, fields, submit, async () => {
    const body = { type };
    for (const node of fields) if (value(node)) body[node.dataset.path] = value(node);
    try {
      const answer = await api("POST", `/agents/${agentID}/integrations/bimpeai/configure`, body);
      done(answer.channel_id, title, fields.length ? null : answer.onboarding_url);
    } finally { for (const node of fields) if (node.control.type === "password") node.control.value = ""; }
  });
}

function pipedream(agentID, done) {
  const slug = text("App slug", "app_slug", { required: true, hint: "Pipedream's name for the app, such as slack or notion" });
  const name = text("App name", "app_name");
  return form("Connect a Pipedream app", [slug, name], "Get the connect link", async () => {
    const answer = await api("POST", `/agents/${agentID}/integrations/pipedream/configure`,
      { app_slug: value(slug), app_name: optional(name) });
    done(null, value(name) || value(slug), answer.onboarding_url);
  });
}

export async function connectPage(view, [agentID, kind]) {
  const agent = await api("GET", `/agents/${agentID}`);
  const title = (connectKinds.find(([k]) => k === kind) || [kind, kind])[1];
  const result = h("div", { id: "connect-result", "aria-live": "polite" });
  // After a connect: straight to the integration, or first the link a person must open.
  const done = (integrationID, name, onboardingURL) => {
    if (!onboardingURL) {
      go(`#/agents/${agentID}/integrations/${integrationID}`, `Connected ${name}.`);
      return;
    }
    const anchor = h("a", { href: onboardingURL, target: "_blank", rel: "noopener noreferrer", text: `Open the link to authorize ${name}` });
    put(result, h("p", { text: `${name} waits for a person to authorize it.` }), anchor,
      integrationID ? h("p", {}, link(`#/agents/${agentID}/integrations/${integrationID}`, "Open the integration")) : null);
    anchor.focus();
  };
  const forms = {
    custom_api: () => customAPI(agentID),
    openapi: () => importForm(agentID),
    mcp_server: () => mcpServer(agentID, done),
    pipedream: () => pipedream(agentID, done),
  };
  const build = forms[kind] || (KEY_FIELDS[kind] && (() => firstParty(agentID, kind, title.replace(/^Connect /, ""), done)));
  if (!build) throw new Error(`No way to connect "${kind}".`);
  put(view, heading(title), h("p", {}, "For ", link(`#/agents/${agentID}`, agent.name)), build(), result);
}
