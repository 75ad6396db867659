// Renders the OpenAPI document as a list of operations: method, path, summary, parameters, answers.
"use strict";

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

fetch("/openapi/v1.json").then(r => r.json()).then(doc => {
  const main = document.getElementById("ops");
  main.replaceChildren(el("p", (doc.info?.title ?? "") + " " + (doc.info?.version ?? ""), "muted"));
  const byTag = new Map();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item)) {
      if (!["get", "post", "put", "delete", "patch"].includes(method)) continue;
      const tag = op.tags?.[0] ?? "Other";
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag).push({ path, method, op });
    }
  }
  for (const [tag, ops] of byTag) {
    const section = el("section", null, "panel");
    section.append(el("h2", tag));
    for (const { path, method, op } of ops) {
      const div = el("div", null, "op");
      div.append(el("span", method.toUpperCase(), "method"), el("code", path), el("div", op.summary ?? ""));
      if (op.description) div.append(el("div", op.description, "muted"));
      const params = (op.parameters ?? []).map(p => p.name + " (" + p.in + ")");
      if (params.length) div.append(el("div", "Parameters: " + params.join(", "), "muted"));
      const answers = Object.keys(op.responses ?? {});
      if (answers.length) div.append(el("div", "Answers: " + answers.join(", "), "muted"));
      section.append(div);
    }
    main.append(section);
  }
}).catch(e => { document.getElementById("ops").textContent = "Could not read the OpenAPI document: " + e; });
