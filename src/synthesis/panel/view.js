// The document view of the coding panel (an anywidget front end).
// Draws the segments Python sends (HTML already built and escaped there; stripes and titles
// arrive as data and are set as text), reports clicks, text selections as offsets into the
// document's text, and the panel's keys. After an action Python sends only the segments that
// changed ("patch"), so the coder's place (scroll, current segment) never moves by itself.

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

const MOVES = { j: "next", ArrowDown: "next", k: "previous", ArrowUp: "previous", Escape: "clear" };

function isTextBox(target) {
  if (!target || !target.tagName) return false;
  const tag = target.tagName.toUpperCase();
  return tag === "INPUT" || tag === "TEXTAREA" || Boolean(target.isContentEditable);
}

function render({ model, el }) {
  const root = document.createElement("div");
  root.className = "syn-doc";
  root.setAttribute("lang", "th");
  root.tabIndex = 0;
  // Lumino (JupyterLab) skips its shortcuts for events from inside such an element.
  root.setAttribute("data-lm-suppress-shortcuts", "true");
  el.appendChild(root);
  const boxes = new Map(); // segment index -> its element

  function panel() {
    return el.closest(".syn-panel") || el;
  }

  function fill(box, segment) {
    box.className = "syn-seg syn-kind-" + segment.kind + (segment.index === model.get("current") ? " syn-current" : "")
      + (segment.differs ? " syn-differs" : "");
    box.dataset.index = segment.index;
    box.dataset.codes = (segment.codes || []).join(" ");
    box.replaceChildren();
    const stripes = document.createElement("div");
    stripes.className = "syn-stripes";
    for (const stripe of segment.stripes || []) {
      const bar = document.createElement("div");
      bar.className = "syn-stripe";
      bar.dataset.code = stripe.code;
      bar.title = stripe.title; // text, never HTML
      bar.style.background = /^#[0-9a-fA-F]{6}$/.test(stripe.colour) ? stripe.colour : "#999999";
      bar.style.left = 5 * Number(stripe.lane) + "px";
      bar.style.top = Number(stripe.top) + "%";
      bar.style.height = Number(stripe.height) + "%";
      stripes.appendChild(bar);
    }
    const gutter = document.createElement("div");
    gutter.className = "syn-gutter";
    gutter.textContent = String(segment.index + 1) + (segment.suggestions ? " ✦" + segment.suggestions : "")
      + (segment.differs ? " ≠" : "");
    const body = document.createElement("div");
    body.className = "syn-text";
    body.innerHTML = segment.html; // built and escaped in Python (render.py)
    box.appendChild(stripes);
    box.appendChild(gutter);
    box.appendChild(body);
  }

  function drawAll() {
    root.replaceChildren();
    boxes.clear();
    const title = document.createElement("div");
    title.className = "syn-title";
    title.textContent = model.get("title");
    root.appendChild(title);
    for (const segment of model.get("segments")) {
      const box = document.createElement("div");
      fill(box, segment);
      boxes.set(segment.index, box);
      root.appendChild(box);
    }
    showCurrent(true);
  }

  function showCurrent(scroll) {
    const current = model.get("current");
    for (const box of root.querySelectorAll(".syn-current")) box.classList.remove("syn-current");
    const active = boxes.get(current);
    if (!active) return;
    active.classList.add("syn-current");
    if (scroll && active.scrollIntoView) active.scrollIntoView({ block: "nearest" });
  }

  function patch(segments) {
    for (const segment of segments) {
      const box = boxes.get(segment.index);
      if (box) fill(box, segment);
    }
    showCurrent(false);
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

  // Keys act only while the focus is inside this panel; there they never reach JupyterLab's
  // or the browser's own bindings (captured on window, before anyone else sees them).
  function onKey(event) {
    if (!el.isConnected || !model.get("keyboard")) return;
    const inside = panel().contains(event.target) || panel().contains(document.activeElement);
    if (!inside) return;
    if (isTextBox(event.target)) {
      event.stopPropagation(); // typing a memo: the text box's own keys, nobody else's
      return;
    }
    const isSelect = event.target && event.target.tagName && event.target.tagName.toUpperCase() === "SELECT";
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "z") {
      model.send({ type: "key", action: "undo" });
      event.preventDefault();
      event.stopPropagation();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const move = MOVES[event.key];
    if (move && !(isSelect && event.key.startsWith("Arrow"))) {
      model.send({ type: "key", action: move });
      event.preventDefault();
      event.stopPropagation();
      return;
    }
    const key = event.key.length === 1 ? event.key.toLowerCase() : "";
    if (key && (model.get("hotkeys") || []).includes(key)) {
      model.send({ type: "key", action: "code", key });
      event.preventDefault();
      event.stopPropagation();
      return;
    }
    if (key && key !== " ") {
      event.stopPropagation(); // e.g. JupyterLab's "a", "b", "d d" on cells: not from here
      if (isSelect) event.preventDefault(); // a document list's type-ahead would open another document
    }
  }
  window.addEventListener("keydown", onKey, true);

  model.on("msg:custom", (message) => {
    if (message.type === "patch") patch(message.segments);
    else if (message.type === "focus") root.focus({ preventScroll: true });
    else if (message.type === "scroll") {
      const box = boxes.get(message.index);
      if (box && box.scrollIntoView) box.scrollIntoView({ block: "center" });
    }
  });
  model.on("change:segments", drawAll);
  model.on("change:title", drawAll);
  model.on("change:current", () => showCurrent(true));
  const host = panel();
  if (host !== el) host.setAttribute("data-lm-suppress-shortcuts", "true");
  drawAll();
  // a view drawn again later (JupyterLab re-rendering an output) asks for the segments as
  // they are now: patches change only what the browser shows, not the model's copy
  model.send({ type: "ready" });
  return () => window.removeEventListener("keydown", onKey, true);
}

export default { render };
