// The console page: a person signs in with an API key (kept in this tab's session
// storage only) and does the operator's work through the public API. Each page has
// a hash route, so it can be bookmarked and the back button works.
import { api, session } from "./api.js";
import { agentPage, agentsPage } from "./agents.js";
import { auditPage } from "./audit.js";
import { connectPage } from "./connect.js";
import { $, carriedMessage, h, put, refused, say } from "./dom.js";
import { executionPage, executionsPage } from "./executions.js";
import { integrationPage } from "./integration.js";
import { overview } from "./overview.js";
import { actionPage } from "./run.js";
import { webhookPage, webhooksPage } from "./webhooks.js";

const ID = "([A-Za-z0-9_-]+)";
const routes = [
  [/^$/, overview, ""],
  [/^agents$/, agentsPage, "agents"],
  [new RegExp(`^agents/${ID}$`), agentPage, "agents"],
  [new RegExp(`^agents/${ID}/connect/([a-z_]+)$`), connectPage, "agents"],
  [new RegExp(`^agents/${ID}/integrations/${ID}$`), integrationPage, "agents"],
  [new RegExp(`^agents/${ID}/actions/${ID}$`), actionPage, "agents"],
  [new RegExp(`^agents/${ID}/executions$`), executionsPage, "agents"],
  [new RegExp(`^agents/${ID}/executions/${ID}$`), executionPage, "agents"],
  [/^webhooks$/, webhooksPage, "webhooks"],
  [new RegExp(`^webhooks/${ID}$`), webhookPage, "webhooks"],
  [/^audit$/, auditPage, "audit"],
];

let shown = 0;

async function render() {
  if (!session.key) return;
  const [path, search] = location.hash.replace(/^#\/?/, "").split("?");
  const query = Object.fromEntries(new URLSearchParams(search || ""));
  const turn = ++shown;
  const view = h("div", { class: "page" });
  const found = routes.find(([pattern]) => pattern.test(path));
  try {
    if (!found) throw new Error("There is no such page.");
    await found[1](view, found[0].exec(path).slice(1), query);
  } catch (error) {
    if (error.status === 401) return signOut(`The API key is no longer accepted: ${error.message}`);
    put(view, h("h2", { text: "This page could not be shown", tabindex: "-1", class: "page-title" }),
      refused(error));
  }
  if (turn !== shown) return; // a later navigation won
  put($("view"), view);
  for (const item of document.querySelectorAll("#nav a")) {
    if (item.dataset.section === (found ? found[2] : null)) item.setAttribute("aria-current", "page");
    else item.removeAttribute("aria-current");
  }
  view.querySelector(".page-title")?.focus();
}

function show(signedIn) {
  $("sign-in").hidden = signedIn;
  $("signed-in").hidden = !signedIn;
  $("nav").hidden = !signedIn;
  $("sign-out").hidden = !signedIn;
}

function signOut(message, isError = true) {
  session.key = "";
  show(false);
  put($("view"));
  say(message, isError);
  $("api-key").focus();
}

async function signIn(key) {
  session.key = key;
  try {
    // 401 is a key the server does not know; a key without agents:read still signs in.
    await api("GET", "/agents?limit=1").catch((error) => { if (error.status === 401 || error.status === 0) throw error; });
  } catch (error) {
    return signOut(error.status === 401 ? `That API key was not accepted: ${error.message}` : error.message);
  }
  show(true);
  say("");
  await render();
}

document.addEventListener("DOMContentLoaded", () => {
  $("status").tabIndex = -1;
  $("sign-in-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const key = $("api-key").value.trim();
    $("api-key").value = "";
    signIn(key);
  });
  $("sign-out").addEventListener("click", () => signOut("Signed out.", false));
  window.addEventListener("hashchange", () => { say(carriedMessage()); render(); });
  if (session.key) signIn(session.key); else $("api-key").focus();
});
