"""The coding panel's widgets: ipywidgets around a :class:`~synthesis.panel.state.PanelState`.

Layout: the document list and its filters on the left; the open document in the middle
(an anywidget that reports selections, clicks and keys), with the current segment's codings
(memo, remove) and suggestions (score, accept, reject) below it; the codebook tree with
counts and the form to add a code on the right. Every handler calls one state method and
redraws; an error is shown in the status line, never swallowed.
"""

from __future__ import annotations

import re
import threading
from html import escape
from pathlib import Path

import anywidget
import ipywidgets as w
import traitlets

from synthesis.coding import CodebookError
from synthesis.panel.render import segments_payload
from synthesis.panel.state import PanelState
from synthesis.panel.suggestions import Suggestion

HERE = Path(__file__).parent
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ALL = ""


class DocumentView(anywidget.AnyWidget):
    """The open document: segments with highlighted codings; sends select/goto/key messages."""

    _esm = (HERE / "view.js").read_text(encoding="utf-8")
    _css = (HERE / "view.css").read_text(encoding="utf-8")
    title = traitlets.Unicode("").tag(sync=True)
    segments = traitlets.List([]).tag(sync=True)
    current = traitlets.Int(0).tag(sync=True)
    keyboard = traitlets.Bool(True).tag(sync=True)


def _swatch(colour: str) -> str:
    return f'<span style="display:inline-block;width:0.9em;height:0.9em;background:{colour};border-radius:2px"></span>'


class CodingPanel(w.VBox):
    """The whole panel; ``CodingPanel(state)`` is a widget to display.

    Unless the state was given a suggester, the suggestion model trains in a background
    thread (seconds on the demo corpus); rule suggestions show until it is ready.
    """

    def __init__(self, state: PanelState, title: str = "", train_in_background: bool = True):
        self.state = state
        self.status = w.HTML()
        self.status.add_class("syn-status")
        # document list and filters
        self.area = w.Dropdown(options=[("ทุกพื้นที่ (all areas)", ALL), *[(a, a) for a in state.areas()]],
                               description="พื้นที่")
        self.kind = w.Dropdown(options=[("ทุกประเภท (all kinds)", ALL), *[(k, k) for k in state.kinds()]],
                               description="ประเภท")
        self.date_from = w.Text(placeholder="YYYY-MM-DD", description="ตั้งแต่", continuous_update=False)
        self.date_to = w.Text(placeholder="YYYY-MM-DD", description="ถึง", continuous_update=False)
        self.coded = w.ToggleButtons(options=[("ทั้งหมด", "all"), ("ลงรหัสแล้ว", "coded"), ("ยังไม่ลง", "uncoded")],
                                     value="all", style={"button_width": "5.5em"})
        self.with_suggestions = w.Checkbox(description="มีข้อเสนอแนะรหัส (has suggestions)", indent=False)
        self.doc_list = w.Select(options=[], rows=14, layout=w.Layout(width="98%"))
        self.doc_list.add_class("syn-doclist")
        for control in (self.area, self.kind, self.date_from, self.date_to, self.coded, self.with_suggestions):
            control.observe(self._on_filter, names="value")
        self.doc_list.observe(self._on_pick, names="value")
        left = w.VBox([w.HTML("<b>เอกสาร (documents)</b>"), self.area, self.kind, self.date_from, self.date_to,
                       self.coded, self.with_suggestions, self.doc_list],
                      layout=w.Layout(width="26%", overflow="hidden"))
        # the document and the current segment
        self.view = DocumentView(layout=w.Layout(width="100%"))
        self.view.on_msg(self._on_view_message)
        self.target = w.HTML()
        self.codings_box = w.VBox()
        self.codings_box.add_class("syn-codings")
        self.suggestions_box = w.VBox()
        self.suggestions_box.add_class("syn-suggestions")
        previous = w.Button(description="◀ ก่อนหน้า (k)", tooltip="previous segment")
        following = w.Button(description="ถัดไป (j) ▶", tooltip="next segment")
        previous.on_click(lambda _: self._act(self.state.previous_segment))
        following.on_click(lambda _: self._act(self.state.next_segment))
        middle = w.VBox([self.view, w.HBox([previous, following, self.target]),
                         w.HTML("<b>รหัสในส่วนนี้ (codings here)</b>"), self.codings_box,
                         w.HTML("<b>ข้อเสนอแนะรหัส (suggestions)</b>"), self.suggestions_box],
                        layout=w.Layout(width="48%", margin="0 8px"))
        # the codebook
        self.tree_box = w.VBox()
        self.tree_box.add_class("syn-tree")
        self.new_id = w.Text(placeholder="id เช่น success.network", description="id")
        self.new_th = w.Text(placeholder="ชื่อภาษาไทย", description="ชื่อไทย")
        self.new_en = w.Text(placeholder="English name", description="English")
        self.new_parent = w.Dropdown(description="ภายใต้")
        self.new_colour = w.ColorPicker(value="#17becf", description="สี", concise=False)
        add = w.Button(description="เพิ่มรหัส (add code)", button_style="success")
        add.add_class("syn-add-code")
        add.on_click(lambda _: self._add_code())
        right = w.VBox([w.HTML("<b>สมุดรหัส (codebook)</b> <small>1–9 สลับรหัส, j/k เลื่อนส่วน</small>"),
                        self.tree_box, w.HTML("<b>เพิ่มรหัส</b>"), self.new_id, self.new_th, self.new_en,
                        self.new_parent, self.new_colour, add], layout=w.Layout(width="26%", overflow="hidden"))
        header = w.HTML(f"<h3 style='margin:4px 0'>{escape(title or 'Coding')} · ผู้ลงรหัส "
                        f"<code>{escape(state.coder)}</code></h3>")
        super().__init__([header, w.HBox([left, middle, right]), self.status])
        self.add_class("syn-panel")
        if state.problems:
            self._say("; ".join(state.problems[:5]), error=True)
        self._draw_tree()
        self._refresh_list()
        if state._suggester is None and train_in_background:
            threading.Thread(target=self._train, name="synthesis-panel-train", daemon=True).start()

    def _train(self) -> None:
        """Train the suggestion model without making the coder wait (rules are shown meanwhile)."""
        self._say("กำลังเตรียมข้อเสนอแนะรหัส… (training suggestions)")
        try:
            self.state.train_suggester()
        except Exception as error:  # noqa: BLE001 - report it in the panel, the coder can go on
            self._say(f"suggestions unavailable: {error}", error=True)
            return
        self._say("ข้อเสนอแนะรหัสพร้อมแล้ว (suggestions ready)")
        if self.state.doc is not None:
            self._redraw()

    # --- helpers --------------------------------------------------------------------------------
    def _say(self, message: str, error: bool = False) -> None:
        colour = "#b00020" if error else "#2e7d32"
        self.status.value = f'<span style="color:{colour}">{escape(message)}</span>'

    def _act(self, action, *args):
        """Run one state action, redraw, and report what went wrong instead of failing silently."""
        try:
            result = action(*args)
        except (KeyError, ValueError, RuntimeError, OSError, CodebookError) as error:
            self._say(str(error), error=True)
            return None
        self._redraw()
        return result

    # --- the document list ------------------------------------------------------------------------
    def _filters(self) -> dict:
        dates = {}
        for key, box in (("date_from", self.date_from), ("date_to", self.date_to)):
            value = box.value.strip()
            if value and not ISO_DATE.match(value):
                raise ValueError(f"{box.description}: {value!r} is not a date like 2023-05-31")
            dates[key] = value or None
        return dict(area=self.area.value or None, kind=self.kind.value or None, status=self.coded.value,
                    with_suggestions=self.with_suggestions.value, **dates)

    def _refresh_list(self) -> None:
        try:
            found = self.state.filter_documents(**self._filters())
        except ValueError as error:
            self._say(str(error), error=True)
            return
        coded = self.state.coded_doc_ids()
        options = [(f"{'✓ ' if info.doc_id in coded else ''}{info.date or '—'} · {info.title}", info.doc_id)
                   for info in found]
        keep = self.doc_list.value
        self.doc_list.options = options
        if keep in {value for _, value in options}:
            self.doc_list.value = keep

    def _on_filter(self, _change) -> None:
        self._refresh_list()

    def _on_pick(self, change) -> None:
        if change["new"] and (self.state.doc is None or self.state.doc.doc_id != change["new"]):
            self.open_document(change["new"])

    def open_document(self, doc_id: str) -> None:
        """Open a document (also what picking it in the list does)."""
        self._act(self.state.open, doc_id)

    # --- the document view --------------------------------------------------------------------------
    def _on_view_message(self, _widget, content, _buffers) -> None:
        kind = content.get("type")
        if kind == "select":
            span = self._act(self.state.select, int(content["start"]), int(content["end"]))
            if span is None:
                self._say("เลือกได้เฉพาะข้อความ (the selection held only white space)", error=True)
        elif kind == "goto":
            self._act(self.state.go_to, int(content["index"]))
        elif kind == "key":
            self.key(content.get("action", ""), int(content.get("number", 0)))

    def key(self, action: str, number: int = 0) -> None:
        """Keyboard: ``next``, ``previous``, ``clear`` or ``toggle`` the ``number``-th code."""
        if self.state.doc is None:
            return
        if action == "next":
            self._act(self.state.next_segment)
        elif action == "previous":
            self._act(self.state.previous_segment)
        elif action == "clear":
            self._act(self.state.clear_selection)
        elif action == "toggle":
            self._toggle_number(number)

    def _toggle_number(self, number: int) -> None:
        self._report_toggle(self._act(self.state.toggle_number, number))

    def _toggle(self, code_id: str) -> None:
        if self.state.doc is None:
            self._say("เปิดเอกสารก่อน (open a document first)", error=True)
            return
        self._report_toggle(self._act(self.state.toggle, code_id))

    def _report_toggle(self, outcome) -> None:
        if outcome:
            verb, coding = outcome
            self._say(f"{'ใส่' if verb == 'added' else 'เอาออก'}รหัส {self.state.codebook.label(coding.code_id)} "
                      f"({verb} {coding.code_id}) · บันทึกแล้ว")

    # --- drawing -------------------------------------------------------------------------------------
    def _redraw(self) -> None:
        state = self.state
        doc = state.doc
        self.view.title = "" if doc is None else f"{doc.info.title} ({doc.info.date or 'ไม่ระบุวันที่'})"
        self.view.segments = segments_payload(state)
        self.view.current = state.segment_index
        if doc is None or state.segment is None:
            self.target.value = ""
            self.codings_box.children = ()
            self.suggestions_box.children = ()
        else:
            start, end = state.target()
            where = "ข้อความที่เลือก (selection)" if state.selection else f"ส่วนที่ {state.segment_index + 1}"
            self.target.value = f"&nbsp;{where}: <i>{escape(doc.text[start:end][:60])}</i>"
            segment = state.segment
            self.codings_box.children = tuple(self._coding_row(c) for c in state.codings_in(segment.start, segment.end))
            self.suggestions_box.children = tuple(self._suggestion_row(s) for s in state.segment_suggestions())
        self._update_tree_counts()
        self._refresh_list()

    def _coding_row(self, coding) -> w.HBox:
        name = self.state.codebook.label(coding.code_id)
        label = w.HTML(f"{_swatch(self.state.colour(coding.code_id))} {escape(name)} "
                       f"<small>«{escape(coding.quote[:40])}» {escape(coding.origin)}</small>",
                       layout=w.Layout(width="45%"))
        memo = w.Text(value=coding.memo, placeholder="บันทึก (memo) แล้วกด Enter", continuous_update=False,
                      layout=w.Layout(width="40%"))
        memo.add_class("syn-memo")
        memo.observe(lambda change, cid=coding.coding_id: self._memo(cid, change["new"]), names="value")
        remove = w.Button(description="ลบ", tooltip=f"remove {coding.code_id}", button_style="danger",
                          layout=w.Layout(width="4em"))
        remove.add_class("syn-remove")
        remove.on_click(lambda _, cid=coding.coding_id: self._act(self.state.remove, cid))
        row = w.HBox([label, memo, remove])
        row.add_class("syn-coding")
        row.add_class(f"syn-in-{self.state.segment_index}")  # which segment the row belongs to
        return row

    def _memo(self, coding_id: str, memo: str) -> None:
        if self._act(self.state.set_memo, coding_id, memo) is not None:
            self._say("บันทึก memo แล้ว (memo saved)")

    def _suggestion_row(self, suggestion: Suggestion) -> w.HBox:
        text = self.state.doc.text[suggestion.start:suggestion.end]
        label = w.HTML(f"{_swatch(self.state.colour(suggestion.code_id))} "
                       f"{escape(self.state.codebook.label(suggestion.code_id))} "
                       f"<b class='syn-score'>{suggestion.label}</b> <small>{escape(suggestion.source)} "
                       f"«{escape(text[:40])}»</small>", layout=w.Layout(width="70%"))
        accept = w.Button(description="รับ (accept)", tooltip=f"accept {suggestion.code_id}", button_style="success",
                          layout=w.Layout(width="8.5em"))
        accept.add_class("syn-accept")
        accept.on_click(lambda _, s=suggestion: self._accept(s))
        reject = w.Button(description="ไม่รับ", tooltip=f"reject {suggestion.code_id}", layout=w.Layout(width="5em"))
        reject.add_class("syn-reject")
        reject.on_click(lambda _, s=suggestion: self._act(self.state.reject, s))
        row = w.HBox([label, accept, reject])
        row.add_class("syn-suggestion")
        row.add_class(f"syn-in-{self.state.segment_index}")
        return row

    def _accept(self, suggestion: Suggestion) -> None:
        if self._act(self.state.accept, suggestion) is not None:
            self._say(f"รับข้อเสนอ {self.state.codebook.label(suggestion.code_id)} ({suggestion.label}) · บันทึกแล้ว")

    # --- the codebook --------------------------------------------------------------------------------
    def _tree_label(self, row) -> str:
        key = f"{row.number}· " if row.number else ""
        counts = f"{row.own}" if row.own == row.total else f"{row.own}/{row.total}"
        return f"{key}{row.code.name_th} ({counts})"

    def _draw_tree(self) -> None:
        buttons = []
        for row in self.state.tree():
            button = w.Button(description=self._tree_label(row), tooltip=row.code.id,
                              layout=w.Layout(width="auto", margin=f"1px 0 1px {row.depth * 1.5}em"))
            button.style.button_color = row.code.colour + "55"
            button.add_class("syn-code")
            button.on_click(lambda _, cid=row.code.id: self._toggle(cid))
            buttons.append(button)
        self.tree_box.children = tuple(buttons)
        self.new_parent.options = [("(บนสุด top level)", ALL)] + [
            ("  " * row.depth + row.code.name_th, row.code.id) for row in self.state.tree()]

    def _update_tree_counts(self) -> None:
        rows = self.state.tree()
        if len(rows) != len(self.tree_box.children):
            self._draw_tree()
            return
        for button, row in zip(self.tree_box.children, rows):
            button.description = self._tree_label(row)

    def _add_code(self) -> None:
        if not self.new_th.value.strip():
            self._say("ต้องมีชื่อภาษาไทย (a Thai name is needed)", error=True)
            return
        code = self._act(self.state.add_code, self.new_id.value, self.new_th.value, self.new_en.value,
                         self.new_parent.value or None, self.new_colour.value)
        if code is not None:
            self._draw_tree()
            self.new_id.value = self.new_th.value = self.new_en.value = ""
            self._say(f"เพิ่มรหัส {code.name_th} ({code.id}) ใน {self.state.codebook_path.name} แล้ว")
