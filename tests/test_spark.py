"""quotes on Apache Spark: a real local Spark (local[2]), started once for the module.

Outside CI, a machine without Java or pyspark skips these tests with the reason; in CI
(CI=true) that is a failure: .ci/run installs both.
"""
import json
import os
import random
import sys
from pathlib import Path

import pytest

import quotes.spark as qs
from quotes.api import extract_records, load_pipeline
from quotes.cli import main
from quotes.io import read_inputs
from quotes.model import Quote, Span, check_offsets

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpus" / "seeds"
IN_CI = os.environ.get("CI", "").lower() not in ("", "0", "false")


def _spark_or_skip():
    try:
        qs.require_spark()
    except qs.SparkUnavailable as e:
        if IN_CI:
            pytest.fail(f"Spark tests must run in CI: {e}")
        pytest.skip(f"Spark is not available here: {e}")


@pytest.fixture(scope="module")
def spark():
    """One JVM for all the tests. local[2,2]: two cores, as CI has, and a task may be tried twice
    (local mode otherwise never retries a task), for the retry test."""
    _spark_or_skip()
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None and active.sparkContext.master != "local[2,2]":
        active.stop()  # another test (the README's example) started one without retries
    return qs.session("local[2,2]")


# --- ~200 generated documents: quotes of every type, chains, anonymous sources, no quotes ----------

NAMES = ["Maria Zakharova", "Antony Blinken", "Sergey Lavrov", "Justin Trudeau", "Angela Merkel",
         "Emmanuel Macron", "Chrystia Freeland", "Olaf Scholz"]
TITLES = ["the Russian Foreign Minister", "the Secretary of State", "the spokesperson", "the Prime Minister"]
TOPICS = ["the talks will resume next week", "sanctions would be lifted", "the deal was off",
          "the border would stay closed", "no agreement had been reached", "the vote was postponed"]
TEMPLATES = [
    '"{t}," {n} said.',
    '"We are ready to talk," {n} told reporters on {d}.',
    '{n} said that {t}.',
    'According to {n}, {t}.',
    '{n} indicated that {t}, as per TASS.',
    'A senior official, speaking on condition of anonymity, said {t}.',
    '{n} urged the parliament to act quickly.',
    '"It is a bandage solution," {T} said. "We need more."',
    'The Washington Post cited an official as saying that {t}.',
    '{n} denied that {t}.',
    'The weather was mild on {d}, and the markets were calm.',
    '{n}, {T}, wrote on Twitter that {t}.',
    'In a statement, the ministry said {t}, adding that "nothing is decided."',
    'Officials believe {t}.',
    'A new poll shows that {t}.',
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def generated(n=200, seed=15):
    rnd = random.Random(seed)
    docs = []
    for i in range(n):
        paras = []
        for _ in range(rnd.randint(2, 7)):
            tpl = rnd.choice(TEMPLATES)
            paras.append(tpl.format(n=rnd.choice(NAMES), T=rnd.choice(TITLES), t=rnd.choice(TOPICS), d=rnd.choice(DAYS)))
        head = f"{rnd.choice(NAMES)} on the crisis\n\n" if i % 3 == 0 else ""
        docs.append({"id": f"gen{i:03d}", "text": head + "\n\n".join(paras) + "\n"})
    return docs


def seed_docs():
    return [{"id": r["id"], "text": r["text"]} for r in read_inputs([str(SEEDS)])]


# --- The schema ------------------------------------------------------------------------------

def _keys(d, prefix=""):
    """Every key path of a JSON value: content.fragments[].start, ..."""
    out = set()
    if isinstance(d, dict):
        for k, v in d.items():
            out.add(prefix + k)
            out |= _keys(v, prefix + k + ".")
    elif isinstance(d, list):
        for v in d:
            out |= _keys(v, prefix.rstrip(".") + "[].")
    return out


def _schema_keys(dtype, prefix=""):
    from pyspark.sql.types import ArrayType, StructType

    out = set()
    if isinstance(dtype, StructType):
        for f in dtype.fields:
            out.add(prefix + f.name)
            out |= _schema_keys(f.dataType, prefix + f.name + ".")
    elif isinstance(dtype, ArrayType):
        out |= _schema_keys(dtype.elementType, prefix.rstrip(".") + "[].")
    return out


def test_schema_has_every_key_of_the_output_format_with_its_type():
    _spark_or_skip()
    from pyspark.sql.types import ArrayType, BooleanType, IntegerType, StringType, StructType

    schema = qs.quote_schema()
    full = qs._example(Quote).to_dict()  # every optional part filled: fragments, refers_to, chain
    assert list(full) == schema.names  # the keys of QUOTE, in the order the JSON form writes them
    assert _keys(full) == _schema_keys(schema)
    assert {"frame", "content.fragments[].start", "speaker.refers_to.text", "chain[].relation",
            "cue.lemma", "nested_in", "speaker.anonymous"} <= _schema_keys(schema)
    f = {x.name: x for x in schema.fields}
    assert isinstance(f["content"].dataType, StructType) and not f["content"].nullable
    assert f["cue"].nullable and f["speaker"].nullable and f["nested_in"].nullable and f["frame"].nullable
    assert isinstance(f["chain"].dataType, ArrayType) and not f["chain"].nullable
    speaker = {x.name: x.dataType for x in f["speaker"].dataType.fields}
    assert speaker["start"] == IntegerType() and speaker["anonymous"] == BooleanType()
    assert speaker["name"] == StringType() and isinstance(speaker["refers_to"], StructType)


def test_schema_covers_every_key_the_extractor_writes(nlp):
    _spark_or_skip()
    schema_keys = _schema_keys(qs.quote_schema())
    written = set()
    for d in seed_docs():
        for q in nlp(d["text"])._.quotes:
            written |= _keys(q)
    assert written and written <= schema_keys


def test_a_model_field_spark_cannot_type_is_an_error():
    _spark_or_skip()
    import dataclasses

    @dataclasses.dataclass
    class Odd(Span):
        score: float = 0.0

        def to_dict(self):
            return dict(super().to_dict(), score=self.score)

    with pytest.raises(TypeError, match="no Spark type"):
        qs.struct_of(Odd)


def test_quotes_round_trip_through_spark_rows(spark, nlp):
    from pyspark.sql.types import ArrayType, StructField, StructType

    full = dict(qs._example(Quote).to_dict(), id="q1", type="mixed", frame="speech", nested_in="q0")
    full["speaker"] = dict(full["speaker"], name=None, anonymous=True, kind="person")
    seeds = [q for d in seed_docs() for q in nlp(d["text"])._.quotes]
    assert any("fragments" in q["content"] for q in seeds + [full])
    schema = StructType([StructField("quotes", ArrayType(qs.quote_schema(), containsNull=False), False)])
    rows = spark.createDataFrame([{"quotes": [full]}, {"quotes": seeds}, {"quotes": []}], schema).collect()
    back = [[q.to_dict() for q in qs.quotes_from_row(r)] for r in rows]
    assert back == [[full], seeds, []]


# --- extract(df) ------------------------------------------------------------------------------

def test_seeds_and_generated_documents_give_the_records_of_quotes_extract(spark):
    docs = seed_docs() + generated(200)
    df = spark.createDataFrame([(d["id"], d["text"], i) for i, d in enumerate(docs)], "id string, text string, n long")
    rows = qs.extract(df.repartition(6), scope="attribution").collect()
    assert len(rows) == len(docs) and len({r.id for r in rows}) == len(docs)
    expected = {r["id"]: r for r in extract_records(docs, scope="attribution")}
    n_quotes = 0
    for row in rows:
        exp = expected[row.id]
        got = [q.to_dict() for q in qs.quotes_from_row(row)]
        assert got == exp["quotes"], row.id
        assert row.errors is None and "errors" not in exp
        assert docs[row.n]["id"] == row.id  # the other input columns pass through
        assert row.quotes_provenance.asDict(recursive=True) == exp["meta"]["quotes_provenance"]
        n_quotes += len(got)
    assert n_quotes > 500  # the generated documents do hold quotes
    assert rows[0].__fields__ == ["id", "n", "quotes", "errors", "quotes_provenance"]  # no text by default


def test_bad_rows_get_errors_and_the_others_go_on(spark):
    max_len = load_pipeline().max_length
    ok = '"We are ready to talk," Zakharova told reporters.'
    rows = [("ok", ok), ("null", None), ("empty", ""), ("long", "word " * (max_len // 5 + 1)), ("ok2", ok)]
    df = spark.createDataFrame(rows, "id string, text string")
    out = {r.id: r for r in qs.extract(df, keep_text=True).collect()}
    assert sorted(out) == sorted(r[0] for r in rows)
    assert out["ok"].quotes and out["ok"].errors is None and out["ok"].text == ok
    assert out["ok2"].quotes == out["ok"].quotes
    assert out["null"].quotes == [] and "no string 'text'" in out["null"].errors[0]
    assert out["empty"].quotes == [] and out["empty"].errors is None
    assert out["long"].quotes == [] and "max_length" in out["long"].errors[0]
    # a text column of numbers: every row still comes out, each with its error
    nums = spark.createDataFrame([(1, 42), (2, 7)], "key long, body long")
    got = qs.extract(nums, text_col="body", id_col="key").collect()
    assert sorted(r.key for r in got) == [1, 2]
    assert all(r.quotes == [] and "no string 'body'" in r.errors[0] for r in got)


def test_wrong_columns_and_options_fail_on_the_driver(spark):
    df = spark.createDataFrame([("a", "x")], "id string, body string")
    with pytest.raises(ValueError, match="text_col='text' is not a column"):
        qs.extract(df)
    with pytest.raises(ValueError, match="already has"):
        qs.extract(spark.createDataFrame([("a", "x", 1)], "id string, text string, errors int"))
    from quotes.api import ModelNotFound
    from quotes.frames import ScopeError

    with pytest.raises(ModelNotFound):
        qs.extract(df, text_col="body", model="no_such_model_xyz")
    with pytest.raises(ScopeError):
        qs.extract(df, text_col="body", scope="gossip")


def test_a_document_spacy_fails_on_gets_an_error_and_its_slice_goes_on(monkeypatch):
    """The fallback of _extract, in this process: spaCy raising inside nlp.pipe."""
    _spark_or_skip()
    import pyarrow as pa
    from pyspark.sql.pandas.types import to_arrow_type
    from pyspark.sql.types import ArrayType, StringType

    real = qs.extract_records

    def flaky(records, **kw):
        records = list(records)
        if any(r.get("text") == "BOOM" for r in records if not r.get("errors")):
            raise RuntimeError("parser crashed")
        return real(records, **kw)

    monkeypatch.setattr(qs, "extract_records", flaky)
    prov = qs.provenance(load_pipeline())
    job = qs._Job(model=None, rules=None, scope=None, batch_size=2,
                  out_names=["id", "quotes", "errors", "quotes_provenance"],
                  out_types={"quotes": to_arrow_type(ArrayType(qs.quote_schema(), False)),
                             "errors": to_arrow_type(ArrayType(StringType(), False)),
                             "quotes_provenance": to_arrow_type(qs._value_type(prov))})
    texts = ['"Yes," Ann said.', "BOOM", '"No," Bob said.']
    batch = pa.RecordBatch.from_pydict({"id": ["a", "b", "c"], "text": texts})
    out = pa.Table.from_batches(list(qs._api_partition(iter([batch]), job))).to_pylist()
    assert [r["id"] for r in out] == ["a", "b", "c"]
    assert out[0]["quotes"] and out[2]["quotes"] and out[0]["errors"] is None
    assert out[1]["quotes"] == [] and "extraction failed: RuntimeError: parser crashed" in out[1]["errors"][0]


def test_a_retried_task_does_not_duplicate_rows(spark, tmp_path):
    """Every task fails once, after it has written rows; Spark reruns it and the output commit
    protocol keeps only the successful attempt's file."""
    from pyspark import TaskContext

    docs = generated(40, seed=3)
    df = spark.createDataFrame([(d["id"], d["text"]) for d in docs], "id string, text string").repartition(2)
    marks = tmp_path / "marks"
    marks.mkdir()

    def fail_once(batches):
        ctx = TaskContext.get()
        for i, batch in enumerate(batches):
            if i == 1 and ctx.attemptNumber() == 0:
                (marks / f"{ctx.partitionId()}").touch()  # proof that the failure happened
                raise RuntimeError("injected failure after the first batch")
            yield batch

    extracted = qs.extract(df)
    spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", "4")
    spark.sparkContext.setLogLevel("OFF")  # the injected failures are expected
    try:
        extracted.mapInArrow(fail_once, extracted.schema).write.parquet(str(tmp_path / "out"))
    finally:
        spark.sparkContext.setLogLevel("ERROR")
        spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", str(qs.ARROW_BATCH_ROWS))
    assert len(list(marks.iterdir())) == 2  # both tasks failed once
    back = spark.read.parquet(str(tmp_path / "out")).collect()
    assert sorted(r.id for r in back) == sorted(d["id"] for d in docs)


# --- The command ------------------------------------------------------------------------------

def _extract_cli(capsys, argv):
    """`quotes extract` output lines, run in this process."""
    assert main(["extract", *argv]) == 0
    return capsys.readouterr().out.splitlines()


def _spark_lines(folder):
    return "".join(p.read_text(encoding="utf-8") for p in sorted(Path(folder).glob("part-*"))).splitlines()


def test_cli_on_a_folder_writes_what_quotes_extract_writes(spark, tmp_path, capsys):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    for f in SEEDS.glob("*.txt"):
        (src / f.name).write_bytes(f.read_bytes())
    for d in generated(12, seed=7):
        (src / "sub" / f"{d['id']}.txt").write_text(d["text"], encoding="utf-8")
    (src / "notes.md").write_text("not a text file", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["spark", str(src), str(out), "--master", "local[2]", "--partitions", "3", "--no-text"]) == 0
    got = _spark_lines(out)
    assert len(list(out.glob("part-*"))) == 3
    want = _extract_cli(capsys, [str(src), "--no-text"])
    assert len(want) == 14 and got == want  # record for record, byte for byte, in the same order
    # an existing output folder is not overwritten
    assert main(["spark", str(src), str(out)]) == 1
    assert "exists" in capsys.readouterr().err


def test_cli_jsonl_and_parquet_round_trips(spark, tmp_path, capsys):
    docs = generated(30, seed=11)
    lines = [json.dumps({"doc": d["id"], "body": d["text"], "source": "wire", "rank": i}) for i, d in enumerate(docs)]
    lines[3] = "{broken"
    lines[5] = json.dumps({"doc": "num", "body": 42})
    lines[7] = json.dumps({"body": '"Fine," Ann said.'})  # no id: the file name and line number
    lines[9] = ""
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    keys = ["--text-key", "body", "--id-key", "doc"]
    want = _extract_cli(capsys, [str(src), *keys])
    assert main(["spark", str(src), str(tmp_path / "j"), *keys]) == 0
    assert _spark_lines(tmp_path / "j") == want
    recs = [json.loads(x) for x in want]
    assert len(recs) == 29 and recs[7]["id"] == "in:8" and "line 4" in recs[3]["errors"][0]
    assert "'body'" in recs[5]["errors"][0] and all(not check_offsets(r) for r in recs if "text" in r)

    # Parquet out: the same records, quotes as typed structs
    assert main(["spark", str(src), str(tmp_path / "p"), "--output-format", "parquet", *keys]) == 0
    # (a text that is not a string is null in Parquet: record 5's text was the number 42)
    assert list(qs.read_output(str(tmp_path / "p"))) == [r if i != 5 else {k: v for k, v in r.items() if k != "text"}
                                                         for i, r in enumerate(recs)]
    table = spark.read.parquet(str(tmp_path / "p"))
    # (Spark reads every Parquet column back as nullable: compare the types alone)
    assert table.schema["quotes"].dataType.elementType.simpleString() == qs.quote_schema().simpleString()

    # Parquet in: columns other than text and id become meta, as a JSONL record's keys do
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"id": [d["id"] for d in docs[:8]], "text": [d["text"] for d in docs[:8]],
                             "source": ["wire"] * 8}), tmp_path / "in.parquet")
    assert main(["spark", str(tmp_path / "in.parquet"), str(tmp_path / "pp")]) == 0
    from_parquet = [json.loads(x) for x in _spark_lines(tmp_path / "pp")]
    jsonl = tmp_path / "in8.jsonl"
    jsonl.write_text("".join(json.dumps({"id": d["id"], "text": d["text"], "source": "wire"}) + "\n" for d in docs[:8]))
    assert from_parquet == [json.loads(x) for x in _extract_cli(capsys, [str(jsonl)])]


def test_cli_says_in_one_line_how_to_install_what_is_missing(tmp_path, capsys, monkeypatch):
    _spark_or_skip()
    (tmp_path / "a.txt").write_text("Nothing.", encoding="utf-8")
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))  # no java on it
    assert main(["spark", str(tmp_path), str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "openjdk-17-jre-headless" in err and "Traceback" not in err
    monkeypatch.setitem(sys.modules, "pyspark", None)  # as if it were not installed
    assert main(["spark", str(tmp_path), str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and 'pip install "quotes[spark]"' in err
