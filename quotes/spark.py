"""Running the extraction on Apache Spark: the records of `quotes extract`, at corpus scale.

    quotes.spark.extract(df)          a DataFrame in, one row out per row: quotes as typed structs
    quotes spark INPUT OUTPUT         the command: JSONL, Parquet or a folder of .txt files in,
                                      JSONL (the records `quotes extract` writes) or Parquet out

The work happens on the executors through Arrow (``mapInArrow``). Each Python worker loads the
pipeline once (``quotes.api.load_pipeline`` caches it per model, rules and scope, and Spark
reuses its Python workers between tasks) and streams its partition through
``quotes.api.extract_records`` in slices of a few spaCy batches: never a model per row, never a
whole partition in memory. The Spark schema of the output format is derived here, once, from the
dataclasses of quotes/model.py.

pyspark (and Java, which Spark runs on) is optional: ``pip install "quotes[spark]"``. Importing
this module never needs it; the functions that do say how to install what is missing.
"""
from __future__ import annotations

import dataclasses
import functools
import json
import os
import shutil
import sys
import typing
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Optional, Union
from urllib.parse import unquote, urlparse

from .api import DEFAULT_BATCH_SIZE, extract_records, load_pipeline, provenance
from .io import _read_jsonl, dumps_line, text_record
from .model import Quote

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow as pa
    from pyspark.sql import DataFrame, SparkSession
    from pyspark.sql.types import DataType, StructType

PYSPARK_HINT = 'pip install "quotes[spark]"'
JAVA_HINT = "apt-get install openjdk-17-jre-headless (Debian/Ubuntu), or set JAVA_HOME to a Java 17 or 21 runtime"
# Rows per Arrow batch between the JVM and a Python worker. Spark's default (10,000) would hold
# tens of megabytes of articles per worker at once; a few spaCy batches keep it small.
ARROW_BATCH_ROWS = 64
# Spark settings of the sessions this module starts; --conf (CLI) or conf= override them.
DEFAULT_CONF = {
    "spark.driver.memory": "2g",  # the JVM only moves text and results; the models live in Python workers
    "spark.sql.execution.arrow.maxRecordsPerBatch": str(ARROW_BATCH_ROWS),
    "spark.python.worker.reuse": "true",  # a worker keeps its loaded model from task to task
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
}
QUOTES_COL, ERRORS_COL, PROVENANCE_COL = "quotes", "errors", "quotes_provenance"


class SparkUnavailable(RuntimeError):
    """pyspark or Java is missing; the message says how to install it."""


def require_spark() -> None:
    """Raise SparkUnavailable, with the install command, when pyspark or Java is missing."""
    try:
        import pyarrow  # noqa: F401
        import pyspark  # noqa: F401
    except ImportError as e:
        raise SparkUnavailable(f"{e.name} is not installed; install Spark support with: {PYSPARK_HINT}") from None
    home = os.environ.get("JAVA_HOME")
    if home and not (Path(home) / "bin" / "java").exists():
        raise SparkUnavailable(f"JAVA_HOME={home} holds no bin/java; Spark needs Java: {JAVA_HINT}")
    if not home and not shutil.which("java"):
        raise SparkUnavailable(f"java is not installed (Spark runs on Java); install it: {JAVA_HINT}")


# --- The schema, derived from the data model -------------------------------------------------

def _example(cls: type) -> Any:
    """An instance of a model dataclass with every optional part filled, so that its to_dict()
    shows every key of the JSON form, in the order the output format writes them."""
    hints = typing.get_type_hints(cls)
    return cls(**{f.name: _example_value(hints[f.name]) for f in dataclasses.fields(cls)})


def _example_value(hint: Any) -> Any:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is Union:
        return _example_value(next(a for a in args if a is not type(None)))
    if origin is list:
        return [_example_value(args[0])]
    if dataclasses.is_dataclass(hint):
        return _example(hint)
    return {str: "x", int: 1, bool: True}.get(hint, hint())


def _spark_type(hint: Any) -> tuple["DataType", bool]:
    """The Spark type of a field's type hint, and whether it may be null (Optional)."""
    from pyspark.sql.types import ArrayType, BooleanType, IntegerType, StringType

    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is Union:
        inner = [a for a in args if a is not type(None)]
        return _spark_type(inner[0])[0], True
    if origin is list:
        return ArrayType(_spark_type(args[0])[0], containsNull=False), False
    if dataclasses.is_dataclass(hint):
        return struct_of(hint), False
    # Offsets fit 32 bits: a Spark string holds at most 2 GB, spaCy 1 million characters by default.
    scalars = {str: StringType(), int: IntegerType(), bool: BooleanType()}
    if hint not in scalars:
        raise TypeError(f"no Spark type for {hint!r}: extend quotes.spark._spark_type")
    return scalars[hint], False


def struct_of(cls: type) -> "StructType":
    """The Spark struct of a model dataclass (Span, Content, Cue, Speaker, ChainLink, Quote): one
    field per key of its to_dict(), in that order, typed from the dataclass's type hints."""
    from pyspark.sql.types import StructField, StructType

    hints = typing.get_type_hints(cls)
    names = [f.name for f in dataclasses.fields(cls)]
    keys = list(_example(cls).to_dict())
    unknown = [k for k in keys if k not in hints]
    if unknown:  # to_dict() wrote a key the dataclass has no field for: the model itself is wrong
        raise TypeError(f"{cls.__name__}.to_dict() writes {unknown}, which are not fields of {cls.__name__}")
    fields = []
    for name in keys + [n for n in names if n not in keys]:
        dtype, nullable = _spark_type(hints[name])
        fields.append(StructField(name, dtype, nullable))
    return StructType(fields)


def quote_schema() -> "StructType":
    """The Spark struct of one QUOTE of the output format (version 2)."""
    return struct_of(Quote)


def _value_type(value: Any) -> "DataType":
    """The Spark type of a plain JSON value (provenance: strings, ints, lists, objects)."""
    from pyspark.sql.types import ArrayType, BooleanType, LongType, StringType, StructField, StructType

    if isinstance(value, bool):
        return BooleanType()
    if isinstance(value, int):
        return LongType()
    if isinstance(value, dict):
        return StructType([StructField(k, _value_type(v), True) for k, v in value.items()])
    if isinstance(value, list):
        return ArrayType(_value_type(value[0]) if value else StringType(), True)
    return StringType()


def quotes_from_row(row: Any) -> list[Quote]:
    """The quotes of one output row (a pyspark Row, or a dict) as data-model objects; their
    to_dict() is the QUOTE of `quotes extract`'s records (from_dict drops the null ``fragments``
    and ``refers_to`` that a Spark struct holds where the JSON form leaves the key out)."""
    value = row[QUOTES_COL]
    return [Quote.from_dict(q.asDict(recursive=True) if hasattr(q, "asDict") else q) for q in value or []]


# --- The work on the executors ----------------------------------------------------------------

@dataclasses.dataclass
class _Job:
    """What a Python worker needs to know; pickled into every task."""

    model: Optional[str]
    rules: Optional[str]
    scope: Optional[str]
    batch_size: int
    out_names: list[str]
    out_types: dict  # column name -> pyarrow type of the columns this module makes
    text_col: str = "text"
    id_col: str = "id"
    keep_text: bool = False
    kind: str = ""  # CLI input: jsonl, parquet or txt
    source: str = ""  # CLI input path as the user gave it (ids and meta.path, as `quotes extract`)
    source_uri: str = ""  # the same path as Spark names it, to rebuild meta.path from Spark's file paths
    output: str = ""  # CLI output: jsonl or parquet


def _slices(batches: Iterable["pa.RecordBatch"], rows: int) -> Iterator["pa.RecordBatch"]:
    for batch in batches:
        for offset in range(0, batch.num_rows, rows):
            yield batch.slice(offset, rows)


def _extract(records: list[dict], job: _Job, keep_text: bool, text_key: str = "text",
             id_key: str = "id") -> list[dict]:
    """One output record per record, as extract_records makes it. Should spaCy itself raise (the
    quotes component already turns its own failures into ``errors``), the slice is redone record by
    record so that only the culprit gets an error and the task goes on: a failed task would be
    retried by Spark and fail again on the same document."""
    def run(recs: list[dict]) -> list[dict]:
        return list(extract_records(recs, model=job.model, rules=job.rules, scope=job.scope,
                                    batch_size=job.batch_size, keep_text=keep_text, text_key=text_key,
                                    id_key=id_key))
    try:
        return run(records)
    except Exception:  # noqa: BLE001  one document's failure must not lose the others
        outs = []
        for rec in records:
            try:
                outs.extend(run([rec]))
            except Exception as e:  # noqa: BLE001
                failed = dict(rec, errors=list(rec.get("errors") or []) + [f"extraction failed: {type(e).__name__}: {e}"])
                outs.extend(run([failed]))
        return outs


def _arrays(outs: list[dict], job: _Job) -> dict:
    import pyarrow as pa

    return {
        QUOTES_COL: pa.array([o.get("quotes") or [] for o in outs], type=job.out_types[QUOTES_COL]),
        ERRORS_COL: pa.array([o.get("errors") for o in outs], type=job.out_types[ERRORS_COL]),
    }


def _api_partition(batches: Iterator["pa.RecordBatch"], job: _Job) -> Iterator["pa.RecordBatch"]:
    """mapInArrow body of extract(): the input columns pass through, quotes and errors are added."""
    import pyarrow as pa

    slice_rows = max(job.batch_size * 4, 1)
    for sl in _slices(batches, slice_rows):
        recs = [{job.text_col: t} for t in sl.column(job.text_col).to_pylist()]
        outs = _extract(recs, job, keep_text=False, text_key=job.text_col)
        made = _arrays(outs, job)
        prov = outs[0]["meta"]["quotes_provenance"] if outs else None
        made[PROVENANCE_COL] = pa.array([prov] * len(outs), type=job.out_types[PROVENANCE_COL])
        cols = [made[n] if n in made else sl.column(n) for n in job.out_names]
        yield pa.RecordBatch.from_arrays(cols, names=job.out_names)


def _cli_records(sl: "pa.RecordBatch", job: _Job) -> list[dict]:
    """Input records of a slice of raw rows, read as `quotes extract` reads them (quotes.io)."""
    rows = sl.to_pylist()
    if job.kind == "jsonl":  # _n: the line's index in the file
        name = job.source
        return [rec for row in rows for rec in _read_jsonl([row["value"]], name, job.text_col, job.id_col,
                                                           first_line=row["_n"] + 1)]
    if job.kind == "txt":
        return [text_record(_local_path(row["path"], job), row["content"]) for row in rows]
    # parquet: a row is a record, like a JSONL object; without an id column, its number, as for JSONL
    stem = PurePath(job.source.rstrip("/")).stem
    recs = []
    for row in rows:
        n = row.pop("_n")
        if job.id_col not in row:
            row[job.id_col] = f"{stem}:{n + 1}"
        recs.append(row)
    return recs


def _local_path(spark_path: str, job: _Job) -> str:
    """meta.path as `quotes extract` writes it: the input path as given, then the file's place
    under it (Spark names files by absolute URI)."""
    if job.source_uri and spark_path.startswith(job.source_uri):
        rest = spark_path[len(job.source_uri):].lstrip("/")
        return str(Path(job.source) / unquote(rest)) if rest else job.source
    return spark_path


def _cli_partition(batches: Iterator["pa.RecordBatch"], job: _Job) -> Iterator["pa.RecordBatch"]:
    """mapInArrow body of `quotes spark`: raw rows in, the records of `quotes extract` out, as JSON
    lines (byte for byte what `quotes extract` writes) or as Parquet columns."""
    import pyarrow as pa

    for sl in _slices(batches, max(job.batch_size * 4, 1)):
        recs = _cli_records(sl, job)
        text_key, id_key = (job.text_col, job.id_col) if job.kind == "parquet" else ("text", "id")
        outs = _extract(recs, job, job.keep_text, text_key, id_key) if recs else []
        if job.output == "jsonl":
            cols = [pa.array([_dumps_any(o) for o in outs], type=pa.string())]
        else:
            made = _arrays(outs, job)
            made["id"] = pa.array([o["id"] for o in outs], type=pa.string())
            # a non-string text (a number in a JSONL record) is null here; the row's errors say so
            made["text"] = pa.array([o.get("text") if isinstance(o.get("text"), str) else None for o in outs],
                                    type=pa.string())
            made["meta"] = pa.array([json.dumps(o["meta"], ensure_ascii=False, default=str) for o in outs],
                                    type=pa.string())
            cols = [made[n] for n in job.out_names]
        if outs:
            yield pa.RecordBatch.from_arrays(cols, names=job.out_names)


def _dumps_any(rec: dict) -> str:
    """The record's line as `quotes extract` writes it (quotes.io.dumps_line), without its newline."""
    try:
        return dumps_line(rec).decode("utf-8")[:-1]
    except TypeError:  # Parquet input: dates, decimals and bytes in meta have no JSON form of their own
        return dumps_line(json.loads(json.dumps(rec, ensure_ascii=False, default=str))).decode("utf-8")[:-1]


# --- The Python interface ---------------------------------------------------------------------

def extract(df: "DataFrame", text_col: str = "text", id_col: str = "id", model: Optional[str] = None,
            rules: Optional[str] = None, scope: Optional[str] = None, keep_text: bool = False,
            batch_size: int = DEFAULT_BATCH_SIZE) -> "DataFrame":
    """The quotes of every row of ``df``, extracted on the executors.

    One row out per row in: ``id_col``, the other input columns (``text_col`` only with
    ``keep_text``), ``quotes`` (an array of QUOTE structs: quote_schema()), ``errors`` (null, or
    what went wrong with that row: a null or non-string text, a text over the model's max_length,
    a failure of the extractor) and ``quotes_provenance`` (toolkit, model, rules checksum and
    scope, as meta.quotes_provenance of `quotes extract`). Lazy, like any transformation: nothing
    runs until the result is written or collected. The model, rules and scope are checked here on
    the driver, so a wrong name fails at once rather than in every task."""
    require_spark()
    from pyspark.sql.pandas.types import to_arrow_type
    from pyspark.sql.types import ArrayType, StringType, StructField, StructType

    for col, what in ((text_col, "text_col"), (id_col, "id_col")):
        if col not in df.columns:
            raise ValueError(f"{what}={col!r} is not a column of the DataFrame (columns: {', '.join(df.columns)})")
    clash = [c for c in (QUOTES_COL, ERRORS_COL, PROVENANCE_COL) if c in df.columns]
    if clash:
        raise ValueError(f"the DataFrame already has column(s) {clash}, which extract() adds; rename or drop them")
    prov = provenance(load_pipeline(model, rules, scope))  # fails here, once, on a wrong model, rules or scope

    made = [StructField(QUOTES_COL, ArrayType(quote_schema(), containsNull=False), False),
            StructField(ERRORS_COL, ArrayType(StringType(), containsNull=False), True),
            StructField(PROVENANCE_COL, _value_type(prov), True)]
    keep = [f for f in df.schema.fields if keep_text or f.name != text_col or f.name == id_col]
    keep.sort(key=lambda f: f.name != id_col)  # the id first, then the input's order
    schema = StructType(keep + made)
    job = _Job(model=model, rules=str(rules) if rules else None, scope=scope, batch_size=batch_size,
               out_names=schema.names, out_types={f.name: to_arrow_type(f.dataType) for f in made},
               text_col=text_col, id_col=id_col, keep_text=keep_text)
    return df.mapInArrow(functools.partial(_api_partition, job=job), schema)


def session(master: str = "local[2]", conf: Optional[dict] = None) -> "SparkSession":
    """A SparkSession with this module's settings (DEFAULT_CONF, then ``conf``), quiet logging, and
    in local mode the Python workers running this very interpreter (the one with quotes and its
    model installed). An existing session is returned as it is."""
    require_spark()
    from pyspark.sql import SparkSession

    conf = {**DEFAULT_CONF, **(conf or {})}
    if master.startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # no "hostname resolves to a loopback" warning
    # Spark's own log4j profile prints INFO and WARN lines at start-up; ours prints errors only.
    conf.setdefault("spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile={_log4j_file()}")
    builder = SparkSession.builder.master(master).appName("quotes")
    for key, value in conf.items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


_LOG4J = """\
rootLogger.level = error
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n%ex
"""


def _log4j_file() -> str:
    import tempfile

    path = Path(tempfile.gettempdir()) / "quotes-spark-log4j2.properties"
    if not path.exists() or path.read_text() != _LOG4J:
        path.write_text(_LOG4J)
    return str(path)


# --- The command ------------------------------------------------------------------------------

def input_kind(path: str, given: Optional[str] = None) -> str:
    """jsonl, parquet or txt: the option when given, else by the path (a folder of .parquet files
    is Parquet, any other folder a tree of .txt files)."""
    if given:
        return given
    p = Path(path)
    if p.suffix.lower() == ".jsonl":
        return "jsonl"
    if p.suffix.lower() == ".parquet" or (p.is_dir() and next(p.rglob("*.parquet"), None) is not None):
        return "parquet"
    return "txt"


def _numbered(df: "DataFrame") -> "DataFrame":
    """``_n``: each row's index in the input, in Spark's scan order (for one file, the order of its
    lines). monotonically_increasing_id() numbers rows within a partition; a count per partition
    turns that into one sequence, computed on the JVM without touching Python."""
    from pyspark.sql import functions as F

    df = df.withColumn("_pid", F.spark_partition_id()).withColumn("_mid", F.monotonically_increasing_id())
    counts = dict(df.groupBy("_pid").count().collect())
    start, offsets = 0, []
    for pid in sorted(counts):
        offsets += [F.lit(pid), F.lit(start)]
        start += counts[pid]
    first = F.create_map(*offsets)[F.col("_pid")] if offsets else F.lit(0)
    # monotonically_increasing_id puts the partition number in the bits above 33
    return (df.withColumn("_n", first + F.col("_mid") - F.shiftleft(F.col("_pid").cast("long"), 33))
              .drop("_pid", "_mid"))


def _raw_input(spark: "SparkSession", path: str, kind: str) -> "DataFrame":
    if kind == "jsonl":
        return _numbered(spark.read.text(path))
    if kind == "parquet":
        return _numbered(spark.read.parquet(path))
    # Like `quotes extract`: the .txt files of a folder and its subfolders, or one file.
    reader = spark.read.format("binaryFile").option("recursiveFileLookup", "true")
    if Path(path).is_dir() or "://" in path:
        reader = reader.option("pathGlobFilter", "*.txt")
    # _n: the path, the order in which `quotes extract` reads a folder's files
    return reader.load(path).selectExpr("path", "content", "path AS _n")


def _uri_of(path: str) -> str:
    """A local path as Spark names it in binaryFile rows (file:/abs/path)."""
    if urlparse(path).scheme and "://" in path:
        return path.rstrip("/")
    return "file:" + str(Path(path).resolve())


def run(input_path: str, output: str, master: str = "local[2]", partitions: Optional[int] = None,
        output_format: str = "jsonl", input_format: Optional[str] = None, model: Optional[str] = None,
        rules: Optional[str] = None, scope: Optional[str] = None, batch_size: int = DEFAULT_BATCH_SIZE,
        keep_text: bool = True, text_key: str = "text", id_key: str = "id",
        conf: Optional[dict] = None) -> None:
    """`quotes spark`: read INPUT, extract on Spark, write OUTPUT (a folder of part files whose
    concatenation, in name order, is the input's order). Raises SparkUnavailable, FileNotFoundError,
    FileExistsError, or the model, rules and scope errors of quotes.load_pipeline."""
    require_spark()
    if "://" not in input_path and not Path(input_path).exists():
        raise FileNotFoundError(f"{input_path}: no such file or folder")
    if "://" not in output and Path(output).exists():
        raise FileExistsError(f"{output} exists; remove it or choose another output folder")
    load_pipeline(model, rules, scope)  # a wrong model, rules or scope fails before Spark starts
    from pyspark import SparkContext
    from pyspark.sql.pandas.types import to_arrow_type
    from pyspark.sql.types import ArrayType, StringType, StructField, StructType

    owned = SparkContext._active_spark_context is None
    spark = session(master, conf)
    try:
        kind = input_kind(input_path, input_format)
        raw = _raw_input(spark, input_path, kind)
        n = partitions or spark.sparkContext.defaultParallelism * 4
        # Range partitions by input position, each sorted: part files then follow the input's
        # order, and several small partitions per core keep both cores busy to the end.
        raw = raw.repartitionByRange(n, "_n").sortWithinPartitions("_n")
        if output_format == "jsonl":
            schema = StructType([StructField("value", StringType(), False)])
        else:
            schema = StructType(
                [StructField("id", StringType(), False)]
                + ([StructField("text", StringType(), True)] if keep_text else [])
                + [StructField("meta", StringType(), False),
                   StructField(QUOTES_COL, ArrayType(quote_schema(), containsNull=False), False),
                   StructField(ERRORS_COL, ArrayType(StringType(), containsNull=False), True)])
        job = _Job(model=model, rules=str(rules) if rules else None, scope=scope, batch_size=batch_size,
                   out_names=schema.names, out_types={f.name: to_arrow_type(f.dataType) for f in schema.fields},
                   text_col=text_key, id_col=id_key, keep_text=keep_text, kind=kind, source=input_path,
                   source_uri=_uri_of(input_path) if kind == "txt" else "", output=output_format)
        out = raw.mapInArrow(functools.partial(_cli_partition, job=job), schema)
        if output_format == "jsonl":
            out.write.text(output)
        else:
            out.write.parquet(output)
    finally:
        if owned:
            spark.stop()


def read_output(path: str) -> Iterator[dict]:
    """The records of a `quotes spark` output folder (JSONL or Parquet part files, in order), read
    on this machine without Spark: what `quotes extract` would have written."""
    folder = Path(path)
    parts = sorted(p for p in folder.iterdir() if p.name.startswith("part-"))
    for part in parts:
        if part.suffix == ".parquet":
            import pyarrow.parquet as pq

            for row in pq.read_table(part).to_pylist():
                rec = {"id": row["id"]}
                if row.get("text") is not None:
                    rec["text"] = row["text"]
                rec["meta"] = json.loads(row["meta"])
                rec["quotes"] = [q.to_dict() for q in quotes_from_row(row)]
                if row.get(ERRORS_COL) is not None:
                    rec["errors"] = row[ERRORS_COL]
                yield rec
        else:
            with part.open(encoding="utf-8") as fh:
                for line in fh:
                    if line.strip():
                        yield json.loads(line)


def main_args(args: Any) -> int:
    """The CLI's `quotes spark` (quotes.cli.cmd_spark): errors become one line and an exit status."""
    conf = {}
    for item in args.conf or []:
        key, sep, value = item.partition("=")
        if not sep:
            print(f"quotes: --conf takes KEY=VALUE, got {item!r}", file=sys.stderr)
            return 2
        conf[key] = value
    try:
        run(args.input, args.output, master=args.master, partitions=args.partitions,
            output_format=args.output_format, input_format=args.input_format, model=args.model,
            rules=args.rules, scope=args.scope, batch_size=args.batch_size, keep_text=not args.no_text,
            text_key=args.text_key, id_key=args.id_key, conf=conf)
    except SparkUnavailable as e:
        print(f"quotes: {e}", file=sys.stderr)
        return 2
    except (FileNotFoundError, FileExistsError) as e:
        print(f"quotes: {e}", file=sys.stderr)
        return 1
    return 0
