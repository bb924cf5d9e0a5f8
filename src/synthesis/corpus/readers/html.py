"""Web pages (the fund websites): navigation, scripts and menus dropped, structure kept."""

from __future__ import annotations

import re

from synthesis.corpus.encoding import DecodeError, Decoded, decode_bytes
from synthesis.corpus.readers.base import RawText

# Elements that are page furniture, not the report.
_HTML_DROP = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form",
              "iframe", "svg", "button", "select", "template")
# Block elements end a paragraph (blank line); these only end a line.
_HTML_PARAGRAPHS = {"p", "div", "section", "article", "main", "table", "ul", "ol", "blockquote",
                    "pre", "dl", "figure", "hr", "h1", "h2", "h3", "h4", "h5", "h6"}
_HTML_LINES = {"br", "li", "tr", "dt", "dd", "figcaption"}
_PARAGRAPH, _LINE = "\x00P", "\x00L"


def read_html(data: bytes) -> RawText:
    """Text of a web page: navigation, scripts and menus dropped; headings and paragraphs
    separated by blank lines, list items (``- ``) and table rows (cells joined by `` | ``)
    on their own lines."""
    import lxml.html

    decoded = _decode_html(data)
    # lxml refuses a str that still declares its byte encoding (XHTML pages)
    markup = re.sub(r"\A\s*<\?xml[^>]*\?>", "", decoded.text)
    parser = lxml.html.HTMLParser()
    try:
        root = lxml.html.document_fromstring(markup, parser=parser)
    except Exception as error:  # lxml raises several types on junk
        raise DecodeError(f"is not a readable HTML page ({error})") from None
    warnings = list(decoded.warnings)
    if any(entry.type_name == "ERR_RESOURCE_LIMIT" for entry in parser.error_log):
        # libxml2 stops at 256 nested elements: say that text below was not read
        warnings.append("the page nests elements more than 256 deep; text deeper than that was not read")
    for element in root.xpath("//" + " | //".join(_HTML_DROP)):
        element.drop_tree()
    for element in root.xpath("//*[@role='navigation' or @role='banner' or @role='contentinfo']"):
        element.drop_tree()
    title = (root.xpath("//title/text()") or [""])[0].strip()
    body = (root.xpath("//main") or root.xpath("//article") or root.xpath("//body") or [root])[0]
    parts: list[str] = []
    _html_walk(body, parts)
    text = _join_html_parts(parts)
    meta = {"html_title": title} if title else {}
    return RawText(text + "\n", "html", decoded.encoding, warnings, meta)


def _decode_html(data: bytes):
    """UTF-8 when the bytes are valid UTF-8 (a wrong ``charset`` is common), else the declared
    charset, else detection."""
    stripped = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    try:
        return Decoded(stripped.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    declared = re.search(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", data[:4096], re.I)
    if declared:
        name = declared.group(1).decode("ascii").lower()
        if name in ("tis-620", "tis620", "windows-874", "cp874", "iso-8859-11"):
            name = "cp874"
        try:
            return Decoded(data.decode(name), name)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(data)


def _html_walk(element, parts: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    marker = _PARAGRAPH if tag in _HTML_PARAGRAPHS else _LINE if tag in _HTML_LINES else ""
    parts.append(marker)
    if tag == "li":
        parts.append("- ")
    elif tag in ("td", "th"):
        parts.append(" | ")
    if element.text:
        parts.append(element.text)
    for child in element:
        _html_walk(child, parts)
        if child.tail:
            parts.append(child.tail)
    parts.append(marker)


def _join_html_parts(parts: list[str]) -> str:
    text = re.sub(r"\s+", " ", "".join(parts).replace("\x00", "\x01"))
    text = re.sub(r"(?: ?\x01[PL] ?)+", lambda m: "\n\n" if "P" in m.group() else "\n", text)
    lines = [line.strip().strip("|").strip() if "|" in line else line.strip()
             for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
