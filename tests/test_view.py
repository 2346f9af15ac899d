"""quotes view without a browser: segments, escaping, sources, pages and the command line."""
import json
from html.parser import HTMLParser

from quotes.cli import main
from quotes.view import document_summary, group_sources, render_document, render_index, render_text, segments

pytest_plugins = ["viewfixtures"]

HOSTILE = ('<script>window.__pwned = 1; alert(1)</script> & " onmouseover="window.__pwned=2" '
           "</style><img src=x onerror=\"window.__pwned=3\"> ' <!-- --> ]]>")


class Page(HTMLParser):
    """Tags, attributes and text of an HTML string, and whether every tag closed in order."""

    VOID = {"meta", "br", "img", "input", "link", "hr"}

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.tags, self.stack, self.text, self.errors = [], [], [], []
        self.feed(html)
        self.close()
        if self.stack:
            self.errors.append(f"unclosed: {self.stack}")

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1] in ("script", "style"):
            return
        self.text.append(data)


def span(text, sub, start=0, **extra):
    i = text.index(sub, start)
    return {"start": i, "end": i + len(sub), "text": sub, **extra}


def quote(qid, text, content, speaker=None, qtype="indirect", frame="speech", **extra):
    q = {"id": qid, "type": qtype, "frame": frame, "content": content, "cue": None, "speaker": speaker,
         "addressee": None, "chain": [], "nested_in": None, "rule": "test"}
    q.update(extra)
    return q


def test_segments_cut_overlapping_and_nested_spans_into_a_flat_cover():
    segs = segments(10, [(0, 5, "a"), (3, 8, "b"), (2, 4, "c"), (6, 6, "empty"), (9, 99, "clamped")])
    assert segs == [(0, 2, {"a"}), (2, 3, {"a", "c"}), (3, 4, {"a", "b", "c"}), (4, 5, {"a", "b"}),
                    (5, 8, {"b"}), (8, 9, set()), (9, 10, {"clamped"})]
    assert segments(0, []) == []


def test_render_text_keeps_the_text_and_nests_properly():
    text = 'Smith said that "Jones told them that it works," adding more.\n<b>bold</b>'
    outer = quote("q1", text, span(text, 'that "Jones told them that it works,"'), speaker=span(text, "Smith", name="John Smith", kind="person"),
                  cue=span(text, "said", lemma="say"))
    inner = quote("q2", text, span(text, "that it works"), speaker=span(text, "Jones", name="Jones", kind="person"),
                  cue=span(text, "told", lemma="tell"), addressee=span(text, "them"), nested_in="q1",
                  chain=[span(text, "Smith", name="John Smith", kind="person", relation="said")])
    crossing = quote("q3", text, span(text, "works,\" adding"), qtype="mixed")
    html = render_text(text, [outer, inner, crossing])
    page = Page(f"<div>{html}</div>")
    assert not page.errors
    assert "".join(page.text) == text  # the text as it is, escaped and back
    spans = [(t, a) for t, a in page.tags if t == "span"]
    for i, q in enumerate([outer, inner, crossing]):  # each content is highlighted exactly
        assert _segment_texts(html, "q", i) == [q["content"]["text"]]
    assert _segment_texts(html, "spk", 1) == ["Jones"] and _segment_texts(html, "adr", 1) == ["them"]
    # the innermost content decides what a click selects and the colour
    seg = next(a for t, a in spans if "2" in a.get("data-q", "").split() and "1" not in a.get("data-q", "").split())
    assert seg["data-sel"] in ("1", "2")
    inner_only = [a for t, a in spans if a.get("data-q", "").split() == ["0", "1"]]
    assert all(a["data-sel"] == "1" and "t-indirect" in a["class"] and "d2" in a["class"] for a in inner_only)
    assert any(a.get("data-spk") == "0" and a.get("data-chain") == "1" for t, a in spans)


def _segment_texts(html, role, i):
    """The text of the segments of quote i in a role, merged where they touch."""
    class Collect(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.depth, self.parts, self.on = 0, [], False

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            self.on = tag == "span" and str(i) in (a.get(f"data-{role}") or "").split()
            if not self.on and self.parts and self.parts[-1] != "|":
                self.parts.append("|")

        def handle_endtag(self, tag):
            self.on = False

        def handle_data(self, data):
            if self.on:
                self.parts.append(data)
            elif self.parts and self.parts[-1] != "|":
                self.parts.append("|")

    c = Collect()
    c.feed(html)
    return [p for p in "".join(c.parts).split("|") if p]


def test_split_quote_shows_as_one_with_both_fragments():
    text = '"We are ready," Lavrov said, "to talk."'
    a, b = span(text, '"We are ready,"'), span(text, '"to talk."')
    q = quote("q1", text, {"start": a["start"], "end": b["end"], "text": text[a["start"]:b["end"]], "fragments": [a, b]},
              speaker=span(text, "Lavrov", name="Sergey Lavrov", kind="person"), qtype="direct",
              cue=span(text, "said", lemma="say"))
    rec = {"id": "split", "text": text, "quotes": [q]}
    html = render_document(rec)
    assert _segment_texts(render_text(text, [q]), "q", 0) == ['"We are ready,"', '"to talk."']
    assert html.count('class="card ') == 1 and "2 fragments, one quote" in html
    assert "&quot;We are ready,&quot; … &quot;to talk.&quot;" in html


def test_hostile_document_is_escaped_everywhere():
    text = f"{HOSTILE}\nThe minister said that {HOSTILE} was fine."
    content = span(text, f"that {HOSTILE} was fine")
    q = quote(HOSTILE, text, content, qtype='direct" onclick="x', frame="</style><script>",
              speaker=span(text, "The minister", name=HOSTILE, kind=HOSTILE, anonymous=False),
              cue=span(text, "said", lemma=HOSTILE), chain=[span(text, "minister", name=HOSTILE, kind=HOSTILE, relation=HOSTILE)],
              nested_in=HOSTILE)
    rec = {"id": HOSTILE, "text": text, "meta": {"path": HOSTILE, "quotes_provenance": {"version": HOSTILE, "scope": HOSTILE}},
           "quotes": [q], "errors": [HOSTILE]}
    for html in (render_document(rec, index_href=HOSTILE),
                 render_index([{**document_summary(rec), "href": HOSTILE}], [(HOSTILE, HOSTILE)])):
        page = Page(html)
        assert not page.errors
        tags = [t for t, _ in page.tags]
        assert tags.count("script") <= 1 and tags.count("style") == 1 and "img" not in tags
        assert not [(t, k) for t, a in page.tags for k in a if k.startswith("on")]
        assert HOSTILE in "".join(page.text)
    page = Page(render_document(rec))
    assert "".join(page.text).count(HOSTILE) >= 4  # text (twice), id, name, meta, errors ...
    text_tags = [a for t, a in page.tags if t == "span" and "data-q" in a]
    assert all("t-other" in a["class"] and "f-other" in a["class"] for a in text_tags)


def test_sources_group_names_and_anonymous_first_mentions():
    text = "A senior official said X. John Smith said Y. The official said Z. Smith said W. He said V. A report said U."
    first = span(text, "A senior official", anonymous=True, kind="person")
    later = span(text, "The official", anonymous=True, kind="person", refers_to=span(text, "A senior official"))
    qs = [quote("q1", text, span(text, "X"), speaker=first),
          quote("q2", text, span(text, "Y"), speaker=span(text, "John Smith", name="John Smith", kind="person")),
          quote("q3", text, span(text, "Z"), speaker=later),
          quote("q4", text, span(text, "W"), speaker=span(text, "Smith", name="John Smith", kind="person")),
          quote("q5", text, span(text, "V"), speaker=span(text, "He", kind="person")),
          quote("q6", text, span(text, "U"), speaker=span(text, "A report", kind="document")),
          quote("q7", text, span(text, "V"))]
    groups = group_sources(qs)
    assert [(g["label"], g["quotes"]) for g in groups] == [
        ("A senior official", [0, 2]), ("John Smith", [1, 3]), ("He", [4]), ("no speaker found", [6]), ("A report", [5])]
    html = render_document({"id": "d", "text": text, "quotes": qs})
    assert '<a href="#quote-0">q1</a> <a href="#quote-2">q3</a>' in html


def test_view_command_writes_folder_index_and_pages(seed_records, tmp_path, capsys):
    records, path = seed_records
    out = tmp_path / "view"
    assert main(["view", str(path), "-o", str(out)]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(["index.html"] + [f"{r['id']}.html" for r in records])
    index = (out / "index.html").read_text(encoding="utf-8")
    for r in records:
        page = (out / f"{r['id']}.html").read_text(encoding="utf-8")
        assert page.count('class="card ') == len(r["quotes"]) > 0
        assert f'<a href="{r["id"]}.html">{r["id"]}</a></td><td class="n">{len(r["quotes"])}</td>' in index
        assert not Page(page).errors
    assert "Antony Blinken" in index and "Most quoted sources" in index
    assert "http://" not in index and "https://" not in page  # self-contained: nothing to fetch


def test_view_text_from_and_not_viewable(seed_records, tmp_path, capsys):
    records, _ = seed_records
    bare = tmp_path / "bare.jsonl"
    bare.write_text("".join(json.dumps({k: v for k, v in r.items() if k != "text"}) + "\n" for r in records)
                    + json.dumps({"id": "lost", "quotes": []}) + "\n", encoding="utf-8")
    out = tmp_path / "v"
    assert main(["view", str(bare), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"{records[0]['id']}: not viewable: the record has no text" in err and "--text-from" in err
    assert len(list(out.iterdir())) == 1 and "Not viewable" in (out / "index.html").read_text(encoding="utf-8")
    assert main(["view", str(bare), "-o", str(out), "--text-from", "corpus/seeds"]) == 0
    assert len(list(out.iterdir())) == 1 + len(records)
    assert "lost" in (out / "index.html").read_text(encoding="utf-8")
    # the wrong input for a record: its offsets do not match, and it says so
    other = tmp_path / "other.txt"
    other.write_text("Something else entirely.", encoding="utf-8")
    assert main(["view", str(bare), "--id", records[0]["id"], "-o", "-", "--text-from", str(other)]) == 1
    assert "no record is viewable" in capsys.readouterr().err


def test_view_one_page_to_stdout_or_file(seed_records, tmp_path, capsys):
    records, path = seed_records
    assert main(["view", str(path), "-o", "-"]) == 1
    assert "give a folder" in capsys.readouterr().err
    rid = records[1]["id"]
    assert main(["view", str(path), "--id", rid, "-o", "-"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("<!DOCTYPE html>") and f"<h1>{rid}</h1>" in out and "all documents" not in out
    assert main(["view", str(path), "--id", rid, "-o", str(tmp_path / "one.html")]) == 0
    assert (tmp_path / "one.html").read_text(encoding="utf-8") == out
    assert main(["view", str(path), "--id", "nope", "-o", "-"]) == 1
    assert main(["view", str(tmp_path / "missing.jsonl"), "-o", "-"]) == 1


def test_every_frame_has_a_style():
    from quotes.frames import frame_rules
    from quotes.rules import load_rules
    from quotes.view import CSS

    for frame in frame_rules(load_rules()).frames:
        assert frame == "speech" or f".q.f-{frame} " in CSS, frame
