// The document view of the coding panel (an anywidget front end).
// Draws the segments Python sends (HTML already built and escaped there), reports clicks,
// text selections as offsets into the document's text, and the panel's keys.

function codePoints(s) {
  return Array.from(s).length;
}

// Offset in the document (code points) of a DOM boundary point (node, offset).
function documentOffset(node, offset, atEnd) {
  if (node.nodeType === Node.TEXT_NODE) {
    const piece = node.parentElement && node.parentElement.closest(".syn-piece");
    if (!piece) return null;
    return Number(piece.dataset.start) + codePoints(node.data.slice(0, offset));
  }
  const element = node;
  const children = element.childNodes;
  if (atEnd) {
    for (let i = Math.min(offset, children.length) - 1; i >= 0; i--) {
      const pieces = children[i].querySelectorAll ? [children[i], ...children[i].querySelectorAll(".syn-piece")] : [];
      const last = pieces.filter((p) => p.classList && p.classList.contains("syn-piece")).pop();
      if (last) return Number(last.dataset.end);
    }
  } else {
    for (let i = offset; i < children.length; i++) {
      const pieces = children[i].querySelectorAll ? [children[i], ...children[i].querySelectorAll(".syn-piece")] : [];
      const first = pieces.find((p) => p.classList && p.classList.contains("syn-piece"));
      if (first) return Number(first.dataset.start);
    }
  }
  const closest = element.closest && element.closest(".syn-piece");
  return closest ? Number(atEnd ? closest.dataset.end : closest.dataset.start) : null;
}

const KEYS = { j: "next", ArrowDown: "next", k: "previous", ArrowUp: "previous", Escape: "clear" };

function render({ model, el }) {
  const root = document.createElement("div");
  root.className = "syn-doc";
  root.setAttribute("lang", "th");
  // Focusable, and JupyterLab's own shortcuts (j, k, 1-9 in command mode) stop here.
  root.tabIndex = 0;
  root.setAttribute("data-lm-suppress-shortcuts", "true");
  // A notebook panel with JupyterLab's keyboard modes (Voilà also draws a .jp-Notebook inside
  // a lab shell, but has no notebook panel and no command/edit modes).
  const inJupyterLab = () => Boolean(el.closest(".jp-NotebookPanel, .jp-mod-commandMode, .jp-mod-editMode"));
  el.appendChild(root);

  function draw() {
    const segments = model.get("segments");
    const current = model.get("current");
    root.innerHTML = "";
    const title = document.createElement("div");
    title.className = "syn-title";
    title.textContent = model.get("title");
    root.appendChild(title);
    for (const segment of segments) {
      const box = document.createElement("div");
      box.className = "syn-seg syn-kind-" + segment.kind + (segment.index === current ? " syn-current" : "");
      box.dataset.index = segment.index;
      const gutter = document.createElement("div");
      gutter.className = "syn-gutter";
      gutter.textContent = String(segment.index + 1) + (segment.suggestions ? " ✦" + segment.suggestions : "");
      const body = document.createElement("div");
      body.className = "syn-text";
      body.innerHTML = segment.html;
      box.appendChild(gutter);
      box.appendChild(body);
      root.appendChild(box);
    }
    const active = root.querySelector(".syn-current");
    if (active && active.scrollIntoView) active.scrollIntoView({ block: "nearest" });
  }

  root.addEventListener("mouseup", () => {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return;
    const range = selection.getRangeAt(0);
    if (!root.contains(range.commonAncestorContainer)) return;
    const start = documentOffset(range.startContainer, range.startOffset, false);
    const end = documentOffset(range.endContainer, range.endOffset, true);
    if (start === null || end === null || end <= start) return;
    model.send({ type: "select", start, end });
  });

  root.addEventListener("click", (event) => {
    const selection = window.getSelection();
    if (selection && !selection.isCollapsed) return;
    const box = event.target.closest(".syn-seg");
    if (box) model.send({ type: "goto", index: Number(box.dataset.index) });
    root.focus({ preventScroll: true });
  });

  function onKey(event) {
    if (!el.isConnected || !model.get("keyboard")) return;
    const target = event.target;
    // In JupyterLab the keys belong to the notebook unless the document view has the focus;
    // in Voilà (no notebook) they work anywhere on the page but in a text box.
    if (inJupyterLab() && !root.contains(target)) return;
    const tag = target && target.tagName ? target.tagName.toUpperCase() : "";
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable)) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (KEYS[event.key]) {
      model.send({ type: "key", action: KEYS[event.key] });
      event.preventDefault();
    } else if (/^[1-9]$/.test(event.key)) {
      model.send({ type: "key", action: "toggle", number: Number(event.key) });
      event.preventDefault();
    }
  }
  document.addEventListener("keydown", onKey);

  model.on("change:segments", draw);
  model.on("change:current", draw);
  model.on("change:title", draw);
  draw();
  return () => document.removeEventListener("keydown", onKey);
}

export default { render };
