"""The coding panel's widgets: ipywidgets around a :class:`~synthesis.panel.state.PanelState`.

Layout: the document list, its filters and a search in the document on the left; the open
document in the middle (an anywidget with margin stripes that reports selections, clicks and
keys), with the current segment's codings (memo, remove) and suggestions (score, rule, accept,
reject, all of a code at once; accept and reject are logged with the engine that proposed) and
the similar passages of other documents (from the selection, the segment or a coding; searched
in a background thread, with titles, areas and a jump) below it; the codebook on the right: a search, the tree with
counts and hot keys, the definition of the code in view, its retrieved segments, the
comparison with another coder or the consensus, and the form to add a code. Every handler
calls one state method and redraws only what changed; an error is shown in the status line,
never swallowed; the last actions can be undone (button or Ctrl+Z).
"""

from __future__ import annotations

import re
import threading
from synthesis.reports.html_safe import escape  # the one escaping function (nothing from the data runs)
from pathlib import Path

import anywidget
import ipywidgets as w
import traitlets

from synthesis.coding import CodebookError
from synthesis.panel.render import segments_payload
from synthesis.panel.state import PanelState
from synthesis.panel.suggestions import STRONG, Suggestion

HERE = Path(__file__).parent
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ALL = ""
SHOWN = 40  # rows of a list pane (retrieval, search, bulk suggestions) shown at once


class DocumentView(anywidget.AnyWidget):
    """The open document: segments with highlighted codings; sends select/goto/key messages.

    ``segments`` is sent whole when a document opens; after an action only the changed
    segments go to the browser (a ``patch`` message), so long documents stay fast.
    """

    _esm = (HERE / "view.js").read_text(encoding="utf-8")
    _css = (HERE / "view.css").read_text(encoding="utf-8")
    title = traitlets.Unicode("").tag(sync=True)
    segments = traitlets.List([]).tag(sync=True)
    current = traitlets.Int(0).tag(sync=True)
    keyboard = traitlets.Bool(True).tag(sync=True)
    hotkeys = traitlets.List(traitlets.Unicode()).tag(sync=True)


def _swatch(colour: str) -> str:
    colour = colour if re.match(r"^#[0-9a-fA-F]{6}$", colour) else "#999999"
    return f'<span style="display:inline-block;width:0.9em;height:0.9em;background:{colour};border-radius:2px"></span>'


ERRORS = (KeyError, ValueError, RuntimeError, OSError, CodebookError)


class CodingPanel(w.VBox):
    """The whole panel; ``CodingPanel(state)`` is a widget to display.

    Unless the state was given a suggester, the suggestion model trains in a background
    thread (seconds on the demo corpus); rule suggestions show until it is ready.
    """

    def __init__(self, state: PanelState, title: str = "", train_in_background: bool = True):
        self.state = state
        self._quiet = False  # set while the panel itself changes the document list
        self.drawn: list[dict] = []  # the segments as the browser shows them (after patches)
        self._patched = False  # patches sent since the model's segments were last synced
        self._drawing = threading.RLock()  # one action or redraw at a time (the model trains in a thread)
        self.code_buttons: dict[str, w.Button] = {}
        self._shown: str | None = None  # the document the view holds
        self.status = w.HTML()
        self.status.add_class("syn-status")
        # whether suggestions are ready stays shown: the status line is overwritten by the next
        # action, which may come before or after the training thread ends
        self.suggestions_state = w.HTML()
        self.suggestions_state.add_class("syn-suggestions-state")
        self.undo_button = w.Button(description="เลิกทำ (Ctrl+Z)", tooltip="undo the last action", disabled=True,
                                    icon="undo", layout=w.Layout(width="auto"))
        self.undo_button.add_class("syn-undo")
        self.undo_button.on_click(lambda _: self.undo())
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
        self.min_score = w.FloatSlider(value=STRONG, min=0.5, max=0.95, step=0.05, description="คะแนน ≥",
                                       continuous_update=False, readout_format=".2f")
        self.doc_list = w.Select(options=[], rows=14, layout=w.Layout(width="98%"))
        self.doc_list.add_class("syn-doclist")
        for control in (self.area, self.kind, self.date_from, self.date_to, self.coded, self.with_suggestions,
                        self.min_score):
            control.observe(self._on_filter, names="value")
        self.doc_list.observe(self._on_pick, names="value")
        self.find = w.Text(placeholder="ค้นในเอกสาร (find in document)", continuous_update=False,
                           layout=w.Layout(width="98%"))
        self.find.add_class("syn-find")
        self.find.observe(lambda change: self._find(change["new"]), names="value")
        self.found = w.Select(options=[], rows=6, layout=w.Layout(width="98%"))
        self.found.add_class("syn-found")
        self.found.observe(self._on_found, names="value")
        left = w.VBox([w.HTML("<b>เอกสาร (documents)</b>"), self.area, self.kind, self.date_from, self.date_to,
                       self.coded, self.with_suggestions, self.min_score, self.doc_list, w.HTML("<b>ค้นหา (find)</b>"), self.find,
                       self.found], layout=w.Layout(width="24%", overflow="hidden"))
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
        self.bulk_code = w.Dropdown(description="ทั้งรหัส", layout=w.Layout(width="60%"))
        self.bulk_code.add_class("syn-bulk-code")
        self.bulk_code.observe(lambda _: self._show_bulk(), names="value")
        self.bulk_box = w.VBox()
        self.bulk_box.add_class("syn-bulk")
        similar = w.Button(description="ข้อความคล้ายกัน (similar passages)", layout=w.Layout(width="auto"),
                           tooltip="passages of other documents close to the selection or this segment")
        similar.add_class("syn-similar")
        similar.on_click(lambda _: self.find_similar())
        self.similar_other_areas = w.Checkbox(description="พื้นที่อื่นเท่านั้น (other areas only)", indent=False)
        self.similar_box = w.VBox()
        self.similar_box.add_class("syn-similar-box")
        self._similar_thread: threading.Thread | None = None
        middle = w.VBox([self.view, w.HBox([previous, following, self.target]),
                         w.HTML("<b>รหัสในส่วนนี้ (codings here)</b>"), self.codings_box,
                         w.HTML("<b>ข้อเสนอแนะรหัส (suggestions)</b>"), self.suggestions_box,
                         w.HTML("<b>ข้อเสนอแนะทั้งเอกสารของรหัสหนึ่ง (a code's suggestions in this document)</b>"),
                         self.bulk_code, self.bulk_box,
                         w.HBox([similar, self.similar_other_areas]), self.similar_box],
                        layout=w.Layout(width="48%", margin="0 8px"))
        # the codebook
        self.code_search = w.Text(placeholder="ค้นรหัส (find a code)", continuous_update=True,
                                  layout=w.Layout(width="98%"))
        self.code_search.add_class("syn-code-search")
        self.code_search.observe(lambda _: self._filter_tree(), names="value")
        self.tree_box = w.VBox()
        self.tree_box.add_class("syn-tree")
        self.definition = w.HTML()
        self.definition.add_class("syn-definition")
        self.focus_code: str | None = None
        self.key_box = w.Text(description="ปุ่มลัด", placeholder="1–9, a–y", layout=w.Layout(width="60%"))
        set_key = w.Button(description="ตั้งปุ่ม (set key)", layout=w.Layout(width="auto"))
        set_key.on_click(lambda _: self._set_key())
        retrieve = w.Button(description="ดึงข้อความของรหัสนี้ (retrieve)", layout=w.Layout(width="auto"))
        retrieve.add_class("syn-retrieve")
        retrieve.on_click(lambda _: self._retrieve())
        self.retrieve_all = w.Checkbox(description="ทุกผู้ลงรหัส (all coders)", indent=False)
        self.retrieved_box = w.VBox()
        self.retrieved_box.add_class("syn-retrieved-box")
        self.compare_with = w.Dropdown(description="เทียบกับ", options=[])
        self.compare_with.add_class("syn-compare-with")
        compare = w.Button(description="เปรียบเทียบ (compare)", layout=w.Layout(width="auto"))
        compare.add_class("syn-compare")
        compare.on_click(lambda _: self._run_compare())
        self.compare_box = w.VBox()
        self.compare_box.add_class("syn-compare-box")
        self.new_id = w.Text(placeholder="id เช่น success.network", description="id")
        self.new_th = w.Text(placeholder="ชื่อภาษาไทย", description="ชื่อไทย")
        self.new_en = w.Text(placeholder="English name", description="English")
        self.new_parent = w.Dropdown(description="ภายใต้")
        self.new_colour = w.ColorPicker(value="#17becf", description="สี", concise=False)
        add = w.Button(description="เพิ่มรหัส (add code)", button_style="success")
        add.add_class("syn-add-code")
        add.on_click(lambda _: self._add_code())
        right = w.VBox([w.HTML("<b>สมุดรหัส (codebook)</b> <small>ปุ่มลัดสลับรหัส, j/k เลื่อนส่วน, Ctrl+Z เลิกทำ</small>"),
                        self.code_search, self.tree_box,
                        w.HTML("<b>นิยาม (definition)</b>"), self.definition, w.HBox([self.key_box, set_key]),
                        w.HBox([retrieve, self.retrieve_all]), self.retrieved_box,
                        w.HTML("<b>เปรียบเทียบผู้ลงรหัส (compare coders)</b>"), w.HBox([self.compare_with, compare]),
                        self.compare_box,
                        w.HTML("<b>เพิ่มรหัส</b>"), self.new_id, self.new_th, self.new_en,
                        self.new_parent, self.new_colour, add], layout=w.Layout(width="28%", overflow="hidden"))
        header = w.HTML(f"<h3 style='margin:4px 0'>{escape(title or 'Coding')} · ผู้ลงรหัส "
                        f"<code>{escape(state.coder)}</code></h3>")
        super().__init__([header, w.HBox([left, middle, right]),
                          w.HBox([self.status, self.suggestions_state, self.undo_button])])
        self.add_class("syn-panel")
        if state.problems:
            self._say("; ".join(state.problems[:5]), error=True)
        self._draw_tree()
        self._refresh_list()
        self._refresh_compare_options()
        if state._suggester is None and train_in_background:
            threading.Thread(target=self._train, name="synthesis-panel-train", daemon=True).start()

    def _train(self) -> None:
        """Train the suggestion model without making the coder wait (rules are shown meanwhile)."""
        self._say_suggestions("กำลังเตรียมข้อเสนอแนะรหัส… (training suggestions)")
        try:
            self.state.train_suggester()
        except Exception as error:  # noqa: BLE001 - report it in the panel, the coder can go on
            self._say_suggestions(f"ข้อเสนอแนะรหัสใช้ไม่ได้ (suggestions unavailable): {error}", error=True)
            return
        with self._drawing:
            if self.state.doc is not None:  # every gutter's count of suggestions may change
                self.state.dirty.update(range(len(self.state.doc.segments)))
                self._redraw()
        self._say_suggestions("ข้อเสนอแนะรหัสพร้อมแล้ว (suggestions ready)")

    # --- helpers --------------------------------------------------------------------------------
    def _say(self, message: str, error: bool = False) -> None:
        colour = "#b00020" if error else "#2e7d32"
        self.status.value = f'<span style="color:{colour}">{escape(message)}</span>'

    def _say_suggestions(self, message: str, error: bool = False) -> None:
        """The status line and the lasting suggestions indicator beside it."""
        self._say(message, error=error)
        colour = "#b00020" if error else "#555555"
        self.suggestions_state.value = f'<small style="color:{colour}">{escape(message)}</small>'

    def _act(self, action, *args):
        """Run one state action, redraw what changed, and report what went wrong instead of
        failing silently. Actions and redraws never interleave with the training thread's."""
        with self._drawing:
            try:
                result = action(*args)
            except ERRORS as error:
                self._say(str(error.args[0]) if isinstance(error, KeyError) and error.args else str(error), error=True)
                self._redraw()
                return None
            self._redraw()
            return result

    def undo(self) -> None:
        """Undo the last action of the session (the button and Ctrl+Z)."""
        label = self._act(self.state.undo)
        if label:
            self._say(f"เลิกทำแล้ว: {label} (undone)")
        elif label is None and not self.state.history:
            self._say("ไม่มีอะไรให้เลิกทำ (nothing to undo)")

    # --- the document list ------------------------------------------------------------------------
    def _filters(self) -> dict:
        dates = {}
        for key, box in (("date_from", self.date_from), ("date_to", self.date_to)):
            value = box.value.strip()
            if value and not ISO_DATE.match(value):
                raise ValueError(f"{box.description}: {value!r} ไม่ใช่วันที่แบบ 2023-05-31 (not a date)")
            dates[key] = value or None
        return dict(area=self.area.value or None, kind=self.kind.value or None, status=self.coded.value,
                    with_suggestions=self.with_suggestions.value, min_score=self.min_score.value, **dates)

    def _refresh_list(self) -> None:
        """Relabel and refilter the document list without ever opening another document."""
        try:
            found = self.state.filter_documents(**self._filters())
        except ValueError as error:
            self._say(str(error), error=True)
            return
        coded = self.state.coded_doc_ids()
        options = [(f"{'✓ ' if info.doc_id in coded else ''}{info.date or '—'} · {info.title}", info.doc_id)
                   for info in found]
        open_id = self.state.doc.doc_id if self.state.doc is not None else None
        self._quiet = True
        try:
            if list(self.doc_list.options) != options:
                self.doc_list.options = options
            wanted = open_id if open_id in {value for _, value in options} else None
            if self.doc_list.value != wanted:
                self.doc_list.value = wanted
        finally:
            self._quiet = False
        self.state.list_changed = False

    def _on_filter(self, _change) -> None:
        self._refresh_list()

    def _on_pick(self, change) -> None:
        if self._quiet:
            return
        if change["new"] and (self.state.doc is None or self.state.doc.doc_id != change["new"]):
            self.open_document(change["new"])

    def open_document(self, doc_id: str) -> None:
        """Open a document (also what picking it in the list does)."""
        self._act(self.state.open, doc_id)

    # --- the document view --------------------------------------------------------------------------
    def _on_view_message(self, _widget, content, _buffers) -> None:
        kind = content.get("type")
        if kind == "ready":
            if self._patched:  # the model's copy is older than what was patched since
                self.view.send_state("segments")
                self._patched = False
            # what the training thread said between the page's snapshot and the browser's
            # connection never reached it (Voilà): say it again now that the page is there
            self.status.send_state("value")
            self.suggestions_state.send_state("value")
        elif kind == "select":
            span = self._act(self.state.select, int(content["start"]), int(content["end"]))
            if span is None:
                self._say("เลือกได้เฉพาะข้อความ (the selection held only white space)", error=True)
        elif kind == "goto":
            self._act(self.state.go_to, int(content["index"]))
        elif kind == "key":
            self.key(content.get("action", ""), int(content.get("number", 0) or 0), str(content.get("key", "")))

    def key(self, action: str, number: int = 0, key: str = "") -> None:
        """Keyboard: ``next``, ``previous``, ``clear``, ``undo``, or ``code`` (the code whose hot
        key is ``key``; ``toggle`` with ``number`` is the same for a digit)."""
        if action == "undo":
            self.undo()
            return
        if self.state.doc is None:
            return
        if action == "next":
            self._act(self.state.next_segment)
        elif action == "previous":
            self._act(self.state.previous_segment)
        elif action == "clear":
            self._act(self.state.clear_selection)
        elif action in ("code", "toggle"):
            self._report_toggle(self._act(self.state.toggle_key, key or str(number)))

    def _toggle(self, code_id: str) -> None:
        self.focus_code = code_id
        self._show_definition()
        if self.state.doc is None:
            self._say("เปิดเอกสารก่อน (open a document first)", error=True)
            return
        self._report_toggle(self._act(self.state.toggle, code_id))

    def _report_toggle(self, outcome) -> None:
        if outcome:
            verb, coding = outcome
            label = self.state.codebook.label(coding.code_id)
            if verb == "added":
                self._say(f"ใส่รหัส {label} ({coding.code_id}) · บันทึกแล้ว (saved)")
            else:
                memo = " พร้อมบันทึก memo" if coding.memo else ""
                self._say(f"เอารหัส {label} ออก{memo} · กด Ctrl+Z หรือ 'เลิกทำ' เพื่อเรียกคืน (removed; undo brings it back)")

    # --- finding in the document --------------------------------------------------------------------
    def _find(self, query: str) -> None:
        if self.state.doc is None or not query.strip():
            self.found.options = []
            return
        matches = self._act(self.state.search_document, query) or []
        text = self.state.doc.text
        options = []
        for match in matches[:SHOWN * 5]:
            index = self.state.segment_of(match.start)
            shown = text[max(0, match.start - 15):match.end + 15].replace("\n", " ")
            options.append((f"ส่วนที่ {(index or 0) + 1}: …{shown}…", (match.start, match.end)))
        self._quiet = True
        try:
            self.found.options = options
            self.found.value = None
        finally:
            self._quiet = False
        self._say(f"พบ {len(matches)} แห่ง (matches)")

    def _on_found(self, change) -> None:
        if self._quiet or not change["new"] or self.state.doc is None:
            return
        start, end = change["new"]
        self._act(self.state.select, start, end)
        self.view.send({"type": "scroll", "index": self.state.segment_index})

    # --- drawing -------------------------------------------------------------------------------------
    def _redraw(self) -> None:
        state = self.state
        doc = state.doc
        if doc is None:
            return
        if self._shown != doc.doc_id:
            self._shown = doc.doc_id
            self.view.title = f"{doc.info.title} ({doc.info.date or 'ไม่ระบุวันที่'})"
            self.view.current = state.segment_index
            self.drawn = segments_payload(state)
            self.view.segments = self.drawn
            self._patched = False
            state.dirty.clear()
            self.view.send({"type": "focus"})
            self._refresh_bulk_codes()
            self.compare_box.children = ()
            self.found.options = []
        else:
            if state.dirty:
                changed = segments_payload(state, state.dirty)
                for segment in changed:  # what the browser now shows, kept here too
                    self.drawn[segment["index"]] = segment
                self.view.send({"type": "patch", "segments": changed})
                self._patched = True
                state.dirty.clear()
                self._refresh_bulk_codes()
            self.view.current = state.segment_index
        if state.segment is None:
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
        if state.list_changed:
            self._refresh_list()
        self.undo_button.disabled = not state.history
        self.undo_button.tooltip = f"เลิกทำ: {state.history.last}" if state.history else "nothing to undo"

    def _coding_row(self, coding) -> w.HBox:
        name = self.state.codebook.label(coding.code_id)
        label = w.HTML(f"{_swatch(self.state.colour(coding.code_id))} {escape(name)} "
                       f"<small>«{escape(coding.quote[:40])}» {escape(coding.origin)}</small>",
                       layout=w.Layout(width="45%"))
        memo = w.Text(value=coding.memo, placeholder="บันทึก (memo) แล้วกด Enter", continuous_update=False,
                      layout=w.Layout(width="40%"))
        memo.add_class("syn-memo")
        memo.observe(lambda change, cid=coding.coding_id: self._memo(cid, change["new"]), names="value")
        remove = w.Button(description="ลบ", tooltip=f"remove {coding.code_id} (undo: Ctrl+Z)", button_style="danger",
                          layout=w.Layout(width="4em"))
        remove.add_class("syn-remove")
        remove.on_click(lambda _, cid=coding.coding_id: self._remove(cid))
        like = w.Button(description="คล้าย", tooltip="similar passages (ข้อความคล้ายกัน)", layout=w.Layout(width="4.5em"))
        like.add_class("syn-similar-coding")
        like.on_click(lambda _, cid=coding.coding_id: self.find_similar(cid))
        row = w.HBox([label, memo, remove, like])
        row.add_class("syn-coding")
        row.add_class(f"syn-in-{self.state.segment_index}")  # which segment the row belongs to
        return row

    def _remove(self, coding_id: str) -> None:
        removed = self._act(self.state.remove, coding_id)
        if removed is not None:
            self._report_toggle(("removed", removed))

    def _memo(self, coding_id: str, memo: str) -> None:
        if self._act(self.state.set_memo, coding_id, memo) is not None:
            self._say("บันทึก memo แล้ว (memo saved)")

    def _suggestion_text(self, suggestion: Suggestion) -> str:
        text = self.state.doc.text[suggestion.start:suggestion.end]
        why = f" · {suggestion.why}" if suggestion.why else ""
        return (f"{_swatch(self.state.colour(suggestion.code_id))} "
                f"{escape(self.state.codebook.label(suggestion.code_id))} "
                f"<b class='syn-score'>{suggestion.label}</b> <small>{escape(suggestion.source + why)} "
                f"«{escape(text[:40])}»</small>")

    def _suggestion_row(self, suggestion: Suggestion) -> w.HBox:
        label = w.HTML(self._suggestion_text(suggestion), layout=w.Layout(width="70%"))
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

    # --- a code's suggestions in bulk ------------------------------------------------------------------
    def _refresh_bulk_codes(self) -> None:
        if self.state.doc is None:
            return
        counts: dict[str, int] = {}
        for suggestion in self.state.suggestions():
            counts[suggestion.code_id] = counts.get(suggestion.code_id, 0) + 1
        options = [("(เลือกรหัส)", ALL)] + [(f"{self.state.codebook.label(code)} ({n})", code)
                                             for code, n in sorted(counts.items(), key=lambda item: -item[1])]
        keep = self.bulk_code.value
        if list(self.bulk_code.options) != options:
            self.bulk_code.options = options
            self.bulk_code.value = keep if keep in counts else ALL
        self._show_bulk()

    def _show_bulk(self) -> None:
        code = self.bulk_code.value
        if not code or self.state.doc is None:
            self.bulk_box.children = ()
            return
        found = self.state.code_suggestions(code)
        rows = []
        for suggestion in found[:SHOWN]:
            index = self.state.segment_of(suggestion.start)
            row = w.HTML(f"<small>ส่วนที่ {(index or 0) + 1}</small> {self._suggestion_text(suggestion)}")
            row.add_class("syn-bulk-row")
            rows.append(row)
        more = w.HTML(f"<small>… และอีก {len(found) - SHOWN} รายการ</small>") if len(found) > SHOWN else w.HTML()
        accept = w.Button(description=f"รับทั้ง {len(found)} รายการ (accept all)", button_style="success",
                          layout=w.Layout(width="auto"))
        accept.add_class("syn-accept-all")
        accept.on_click(lambda _, s=found: self._bulk(self.state.accept_all, s, "รับ"))
        reject = w.Button(description=f"ไม่รับทั้ง {len(found)} รายการ (reject all)", layout=w.Layout(width="auto"))
        reject.add_class("syn-reject-all")
        reject.on_click(lambda _, s=found: self._bulk(self.state.reject_all, s, "ไม่รับ"))
        self.bulk_box.children = (*rows, more, w.HBox([accept, reject]))

    def _bulk(self, action, suggestions, verb: str) -> None:
        if self._act(action, suggestions) is not None:
            self._say(f"{verb}ข้อเสนอ {len(suggestions)} รายการแล้ว · Ctrl+Z เลิกทำทั้งหมด")
        self._refresh_bulk_codes()

    # --- the codebook --------------------------------------------------------------------------------
    def _tree_label(self, row) -> str:
        key = f"{row.key}· " if row.key else ""
        counts = f"{row.own}" if row.own == row.total else f"{row.own}/{row.total}"
        return f"{key}{row.code.name_th} ({counts})"

    def _tooltip(self, code) -> str:
        parts = [f"{code.id} · {code.name_en}"]
        for label, text in (("นิยาม", code.description), ("ใช้เมื่อ", code.include), ("ไม่ใช้เมื่อ", code.exclude)):
            if text:
                parts.append(f"{label}: {text}")
        return "\n".join(parts)

    def _draw_tree(self) -> None:
        rows = []
        self._tree_ids = []
        self.code_buttons = {}
        for row in self.state.tree():
            button = w.Button(description=self._tree_label(row), tooltip=self._tooltip(row.code),
                              layout=w.Layout(width="auto", margin=f"1px 0 1px {row.depth * 1.5}em"))
            button.style.button_color = row.code.colour + "55"
            button.add_class("syn-code")
            button.on_click(lambda _, cid=row.code.id: self._toggle(cid))
            self.code_buttons[row.code.id] = button
            info = w.Button(description="ℹ", tooltip="นิยามและข้อความของรหัส (definition, retrieve)",
                            layout=w.Layout(width="2.2em"))
            info.add_class("syn-info")
            info.on_click(lambda _, cid=row.code.id: self._focus(cid))
            line = w.HBox([info, button])
            line.add_class("syn-tree-row")
            rows.append(line)
            self._tree_ids.append(row.code.id)
        self.tree_box.children = tuple(rows)
        self.view.hotkeys = sorted(self.state.hotkeys)
        self.new_parent.options = [("(บนสุด top level)", ALL)] + [
            ("  " * row.depth + row.code.name_th, row.code.id) for row in self.state.tree()]
        self._filter_tree()

    def _filter_tree(self) -> None:
        shown = set(self.state.search_codebook(self.code_search.value))
        for code_id, line in zip(self._tree_ids, self.tree_box.children):
            line.layout.display = None if code_id in shown else "none"

    def _update_tree_counts(self) -> None:
        rows = self.state.tree()
        if [row.code.id for row in rows] != self._tree_ids:
            self._draw_tree()
            return
        for line, row in zip(self.tree_box.children, rows):
            label = self._tree_label(row)
            if line.children[1].description != label:
                line.children[1].description = label

    def _focus(self, code_id: str) -> None:
        self.focus_code = code_id
        self._show_definition()

    def _show_definition(self) -> None:
        code = self.state.codebook.codes.get(self.focus_code or "")
        if code is None:
            self.definition.value = ""
            return
        parts = [f"{_swatch(code.colour)} <b>{escape(code.name_th)}</b> <small>{escape(code.id)} · "
                 f"{escape(code.name_en)} · ปุ่ม {escape(self.state.key_of(code.id) or '—')}</small>"]
        for label, text in (("นิยาม (definition)", code.description), ("ใช้เมื่อ (include)", code.include),
                            ("ไม่ใช้เมื่อ (exclude)", code.exclude)):
            if text:
                parts.append(f"<div><i>{label}:</i> {escape(text)}</div>")
        self.definition.value = "".join(parts)
        self.key_box.value = self.state.key_of(code.id) or ""

    def _set_key(self) -> None:
        if not self.focus_code:
            self._say("เลือกรหัสก่อน (กด ℹ ที่รหัส) (pick a code first)", error=True)
            return
        if self._act(self.state.set_hotkey, self.focus_code, self.key_box.value) is not None:
            self._draw_tree()
            self._show_definition()
            self._say(f"ตั้งปุ่มลัดของ {self.state.codebook.label(self.focus_code)} แล้ว (key saved)")

    def _retrieve(self) -> None:
        if not self.focus_code:
            self._say("เลือกรหัสก่อน (กด ℹ ที่รหัส) (pick a code first)", error=True)
            return
        coders = [self.state.coder, *self.state.other_coders()] if self.retrieve_all.value else None
        found = self._act(self.state.retrieve, self.focus_code, coders)
        if found is None:
            return
        rows = []
        for item in found[:SHOWN]:
            c = item.coding
            memo = f" · memo: {c.memo}" if c.memo else ""
            text = w.HTML(f"<small>{escape(item.title)} · {escape(c.coder)}{escape(memo)}</small><br>"
                          f"…{escape(item.before)}<b style='background:{self.state.colour(c.code_id)}55'>"
                          f"{escape(c.quote)}</b>{escape(item.after)}…", layout=w.Layout(width="80%"))
            jump = w.Button(description="ไปที่", tooltip="jump to the source", layout=w.Layout(width="4em"))
            jump.add_class("syn-jump")
            jump.on_click(lambda _, c=c: self._jump(c.doc_id, c.start, c.end))
            row = w.HBox([text, jump])
            row.add_class("syn-retrieved")
            rows.append(row)
        head = w.HTML(f"<small>{len(found)} ส่วนที่ลงรหัส {escape(self.state.codebook.label(self.focus_code))}"
                      f"{' (แสดง ' + str(SHOWN) + ')' if len(found) > SHOWN else ''}</small>")
        self.retrieved_box.children = (head, *rows)

    def _jump(self, doc_id: str, start: int, end: int) -> None:
        if not any(info.doc_id == doc_id for info in self.state.documents):
            self._say(f"ไม่มีเอกสาร {doc_id} ในชุดนี้ (not in this collection)", error=True)
            return
        self._act(self.state.jump_to, doc_id, start, end)
        self._refresh_list()
        self.view.send({"type": "scroll", "index": self.state.segment_index})

    # --- similar passages (issue 18) ----------------------------------------------------------------------
    def find_similar(self, coding_id: str | None = None, wait: bool = False) -> threading.Thread | None:
        """Look for passages similar to a coding, the selection or the current segment in a
        background thread (a cold e5 index takes minutes); the pane shows them when ready.
        ``wait`` joins the thread (tests, notebooks)."""
        if self._similar_thread is not None and self._similar_thread.is_alive():
            self._say("กำลังค้นข้อความคล้ายกันอยู่ (already searching)")
            return self._similar_thread
        try:
            query = self.state.similar_query(coding_id)
        except ERRORS as error:
            self._say(str(error.args[0]) if isinstance(error, KeyError) and error.args else str(error), error=True)
            return None
        other_areas = bool(self.similar_other_areas.value)
        self.similar_box.children = (w.HTML(f"<small>กำลังค้นข้อความที่คล้าย «{escape(query['quote'][:40])}»… "
                                            f"(searching)</small>"),)
        thread = threading.Thread(target=self._similar_worker, args=(coding_id, other_areas),
                                  name="synthesis-panel-similar", daemon=True)
        self._similar_thread = thread
        thread.start()
        if wait:
            thread.join()
        return thread

    def _similar_worker(self, coding_id: str | None, other_areas: bool) -> None:
        try:
            found, backend, note = self.state.find_similar(coding_id, other_areas=other_areas)
        except Exception as error:  # noqa: BLE001 - shown in the pane, the coder can go on
            self.similar_box.children = (w.HTML(f"<small style='color:#b00020'>ค้นข้อความคล้ายกันไม่ได้ "
                                                f"(similar passages failed): {escape(error)}</small>"),)
            return
        with self._drawing:
            self.show_similar(found, backend, note)

    def show_similar(self, found, backend: str, note: str = "") -> None:
        """Fill the pane: each passage with its score, document title and areas (all escaped)
        and a jump when the document is in this collection."""
        head = (f"<small>ข้อความคล้ายกัน {len(found)} รายการ · เครื่องมือ {escape(backend)}"
                f"{' · ' + str(escape(note)) if note else ''}</small>")
        rows = []
        for item in found:
            text = w.HTML(f"<b class='syn-score'>{item.score:.2f}</b> <small>{escape(item.title)}"
                          f" · {escape(item.areas or 'ไม่ระบุพื้นที่')}</small><br>{escape(item.text[:200])}",
                          layout=w.Layout(width="80%"))
            parts = [text]
            if item.in_collection:
                jump = w.Button(description="ไปที่", tooltip="jump to the passage", layout=w.Layout(width="4em"))
                jump.add_class("syn-jump")
                jump.on_click(lambda _, p=item: self._jump(p.doc_id, p.start, p.end))
                parts.append(jump)
            row = w.HBox(parts)
            row.add_class("syn-similar-row")
            rows.append(row)
        self.similar_box.children = (w.HTML(head), *rows)

    # --- comparing with another coder --------------------------------------------------------------------
    def _refresh_compare_options(self) -> None:
        self.compare_with.options = [(coder, coder) for coder in self.state.other_coders()]

    def _run_compare(self) -> None:
        other = self.compare_with.value
        if not other or self.state.doc is None:
            self._say("เปิดเอกสารและเลือกผู้ลงรหัสที่จะเทียบ (open a document, pick a coder)", error=True)
            return
        rows = self._act(self.state.compare_with, other) or []
        lines = []
        label = self.state.codebook.label
        differing = [row for row in rows if row.differs]
        for row in differing[:SHOWN]:
            mine = ", ".join(label(c) for c in sorted(row.left)) or "—"
            theirs = ", ".join(label(c) for c in sorted(row.right)) or "—"
            text = w.HTML(f"<small>ส่วนที่ {row.index + 1}</small> ของฉัน: {escape(mine)} | "
                          f"{escape(other)}: {escape(theirs)}", layout=w.Layout(width="60%"))
            go = w.Button(description="ไปที่", layout=w.Layout(width="4em"))
            go.on_click(lambda _, i=row.index: self._goto_segment(i))
            buttons = [go]
            for side in (self.state.coder, other):
                if side == "consensus":
                    continue
                take = w.Button(description=f"รับของ {side}", tooltip=f"take {side}'s codes into the consensus",
                                layout=w.Layout(width="auto"))
                take.add_class("syn-take")
                take.on_click(lambda _, i=row.index, s=side: self._take(i, s))
                buttons.append(take)
            line = w.HBox([text, *buttons])
            line.add_class("syn-compare-row")
            lines.append(line)
        same = len(rows) - len(differing)
        head = w.HTML(f"<small>ตรงกัน {same} ส่วน · ต่างกัน {len(differing)} ส่วน (agree / differ)</small>")
        self.compare_box.children = (head, *lines)
        self.state.differing = {row.index for row in differing}
        self.state.dirty.update(row.index for row in rows)
        self._redraw()

    def _goto_segment(self, index: int) -> None:
        self._act(self.state.go_to, index)
        self.view.send({"type": "scroll", "index": index})

    def _take(self, index: int, side: str) -> None:
        result = self._act(self.state.take_side, index, side)
        if result is not None:
            added, removed = result
            self._say(f"consensus ส่วนที่ {index + 1}: รับของ {side} (+{len(added)} −{len(removed)}) · Ctrl+Z เลิกทำ")
            self._refresh_compare_options()

    def _add_code(self) -> None:
        if not self.new_th.value.strip():
            self._say("ต้องมีชื่อภาษาไทย (a Thai name is needed)", error=True)
            return
        code = self._act(self.state.add_code, self.new_id.value, self.new_th.value, self.new_en.value,
                         self.new_parent.value or None, self.new_colour.value)
        if code is not None:
            self._draw_tree()
            self.new_id.value = self.new_th.value = self.new_en.value = ""
            key = self.state.key_of(code.id)
            self._say(f"เพิ่มรหัส {code.name_th} ({code.id}) ใน {self.state.codebook_path.name} แล้ว"
                      + (f" · ปุ่มลัด {key}" if key else "") + " · กำลังปรับข้อเสนอแนะเบื้องหลัง")


class CoderPrompt(w.VBox):
    """Asks who is coding when no name was given (or the name was refused), then shows the
    panel; the reason for a refusal is given in Thai."""

    def __init__(self, start, message: str = ""):
        self._start = start
        self._started = False
        self.name = w.Text(placeholder="เช่น coder_a", description="ชื่อผู้ลงรหัส", style={"description_width": "8em"},
                           continuous_update=False)  # synced on Enter (or leaving the box)
        self.name.add_class("syn-coder-name")
        self.name.observe(lambda change: self._go() if change["new"].strip() else None, names="value")
        go = w.Button(description="เริ่มลงรหัส (start)", button_style="primary")
        go.add_class("syn-coder-go")
        go.on_click(lambda _: self._go())
        self.message = w.HTML()
        self.message.add_class("syn-coder-message")
        self._show(message or "ใส่ชื่อผู้ลงรหัสของท่านก่อนเริ่ม งานจะบันทึกในแฟ้ม lessons/codings/<ชื่อ>.jsonl "
                              "(who is coding? no default coder)", error=bool(message))
        box = w.VBox([w.HTML("<b>ใครกำลังลงรหัส? (who is coding?)</b>"), w.HBox([self.name, go]), self.message])
        box.add_class("syn-ask")
        super().__init__([box])
        self.add_class("syn-panel")

    def _show(self, text: str, error: bool = False) -> None:
        colour = "#b00020" if error else "#555555"
        self.message.value = f'<span style="color:{colour}">{escape(text)}</span>'

    def _go(self) -> None:
        if self._started:
            return
        try:
            panel = self._start(self.name.value)
        except ERRORS as error:
            self._show(str(error), error=True)
            return
        self._started = True
        self.children = (panel,)
