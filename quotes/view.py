"""HTML views of output records: who said what, for people who would rather look than read JSON.

``render_document`` turns one output record (with its ``text``) into a self-contained page: the
text with every quote highlighted (background by type, underline by frame), cues, speakers,
addressees and chain links marked, a card per quote (resolved name, kind, anonymity, addressee,
chain, the quote it is nested in) and a "who said what" panel of sources. ``render_index`` lists a
corpus. ``write_view`` is what ``quotes view`` runs.

Safety: every string that comes from a document or a record (text, ids, names, meta, errors) goes
through ``html.escape`` and nothing else; the stylesheet and the script are constants of this
module, and no record value is ever put inside them. Each page also carries a Content-Security-
Policy that allows only that one script (by its hash) and no network at all, as a second line of
defence. The highlighted text is built from character offsets by cutting the text at every span
boundary into a flat sequence of segments, each knowing the set of spans covering it, so
overlapping and nested quotes never need nested or crossing tags.
"""
from __future__ import annotations

import base64
import hashlib
import html
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Iterable, Optional, TextIO

from .frames import frame_rules
from .model import QUOTE_TYPES, check_offsets
from .rules import load_rules

# The frames of the packaged rules (rules/frames.json), each with a style below.
FRAMES = frame_rules(load_rules()).frames

# Roles a segment of text can play for a quote, in the order a click prefers them when the
# segment lies outside every content (a speaker is likelier what a reader aims at than a chain).
ROLES = ("q", "spk", "cue", "adr", "chain")

CSS = """
:root { --direct: #cfe2ff; --indirect: #d3f0cc; --mixed: #ffe0b3; --ink: #1d2330; --muted: #5b6475; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--ink); background: #f6f7f9; }
header { padding: 12px 24px; background: #fff; border-bottom: 1px solid #dde1e7; }
header h1 { margin: 0 0 2px; font-size: 20px; overflow-wrap: anywhere; }
header .sub { color: var(--muted); font-size: 14px; }
header nav a { font-size: 14px; }
.errors { background: #fff3f0; border: 1px solid #f0b4a8; padding: 6px 10px; margin: 8px 0 0; font-size: 14px; }
.layout { display: grid; grid-template-columns: minmax(0, 1fr) 400px; gap: 20px; padding: 16px 24px; align-items: start; }
@media (max-width: 900px) { .layout { grid-template-columns: minmax(0, 1fr); } }
#text { background: #fff; padding: 18px 22px; border: 1px solid #dde1e7; border-radius: 6px; white-space: pre-wrap;
        overflow-wrap: anywhere; font-family: Georgia, "DejaVu Serif", serif; font-size: 17px; line-height: 1.7; }
aside { position: sticky; top: 12px; max-height: calc(100vh - 24px); overflow: auto; }
aside section, .quotes { background: #fff; border: 1px solid #dde1e7; border-radius: 6px; padding: 10px 14px; margin-bottom: 14px; }
h2 { font-size: 15px; margin: 4px 0 8px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
.hint { color: var(--muted); font-size: 14px; margin: 0; }
.t-direct { background: var(--direct); } .t-indirect { background: var(--indirect); } .t-mixed { background: var(--mixed); }
#text [data-sel] { cursor: pointer; }
#text .d2 { box-shadow: inset 0 -0.45em 0 rgba(40, 60, 120, .16); }
#text .d3 { box-shadow: inset 0 -0.9em 0 rgba(40, 60, 120, .2); }
.q { text-decoration-line: underline; text-decoration-thickness: 2px; text-underline-offset: 4px; text-decoration-color: transparent; }
.q.f-writing { text-decoration-color: #2f5fb3; text-decoration-style: double; }
.q.f-thought { text-decoration-color: #7d3fb0; text-decoration-style: dotted; }
.q.f-evidence { text-decoration-color: #13808a; text-decoration-style: dashed; }
.q.f-intention { text-decoration-color: #9a5b12; text-decoration-style: solid; }
.q.f-decree { text-decoration-color: #3f6b1f; text-decoration-style: dotted; }
.q.f-unrealized { text-decoration-color: #8a8f99; text-decoration-style: wavy; }
.q.f-stance { text-decoration-color: #b3264a; text-decoration-style: solid; }
.spk { font-weight: 700; color: #7a1f5c; }
.cue { font-weight: 700; border-bottom: 2px solid #56606f; }
.adr { font-style: italic; border-bottom: 2px dotted #56606f; }
.chain { border-bottom: 2px dashed #b0761b; }
/* the selected quote: a stronger tint with a rule under it, so that adjacent segments read as one */
#text .sel { background: #b9d0ff; box-shadow: inset 0 -3px 0 #1a56db; }
#text .sel-spk { background: #f3c6e2; box-shadow: inset 0 -3px 0 #7a1f5c; }
#text .sel-cue { background: #d9dde4; box-shadow: inset 0 -3px 0 #56606f; }
#text .sel-adr, #text .sel-chain { background: #fbe1b0; box-shadow: inset 0 -3px 0 #b0761b; }
.card { border-left: 5px solid #ccd; padding: 6px 10px; margin: 8px 0; background: #fff; }
.card.t-direct { border-left-color: #5b8def; background: #fff; } .card.t-indirect { border-left-color: #58a84a; background: #fff; }
.card.t-mixed { border-left-color: #e09b2d; background: #fff; }
.card.sel { box-shadow: 0 0 0 2px #1a56db; }
.card blockquote { margin: 4px 0 6px; font-family: Georgia, "DejaVu Serif", serif; overflow-wrap: anywhere; }
.card dl { display: grid; grid-template-columns: auto 1fr; gap: 1px 10px; margin: 0; font-size: 14px; }
.card dt { color: var(--muted); } .card dd { margin: 0; overflow-wrap: anywhere; }
.card ol { margin: 0; padding-left: 18px; }
.badge { display: inline-block; font-size: 12px; padding: 0 6px; border-radius: 8px; border: 1px solid #c5cad3; margin-left: 4px; background: #fff; }
.badge.t-direct { background: var(--direct); } .badge.t-indirect { background: var(--indirect); } .badge.t-mixed { background: var(--mixed); }
.badge.anon { background: #eee; }
.qid { font-weight: 700; text-decoration: none; }
.sources { list-style: none; padding: 0; margin: 0; }
.sources li { padding: 5px 0; border-bottom: 1px solid #eef0f3; }
.sources .count { float: right; color: var(--muted); font-size: 14px; }
.sources .links { font-size: 14px; }
.sources .links a { margin-right: 6px; }
.legend { font-size: 14px; line-height: 2; }
.legend span { padding: 1px 5px; white-space: nowrap; }
.legend .q { text-decoration-line: underline; text-decoration-thickness: 2px; text-underline-offset: 4px; }
table { border-collapse: collapse; background: #fff; font-size: 15px; }
th, td { text-align: left; padding: 5px 12px; border-bottom: 1px solid #e3e6eb; vertical-align: top; overflow-wrap: anywhere; }
th { color: var(--muted); font-weight: 600; } td.n { text-align: right; }
main.index { padding: 16px 24px; } main.index section { margin-bottom: 24px; }
"""

# Constant: no record value is ever formatted into it (segment attributes carry our own integers).
SCRIPT = """
(function () {
  var text = document.getElementById('text');
  var pane = document.getElementById('details-body');
  if (!text || !pane) return;
  var roles = [['q', 'sel'], ['cue', 'sel-cue'], ['spk', 'sel-spk'], ['adr', 'sel-adr'], ['chain', 'sel-chain']];
  function clear() {
    roles.forEach(function (r) {
      document.querySelectorAll('.' + r[1]).forEach(function (e) { e.classList.remove(r[1]); });
    });
  }
  function select(i, scroll) {
    var card = document.getElementById('quote-' + i);
    if (!card) return;
    clear();
    roles.forEach(function (r) {
      text.querySelectorAll('[data-' + r[0] + '~="' + i + '"]').forEach(function (e) { e.classList.add(r[1]); });
    });
    card.classList.add('sel');
    var copy = card.cloneNode(true);
    copy.removeAttribute('id');
    copy.classList.remove('sel');
    pane.replaceChildren(copy);
    if (scroll) {
      var first = text.querySelector('[data-q~="' + i + '"]') || text.querySelector('[data-spk~="' + i + '"]');
      if (first) first.scrollIntoView({block: 'center'});
    }
  }
  text.addEventListener('click', function (ev) {
    var seg = ev.target.closest('[data-sel]');
    if (seg) select(seg.getAttribute('data-sel'), false);
  });
  function fromHash() {
    var m = /^#quote-(\\d+)$/.exec(location.hash);
    if (m) select(m[1], true);
  }
  window.addEventListener('hashchange', fromHash);
  fromHash();
})();
"""

_SCRIPT_HASH = base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")
# No network (default-src 'none'), inline style allowed, and only our own script by its hash: an
# escaping mistake could still not run injected code or fetch anything.
CSP = (f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{_SCRIPT_HASH}'; "
       "img-src data:; base-uri 'none'; form-action 'none'")


def esc(value: Any) -> str:
    """Any value from a document or record, as HTML text or a quoted attribute value."""
    return html.escape("" if value is None else str(value), quote=True)


# --------------------------------------------------------------------------------------------
# Segments


def segments(length: int, spans: Iterable[tuple[int, int, Any]]) -> list[tuple[int, int, frozenset]]:
    """Cut ``[0, length)`` at every span boundary: a flat list of ``(start, end, keys)`` covering the
    whole text in order, ``keys`` the set of span keys covering that stretch. Empty spans are
    ignored; offsets are clamped to the text."""
    starts: dict[int, list] = defaultdict(list)
    ends: dict[int, list] = defaultdict(list)
    points = {0, length}
    for s, e, key in spans:
        s, e = max(0, min(int(s), length)), max(0, min(int(e), length))
        if s >= e:
            continue
        starts[s].append(key)
        ends[e].append(key)
        points.update((s, e))
    active: Counter = Counter()
    out = []
    ordered = sorted(points)
    for a, b in zip(ordered, ordered[1:]):
        for key in ends.get(a, ()):
            active[key] -= 1
            if not active[key]:
                del active[key]
        for key in starts.get(a, ()):
            active[key] += 1
        out.append((a, b, frozenset(active)))
    return out


def _quote_spans(quotes: list[dict]) -> list[tuple[int, int, tuple[str, int]]]:
    spans = []
    for i, q in enumerate(quotes):
        content = q.get("content") or {}
        for piece in content.get("fragments") or [content]:
            spans.append((piece["start"], piece["end"], ("q", i)))
        for key, role in (("speaker", "spk"), ("cue", "cue"), ("addressee", "adr")):
            if q.get(key):
                spans.append((q[key]["start"], q[key]["end"], (role, i)))
        for link in q.get("chain") or []:
            spans.append((link["start"], link["end"], ("chain", i)))
    return spans


def _safe_class(value: Any, allowed: tuple[str, ...], prefix: str) -> str:
    """A class name from a record value: only known values, so a record cannot inject classes."""
    return f"{prefix}{value}" if value in allowed else f"{prefix}other"


def render_text(text: str, quotes: list[dict]) -> str:
    """The text as HTML: each segment covered by a quote's content, cue, speaker, addressee or
    chain link is a ``<span>`` whose ``data-*`` attributes list the (0-based) quote indices for
    each role; ``data-sel`` is the quote a click selects (the innermost content covering it)."""
    def size(i: int) -> int:
        c = quotes[i].get("content") or {}
        return int(c.get("end", 0)) - int(c.get("start", 0))

    out = []
    for a, b, keys in segments(len(text), _quote_spans(quotes)):
        piece = esc(text[a:b])
        if not keys:
            out.append(piece)
            continue
        by_role: dict[str, list[int]] = {r: sorted(i for role, i in keys if role == r) for r in ROLES}
        classes, attrs = [], []
        inside = by_role["q"]
        if inside:
            inner = min(inside, key=lambda i: (size(i), -i))
            q = quotes[inner]
            classes += ["q", _safe_class(q.get("type"), QUOTE_TYPES, "t-"), _safe_class(q.get("frame"), FRAMES, "f-")]
            if len(inside) >= 3:
                classes.append("d3")
            elif len(inside) == 2:
                classes.append("d2")
            sel = inner
        else:
            sel = next(by_role[r][0] for r in ROLES if by_role[r])
        for role in ROLES:
            if by_role[role]:
                if role != "q":
                    classes.append(role)
                attrs.append(f'data-{role}="{" ".join(map(str, by_role[role]))}"')
        out.append(f'<span class="{" ".join(classes)}" {" ".join(attrs)} data-sel="{sel}">{piece}</span>')
    return "".join(out)


# --------------------------------------------------------------------------------------------
# Sources


def source_key(quote: dict) -> tuple:
    """Which source a quote belongs to: its speaker's resolved name; an anonymous or unnamed
    source by its first mention (``refers_to``, else the mention itself); an unresolved mention by
    its words; no speaker at all by itself."""
    spk = quote.get("speaker")
    if not spk:
        return ("none",)
    if spk.get("name") and not spk.get("anonymous"):
        return ("name", spk["name"])
    first = spk.get("refers_to") or spk
    if spk.get("anonymous"):
        return ("anon", first["start"], first["end"])
    return ("mention", " ".join(str(first.get("text", "")).split()).casefold())


def group_sources(quotes: list[dict]) -> list[dict]:
    """Sources of one document, most quoted first: ``{"key", "label", "kind", "anonymous",
    "resolved", "quotes": [indices]}``."""
    groups: dict[tuple, dict] = {}
    for i, q in enumerate(quotes):
        key = source_key(q)
        spk = q.get("speaker") or {}
        g = groups.get(key)
        if g is None:
            first = spk.get("refers_to") or spk
            if key[0] == "none":
                label = "no speaker found"
            elif key[0] == "name":
                label = spk["name"]
            else:
                label = first.get("text", "")
            g = groups[key] = {"key": key, "label": label, "kind": spk.get("kind") or "unknown",
                               "anonymous": bool(spk.get("anonymous")), "resolved": key[0] == "name",
                               "first": (q.get("content") or {}).get("start", 0), "quotes": []}
        g["quotes"].append(i)
    return sorted(groups.values(), key=lambda g: (-len(g["quotes"]), g["first"]))


# --------------------------------------------------------------------------------------------
# Pages


def _page(title: str, body: str, script: bool = False) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{esc(title)}</title><style>{CSS}</style></head>\n<body>\n{body}\n"
            + (f"<script>{SCRIPT}</script>\n" if script else "") + "</body></html>\n")


def _excerpt(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _content_text(q: dict) -> str:
    content = q.get("content") or {}
    pieces = content.get("fragments") or [content]
    return " … ".join(str(p.get("text", "")) for p in pieces)


def _card(i: int, q: dict, index_of: dict[str, int], quotes: list[dict]) -> str:
    qtype = _safe_class(q.get("type"), QUOTE_TYPES, "t-")
    spk = q.get("speaker")
    rows = []
    if spk:
        name = (f"<b>{esc(spk['name'])}</b>" if spk.get("name")
                else "<i>anonymous</i>" if spk.get("anonymous") else "<i>not resolved</i>")
        rows.append(("Speaker", f'{name} <span class="mention">as “{esc(spk.get("text"))}”</span>'))
        rows.append(("Kind", esc(spk.get("kind") or "unknown")))
        anon = "yes" if spk.get("anonymous") else "no"
        if spk.get("refers_to"):
            anon += f' — first mentioned as “{esc(spk["refers_to"].get("text"))}”'
        rows.append(("Anonymous", anon))
    else:
        rows.append(("Speaker", "<i>none found</i>"))
    cue = q.get("cue")
    rows.append(("Cue", f'{esc(cue.get("text"))} <span class="lemma">({esc(cue.get("lemma"))})</span>' if cue else "—"))
    adr = q.get("addressee")
    rows.append(("Addressee", esc(adr.get("text")) if adr else "—"))
    chain = q.get("chain") or []
    if chain:
        items = []
        for link in chain:
            who = link.get("name") or link.get("text")
            kind = f' <span class="kind">({esc(link.get("kind"))})</span>' if link.get("kind") else ""
            items.append(f'<li>{esc(link.get("relation"))} <b>{esc(who)}</b>{kind}</li>')
        rows.append(("Chain", f"<ol>{''.join(items)}</ol>"))
    else:
        rows.append(("Chain", "—"))
    outer = q.get("nested_in")
    if outer:
        j = index_of.get(str(outer))
        if j is None:
            rows.append(("Nested in", esc(outer)))
        else:
            rows.append(("Nested in", f'<a class="qid" href="#quote-{j}">{esc(outer)}</a> '
                                      f'“{esc(_excerpt(_content_text(quotes[j]), 60))}”'))
    else:
        rows.append(("Nested in", "—"))
    if (q.get("content") or {}).get("fragments"):
        rows.append(("Split", f'{len(q["content"]["fragments"])} fragments, one quote'))
    rows.append(("Rule", esc(q.get("rule"))))
    dl = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
    return (f'<div class="card {qtype}" id="quote-{i}" data-i="{i}">'
            f'<div class="card-head"><a class="qid" href="#quote-{i}">{esc(q.get("id"))}</a> '
            f'<span class="badge {qtype}">{esc(q.get("type"))}</span> '
            f'<span class="badge">{esc(q.get("frame") or "no frame")}</span></div>'
            f'<blockquote>{esc(_content_text(q))}</blockquote><dl>{dl}</dl></div>')


def _legend() -> str:
    types = " ".join(f'<span class="t-{t}">{t}</span>' for t in QUOTE_TYPES)
    frames = " ".join(f'<span class="q f-{f}">{f}</span>' for f in FRAMES if f != "speech")
    return ('<section class="legend"><h2>Legend</h2>'
            f'<div>type: {types}</div><div>frame (speech not underlined): {frames}</div>'
            '<div><span class="spk">speaker</span> <span class="cue">cue</span> '
            '<span class="adr">addressee</span> <span class="chain">chain link</span></div>'
            '<div>darker underlay: a quote nested in another</div></section>')


def render_document(record: dict, index_href: Optional[str] = None) -> str:
    """One output record (with ``text``) as a self-contained HTML page."""
    text = record["text"]
    quotes = list(record.get("quotes") or [])
    index_of = {str(q.get("id")): i for i, q in enumerate(quotes)}
    sources = group_sources(quotes)
    meta = record.get("meta") or {}
    prov = meta.get("quotes_provenance") or {}
    counts = Counter(q.get("type") for q in quotes)
    sub = [f"{len(quotes)} quote{'s' if len(quotes) != 1 else ''}",
           f"{len(sources)} source{'s' if len(sources) != 1 else ''}"]
    sub += [f"{counts[t]} {t}" for t in QUOTE_TYPES if counts[t]]
    if meta.get("path"):
        sub.append(f"from {esc(meta['path'])}")
    if prov:
        scope = prov.get("scope") or {}
        sub.append(f"quotes {esc(prov.get('version'))}, {esc(prov.get('model'))} {esc(prov.get('model_version'))}, "
                   f"scope {esc(scope.get('name') if isinstance(scope, dict) else scope)}")
    nav = f'<nav><a href="{esc(index_href)}">← all documents</a></nav>' if index_href else ""
    errors = ""
    if record.get("errors"):
        errors = '<div class="errors">' + "<br>".join(esc(e) for e in record["errors"]) + "</div>"
    src_items = []
    for g in sources:
        badges = f'<span class="badge">{esc(g["kind"])}</span>'
        if g["anonymous"]:
            badges += '<span class="badge anon">anonymous</span>'
        elif not g["resolved"] and g["key"][0] != "none":
            badges += '<span class="badge anon">not resolved</span>'
        label = esc(g["label"]) if g["resolved"] or g["key"][0] == "none" else f"“{esc(g['label'])}”"
        links = " ".join(f'<a href="#quote-{i}">{esc(quotes[i].get("id"))}</a>' for i in g["quotes"])
        n = len(g["quotes"])
        src_items.append(f'<li class="source"><span class="count">{n} quote{"s" if n != 1 else ""}</span>'
                         f'<b class="src-name">{label}</b>{badges}<div class="links">{links}</div></li>')
    sources_html = (f'<ol class="sources">{"".join(src_items)}</ol>' if src_items
                    else '<p class="hint">No quotes found in this document.</p>')
    order = sorted(range(len(quotes)), key=lambda i: ((quotes[i].get("content") or {}).get("start", 0), i))
    cards = "".join(_card(i, quotes[i], index_of, quotes) for i in order)
    body = (f'<header>{nav}<h1>{esc(record.get("id"))}</h1><div class="sub">{" · ".join(sub)}</div>{errors}</header>\n'
            f'<div class="layout"><article id="text">{render_text(text, quotes)}</article>\n'
            '<aside><section id="details"><h2>Selected quote</h2><div id="details-body">'
            '<p class="hint">Click a highlighted passage, or a quote below, to see who said it.</p></div></section>\n'
            f'<section id="sources"><h2>Who said what</h2>{sources_html}</section>\n{_legend()}</aside></div>\n'
            f'<div class="layout"><section class="quotes" id="quotes"><h2>All quotes, in text order</h2>{cards}</section></div>')
    return _page(f"{record.get('id')} — quotes view", body, script=True)


def document_summary(record: dict) -> dict:
    """What the index shows of one viewable record."""
    quotes = list(record.get("quotes") or [])
    return {"id": str(record.get("id")), "quotes": len(quotes), "sources": len(group_sources(quotes)),
            "types": Counter(q.get("type") for q in quotes), "errors": list(record.get("errors") or []),
            "names": [(q["speaker"]["name"], q["speaker"].get("kind") or "unknown") for q in quotes
                      if q.get("speaker") and q["speaker"].get("name") and not q["speaker"].get("anonymous")]}


def render_index(docs: list[dict], not_viewable: list[tuple[str, str]], top: int = 25) -> str:
    """The corpus page: ``docs`` are ``document_summary`` dicts with an ``href`` added;
    ``not_viewable`` holds ``(id, reason)`` pairs."""
    rows = []
    for d in docs:
        types = ", ".join(f"{d['types'][t]} {t}" for t in QUOTE_TYPES if d["types"][t])
        err = f' <span class="badge anon" title="{esc("; ".join(d["errors"]))}">errors</span>' if d["errors"] else ""
        rows.append(f'<tr><td><a href="{esc(d["href"])}">{esc(d["id"])}</a>{err}</td><td class="n">{d["quotes"]}</td>'
                    f'<td class="n">{d["sources"]}</td><td>{esc(types)}</td></tr>')
    quoted: Counter = Counter()
    in_docs: dict[str, set] = defaultdict(set)
    kinds: dict[str, str] = {}
    for d in docs:
        for name, kind in d["names"]:
            quoted[name] += 1
            in_docs[name].add(d["id"])
            kinds.setdefault(name, kind)
    top_rows = "".join(f'<tr><td>{esc(name)}</td><td>{esc(kinds[name])}</td><td class="n">{n}</td>'
                       f'<td class="n">{len(in_docs[name])}</td></tr>'
                       for name, n in sorted(quoted.items(), key=lambda kv: (-kv[1], kv[0]))[:top])
    total = sum(d["quotes"] for d in docs)
    body = [f'<header><h1>quotes view</h1><div class="sub">{len(docs)} document{"s" if len(docs) != 1 else ""}, '
            f'{total} quotes</div></header><main class="index">',
            '<section id="documents"><h2>Documents</h2><table><thead><tr><th>document</th><th>quotes</th>'
            f'<th>sources</th><th>types</th></tr></thead><tbody>{"".join(rows)}</tbody></table></section>',
            '<section id="top-sources"><h2>Most quoted sources</h2>']
    if top_rows:
        body.append('<table><thead><tr><th>name</th><th>kind</th><th>quotes</th><th>documents</th></tr></thead>'
                    f'<tbody>{top_rows}</tbody></table><p class="hint">Named sources only: anonymous and '
                    'unresolved ones are grouped within each document.</p>')
    else:
        body.append('<p class="hint">No named sources.</p>')
    body.append("</section>")
    if not_viewable:
        items = "".join(f"<li><b>{esc(i)}</b>: {esc(reason)}</li>" for i, reason in not_viewable)
        body.append(f'<section id="not-viewable"><h2>Not viewable</h2><ul>{items}</ul></section>')
    body.append("</main>")
    return _page("quotes view", "\n".join(body))


# --------------------------------------------------------------------------------------------
# Writing a view


class ViewError(ValueError):
    """A view that cannot be written as asked (the message says why and what to do)."""


def attach_texts(records: list[dict], texts: dict[str, str]) -> None:
    """Give records without ``text`` the text of the input document with the same id."""
    for rec in records:
        if not isinstance(rec.get("text"), str) and str(rec.get("id")) in texts:
            rec["text"] = texts[str(rec.get("id"))]


def why_not_viewable(record: Any) -> Optional[str]:
    """None when the record can be rendered, else the reason."""
    if not isinstance(record, dict):
        return f"not a JSON object but a {type(record).__name__}"
    if not isinstance(record.get("text"), str):
        return "the record has no text: extract without --no-text, or pass the input with --text-from"
    try:
        problems = check_offsets(record)
    except (KeyError, TypeError, ValueError) as e:
        return f"a quote is malformed ({type(e).__name__}: {e})"
    if problems:
        return f"offsets do not match the text (is --text-from the input it came from?): {problems[0]}"
    return None


def _file_name(doc_id: str, used: set[str]) -> str:
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", doc_id).strip("._")[:80] or "doc"
    name, n = f"{base}.html", 1
    while name.lower() in used or name.lower() == "index.html":
        n += 1
        name = f"{base}-{n}.html"
    used.add(name.lower())
    return name


def write_view(records: list[dict], out: str, stdout: Optional[TextIO] = None) -> dict:
    """Render records to ``out``: a folder (index.html and one page per viewable record), or one
    file (``-`` for ``stdout``, or a name ending in .html) when exactly one record is viewable.
    Returns ``{"pages": n, "not_viewable": [(id, reason)], "files": [paths]}``."""
    viewable, not_viewable = [], []
    for n, rec in enumerate(records):
        reason = why_not_viewable(rec)
        rid = str(rec.get("id", n + 1)) if isinstance(rec, dict) else str(n + 1)
        if reason:
            not_viewable.append((rid, reason))
        else:
            viewable.append(rec)
    single = out == "-" or out.lower().endswith((".html", ".htm"))
    if single:
        if len(viewable) != 1:
            what = "no record is" if not viewable else f"{len(viewable)} records are"
            raise ViewError(f"{what} viewable, and {out!r} is one page for one document: give a folder "
                            f"(-o DIR) for several, or pick one with --id ID"
                            + (f" ({not_viewable[0][0]}: {not_viewable[0][1]})" if not viewable and not_viewable else ""))
        page = render_document(viewable[0])
        if out == "-":
            assert stdout is not None
            stdout.write(page)
            return {"pages": 1, "not_viewable": not_viewable, "files": []}
        Path(out).write_text(page, encoding="utf-8")
        return {"pages": 1, "not_viewable": not_viewable, "files": [out]}
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise ViewError(f"{out} exists and is not a folder: give a new or existing folder, or a name ending in .html")
    folder.mkdir(parents=True, exist_ok=True)
    used: set[str] = set()
    docs, files = [], []
    for rec in viewable:
        name = _file_name(str(rec.get("id")), used)
        (folder / name).write_text(render_document(rec, index_href="index.html"), encoding="utf-8")
        files.append(str(folder / name))
        summary = document_summary(rec)
        summary["href"] = name
        docs.append(summary)
    (folder / "index.html").write_text(render_index(docs, not_viewable), encoding="utf-8")
    files.insert(0, str(folder / "index.html"))
    return {"pages": len(viewable), "not_viewable": not_viewable, "files": files}
