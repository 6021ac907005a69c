// The console page: a person signs in with an API key (kept in this tab's session
// storage only) and works through the public API: agents and their integrations,
// executions waiting for approval, the latest executions. Everything the API
// answers is shown as text, never as markup.
"use strict";

const API = "/api/v1/console";
const KEY = "switchboard.apiKey";
const $ = (id) => document.getElementById(id);

function element(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (name === "text") node.textContent = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value);
  }
  for (const child of children) node.append(child);
  return node;
}

function say(message, isError = false) {
  const status = $("status");
  status.textContent = message;
  status.className = isError ? "error" : "";
}

async function api(method, path, body) {
  const response = await fetch(API + path, {
    method,
    headers: { "X-Api-Key": sessionStorage.getItem(KEY) || "", "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "omit",
    cache: "no-store",
  });
  let answer = null;
  try { answer = await response.json(); } catch { /* not JSON */ }
  if (!response.ok) {
    const message = answer && answer.message;
    const text = Array.isArray(message) ? message.join("; ") : message || `HTTP ${response.status}`;
    const error = new Error(text);
    error.status = response.status;
    throw error;
  }
  return answer ? answer.data : null;
}

function table(headings, rows) {
  return element("table", {},
    element("thead", {}, element("tr", {}, ...headings.map((h) => element("th", { scope: "col", text: h })))),
    element("tbody", {}, ...rows.map((cells) => element("tr", {}, ...cells.map((c) => element("td", {}, c))))));
}

const when = (iso) => (iso ? new Date(iso).toLocaleString() : "");

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

function integrationRow(agentID, integration) {
  const action = element("span");
  const call = ["pending", "needs_reauth", "failed"].includes(integration.status) && reconnectCall(agentID, integration);
  if (call) {
    action.append(element("button", {
      type: "button", text: "Get a reconnect link", "aria-label": `Get a reconnect link for ${integration.name}`,
      onclick: async (event) => {
        try {
          const answer = await api(...call);
          const link = element("a", { href: answer.onboarding_url, target: "_blank", rel: "noopener noreferrer",
            text: `Reconnect ${integration.name}` });
          event.target.replaceWith(link);
          link.focus();
        } catch (error) { say(`Could not get a link for ${integration.name}: ${error.message}`, true); }
      },
    }));
  }
  return [document.createTextNode(integration.name), document.createTextNode(integration.type),
    document.createTextNode(integration.status), action];
}

function approvalCard(agent, execution) {
  const decide = async (verb) => {
    try {
      const answer = await api("POST", `/agents/${agent.id}/executions/${execution.id}/${verb}`);
      say(`${execution.action_name} for ${agent.name}: ${answer.status}.`);
    } catch (error) {
      say(`Could not ${verb} ${execution.action_name}: ${error.message}`, true);
    }
    await load();
    $("status").focus();
  };
  return element("div", { class: "card", "data-execution": execution.id },
    element("h3", { text: `${execution.action_name} — ${agent.name}` }),
    element("p", { text: `Asked ${when(execution.created_at)} by ${execution.requested_by}` }),
    element("pre", { text: JSON.stringify(execution.arguments, null, 2) }),
    element("button", { type: "button", text: "Approve", "aria-label": `Approve ${execution.action_name}`,
      onclick: () => decide("approve") }),
    element("button", { type: "button", text: "Reject", "aria-label": `Reject ${execution.action_name}`,
      onclick: () => decide("reject") }));
}

async function load() {
  const agents = await api("GET", "/agents?limit=100");
  const details = await Promise.all(agents.map(async (agent) => ({
    agent,
    integrations: await api("GET", `/agents/${agent.id}/integrations`),
    pending: await api("GET", `/agents/${agent.id}/executions?status=pending_approval&limit=100`),
    recent: await api("GET", `/agents/${agent.id}/executions?limit=10`),
  })));

  const approvals = details.flatMap(({ agent, pending }) => pending.map((e) => approvalCard(agent, e)));
  $("approvals").replaceChildren(...(approvals.length ? approvals
    : [element("p", { class: "empty", text: "Nothing is waiting for approval." })]));

  $("agents").replaceChildren(...(details.length ? details.map(({ agent, integrations }) =>
    element("div", { class: "card" },
      element("h3", { text: agent.name }),
      integrations.length
        ? table(["Integration", "Type", "Status", ""], integrations.map((i) => integrationRow(agent.id, i)))
        : element("p", { class: "empty", text: "No integrations yet." })))
    : [element("p", { class: "empty", text: "No agents yet." })]));

  const recent = details.flatMap(({ agent, recent }) => recent.map((e) => ({ agent, e })))
    .sort((a, b) => (a.e.created_at < b.e.created_at ? 1 : -1)).slice(0, 20);
  $("recent").replaceChildren(recent.length
    ? table(["When", "Agent", "Action", "Status", "Message"], recent.map(({ agent, e }) => [
      document.createTextNode(when(e.created_at)), document.createTextNode(agent.name),
      document.createTextNode(e.action_name), element("span", { "data-status": e.status, text: e.status }),
      document.createTextNode(e.message || "")]))
    : element("p", { class: "empty", text: "No executions yet." }));
}

function show(signedIn) {
  $("sign-in").hidden = signedIn;
  $("signed-in").hidden = !signedIn;
  $("sign-out").hidden = !signedIn;
  $("refresh").hidden = !signedIn;
}

async function signIn(key) {
  sessionStorage.setItem(KEY, key);
  try {
    await load();
    show(true);
    say("");
  } catch (error) {
    sessionStorage.removeItem(KEY);
    show(false);
    const why = error.status === 401 || error.status === 403
      ? `That API key was not accepted: ${error.message}`
      : `Could not load the console: ${error.message}`;
    say(why, true);
    $("api-key").focus();
  }
}

document.addEventListener("DOMContentLoaded", () => {
  $("status").tabIndex = -1;
  $("sign-in-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const key = $("api-key").value.trim();
    $("api-key").value = "";
    signIn(key);
  });
  $("sign-out").addEventListener("click", () => {
    sessionStorage.removeItem(KEY);
    show(false);
    say("Signed out.");
    $("api-key").focus();
  });
  $("refresh").addEventListener("click", () => load().then(() => say("Up to date.")).catch((error) => say(error.message, true)));
  const key = sessionStorage.getItem(KEY);
  if (key) signIn(key); else $("api-key").focus();
});
