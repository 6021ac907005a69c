// Small helpers for building the page. Everything the API answers becomes text,
// never markup.

export const $ = (id) => document.getElementById(id);

// An element with attributes (`text` is its text, `on<event>` a listener) and children
// (strings become text; null, undefined and false are left out).
export function h(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "text") node.textContent = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (value === true) node.setAttribute(name, "");
    else node.setAttribute(name, value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child);
  }
  return node;
}

// Makes `children` the node's content (strings become text; null, undefined and false
// are left out).
export function put(node, ...children) {
  node.replaceChildren(...children.flat(Infinity).filter((child) => child !== undefined && child !== null && child !== false));
}

export const link = (href, text, props = {}) => h("a", { href, text, ...props });

export function button(text, onclick, props = {}) {
  return h("button", { type: "button", text, onclick, ...props });
}

export const when = (iso) => (iso ? new Date(iso).toLocaleString() : "");

export const pretty = (value) => h("pre", { class: "json", text: JSON.stringify(value, null, 2) });

export const empty = (text) => h("p", { class: "empty", text });

// Where a list would be: the API's reason for refusing it (a scope the key lacks, say).
export const refused = (error) => h("p", { class: "refused", text: error.message });

// A table that scrolls sideways on a narrow screen rather than the page.
export function table(headings, rows, caption) {
  return h("div", { class: "scroll" },
    h("table", {},
      caption ? h("caption", { text: caption }) : null,
      h("thead", {}, h("tr", {}, headings.map((heading) => h("th", { scope: "col", text: heading })))),
      h("tbody", {}, rows.map((cells) => h("tr", {}, cells.map((cell) => h("td", {}, cell)))))));
}

// Previous / next for a paged list (the contract's `meta`); `go(page)` moves.
export function pager(meta, go) {
  if (!meta || meta.page_count <= 1) return null;
  return h("nav", { class: "pager", "aria-label": "Pages" },
    button("Previous page", () => go(meta.current_page - 1), { disabled: !meta.has_previous_page }),
    h("span", { text: `Page ${meta.current_page} of ${meta.page_count} (${meta.total_count})` }),
    button("Next page", () => go(meta.current_page + 1), { disabled: !meta.has_next_page }));
}

let fieldCount = 0;

// A labelled control. `path` is the API field the value goes to (its problems are
// shown under it); `kind` is text, password, url, email, number, integer, checkbox,
// select (with `options`), textarea or file.
export function field({ label, path, kind = "text", required = false, options = [], hint, value, placeholder }) {
  const id = `field-${++fieldCount}`;
  let control;
  if (kind === "select") {
    control = h("select", { id, required },
      options.map((option) => {
        const [optionValue, text] = Array.isArray(option) ? option : [option, option];
        return h("option", { value: optionValue, text, selected: optionValue === value });
      }));
  } else if (kind === "textarea") {
    control = h("textarea", { id, required, rows: 6, spellcheck: "false", placeholder });
    if (value !== undefined) control.value = value;
  } else {
    const type = { integer: "number", password: "password", url: "url", email: "email", number: "number",
      checkbox: "checkbox", file: "file" }[kind] || "text";
    control = h("input", { id, type, required: kind !== "checkbox" && required, placeholder,
      step: kind === "integer" ? "1" : kind === "number" ? "any" : null,
      autocomplete: kind === "password" ? "off" : null, spellcheck: kind === "password" ? "false" : null });
    if (kind === "checkbox") control.checked = Boolean(value);
    else if (value !== undefined && kind !== "file") control.value = value;
  }
  const problem = h("p", { class: "problem", id: `${id}-problem`, role: "alert" });
  const hintNode = hint ? h("p", { class: "hint", id: `${id}-hint`, text: hint }) : null;
  control.setAttribute("aria-describedby", [hintNode && `${id}-hint`, `${id}-problem`].filter(Boolean).join(" "));
  const labelNode = h("label", { for: id }, label, required ? h("span", { class: "required", text: " (required)" }) : null);
  // A checkbox comes before its words, as people expect; any other control after them.
  const wrapper = kind === "checkbox"
    ? h("div", { class: "field check", "data-path": path || null }, control, labelNode, hintNode, problem)
    : h("div", { class: "field", "data-path": path || null }, labelNode, control, hintNode, problem);
  wrapper.control = control;
  return wrapper;
}

// A form with a problems area and a submit button; `submit(form)` runs on submit,
// with the button disabled meanwhile.
export function form(label, fields, submitText, submit) {
  const summary = h("div", { class: "problem summary", role: "alert" });
  const submitButton = h("button", { type: "submit", text: submitText });
  // The API checks every field and words each problem; the browser does not get in first.
  const node = h("form", { "aria-label": label, novalidate: true }, fields, summary, submitButton);
  node.summary = summary;
  node.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearProblems(node);
    submitButton.disabled = true;
    try { await submit(node); } catch (error) { showProblems(node, error); } finally { submitButton.disabled = false; }
  });
  return node;
}

function clearProblems(formNode) {
  for (const node of formNode.querySelectorAll(".problem")) node.textContent = "";
  for (const node of formNode.querySelectorAll("[aria-invalid]")) node.removeAttribute("aria-invalid");
}

// An API error in a form: each "path: problem" under the field for that path (or
// its closest parent path), the rest above the submit button, as the API words them.
export function showProblems(formNode, error) {
  const problems = error.problems && error.problems.length ? error.problems : [error.message];
  const fields = [...formNode.querySelectorAll("[data-path]")];
  const rest = [];
  let first = null;
  for (const problem of problems) {
    const path = problem.includes(": ") ? problem.slice(0, problem.indexOf(": ")) : "";
    let target = null;
    for (let candidate = path; candidate && !target; candidate = candidate.replace(/(\.[^.]*|\[\d+\])$/, "") || "") {
      target = fields.find((node) => node.dataset.path === candidate && !node.hidden);
      if (candidate.search(/[.[]/) < 0) break;
    }
    if (target) {
      const line = target.querySelector(".problem");
      line.textContent = line.textContent ? `${line.textContent} ${problem}` : problem;
      target.control.setAttribute("aria-invalid", "true");
      first = first || target.control;
    } else {
      rest.push(problem);
    }
  }
  formNode.summary.textContent = rest.join(" ");
  (first || formNode.summary).focus?.();
}

// Asks before something that cannot be undone; resolves true when confirmed.
export function confirmAction(question, confirmText) {
  return new Promise((resolve) => {
    const dialog = h("dialog", { "aria-label": question },
      h("p", { text: question }),
      button(confirmText, () => { dialog.close(); resolve(true); }),
      button("Cancel", () => { dialog.close(); resolve(false); }));
    dialog.addEventListener("close", () => { dialog.remove(); resolve(false); });
    document.body.append(dialog);
    dialog.showModal();
  });
}

// A value shown once (a webhook's secret) with a button that copies it.
export function secretOnce(label, value) {
  const id = `field-${++fieldCount}`;
  const output = h("input", { id, type: "text", readonly: true, class: "secret", "aria-describedby": `${id}-hint` });
  output.value = value;
  const copied = h("span", { role: "status" });
  return h("div", { class: "once" },
    h("label", { for: id, text: label }), output, h("p", { class: "hint", id: `${id}-hint`, text: "Shown this once: copy it now." }),
    button("Copy", async () => {
      output.select();
      try { await navigator.clipboard.writeText(value); } catch { document.execCommand("copy"); }
      copied.textContent = "Copied.";
    }), copied);
}

// The page's one status line, read out by screen readers.
export function say(message, isError = false) {
  const status = $("status");
  status.textContent = message;
  status.className = isError ? "error" : "";
}

// Fills `node` with what `load` answers; when the API refuses (a missing scope, say),
// the node says why in the API's words instead.
export async function fill(node, load) {
  try {
    put(node, await load());
  } catch (error) {
    if (error.status === 401) throw error;
    put(node, refused(error));
  }
}

// Runs `load`; when the API refuses it (other than for the key itself), `node` ends
// with the API's reason.
export async function refusable(node, load) {
  try {
    await load();
  } catch (error) {
    if (error.status === 401) throw error;
    node.append(refused(error));
  }
}

// A page's heading, focused when the page opens so keyboard and screen-reader users
// start there.
export function heading(text) {
  document.title = `${text} — Switchboard console`;
  return h("h2", { text, tabindex: "-1", class: "page-title" });
}

let carried = "";

// Moves to another page, whose status line then says `message`.
export function go(hash, message = "") {
  carried = message;
  location.hash = hash;
}

// What the last `go` asked the next page to say (once).
export function carriedMessage() {
  const message = carried;
  carried = "";
  return message;
}
