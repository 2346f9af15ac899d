"""The HTTP service: ``quotes serve``, an ASGI app on FastAPI, run by uvicorn.

    POST /extract   {"text": "..."} or {"records": [{"id": ..., "text": ...}, ...]}
                    -> {"records": [OUTPUT RECORD, ...]}, as quotes.api.extract_records gives them
    POST /view      {"text": "..."} as JSON, or a form field ``text`` -> the page quotes view renders
    GET  /          a page to paste an article into and see it rendered
    GET  /health    {"status": "ok", model, version, scope, limits}
    GET  /docs      OpenAPI docs (FastAPI's; /openapi.json is the schema)

The model is loaded once, when the app is created. Errors are JSON ``{"error": "...", "status":
N}``, never a traceback: a body that is not JSON, not an object, or holds neither a string "text"
nor a list "records" is a 400; a body over ``max_body_bytes`` a 413; a "text" longer than the
model's max_length a 422. With "records", a bad record (no text, too long, one the extractor fails
on) gets ``errors`` in its own output record and the others are answered as usual.

Install with ``pip install "quotes[serve]"``.
"""
from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from typing import Any, Optional
from urllib.parse import parse_qs

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from . import __version__
from .api import DEFAULT_BATCH_SIZE, extract_records, load_pipeline, provenance
from .view import esc, render_document

DEFAULT_MAX_BODY_BYTES = 5_000_000

_EXTRACT_BODY = {
    "required": True,
    "content": {"application/json": {"schema": {
        "oneOf": [
            {"type": "object", "required": ["text"], "description": "one document; other keys (id, meta, ...) "
             "are kept as in quotes extract", "properties": {"text": {"type": "string"}, "id": {"type": "string"}}},
            {"type": "object", "required": ["records"], "properties": {"records": {
                "type": "array", "items": {"type": "object", "properties": {
                    "text": {"type": "string"}, "id": {"type": "string"}}}}}},
        ]},
        "example": {"text": "\"We are ready,\" Zakharova told reporters."}}},
}

PASTE_CSP = ("default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-src 'self'; "
             "base-uri 'none'")

PASTE_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>quotes: who said what</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body { margin: 0; font: 16px/1.5 system-ui, "DejaVu Sans", sans-serif; color: #1d2330; background: #f6f7f9; }
header { padding: 12px 24px; background: #fff; border-bottom: 1px solid #dde1e7; }
h1 { margin: 0; font-size: 20px; } .sub { color: #5b6475; font-size: 14px; }
form { padding: 12px 24px; }
textarea { width: 100%; height: 9em; font: 15px/1.5 Georgia, "DejaVu Serif", serif; padding: 8px; box-sizing: border-box; }
button { margin-top: 6px; font-size: 15px; padding: 4px 16px; }
iframe { display: block; width: calc(100% - 48px); margin: 0 24px 24px; height: 75vh; border: 1px solid #dde1e7; background: #fff; }
</style></head>
<body><header><h1>quotes: who said what</h1>
<div class="sub">Paste a news article and press Extract; click a highlighted passage to see its speaker and chain.
The same answer as JSON: <code>POST /extract</code> (see <a href="docs">/docs</a>).</div></header>
<form method="post" action="view" target="result">
<textarea name="text" id="article" required placeholder="&quot;We are ready to talk,&quot; Russian Foreign Minister Sergey Lavrov told reporters."></textarea>
<button type="submit" id="extract">Extract</button>
</form>
<iframe name="result" id="result" title="quotes found" sandbox="allow-scripts"
 srcdoc="&lt;p style=&quot;font-family:sans-serif;color:#5b6475;padding:12px&quot;&gt;The quotes will show here.&lt;/p&gt;"></iframe>
</body></html>
"""


class ApiError(Exception):
    """A client error answered as JSON ``{"error", "status"}``."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message, "status": status}, status_code=status)


async def _read_body(request: Request, limit: int) -> bytes:
    """The request body, refusing one over ``limit`` bytes before it is all in memory (a declared
    Content-Length at once, a chunked body as soon as it passes the limit)."""
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            size = int(declared)
        except ValueError:
            raise ApiError(400, f"Content-Length {declared!r} is not a number") from None
        if size > limit:
            raise ApiError(413, f"request body of {size} bytes is over the limit of {limit} bytes; "
                                "send fewer or shorter documents per request (or start the server "
                                "with a larger --max-body-bytes)")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, f"request body is over the limit of {limit} bytes; send fewer or shorter "
                                "documents per request (or start the server with a larger --max-body-bytes)")
        chunks.append(chunk)
    return b"".join(chunks)


def _parse_json(body: bytes) -> Any:
    if not body.strip():
        raise ApiError(400, 'empty body: send JSON {"text": "..."} or {"records": [{"text": "..."}, ...]}')
    try:
        # JSON over HTTP is UTF-8 (RFC 8259); json.loads on bytes would guess UTF-16 from a BOM.
        return json.loads(body.decode("utf-8"))
    except UnicodeDecodeError as e:
        raise ApiError(400, f"body is not UTF-8 text (byte {e.start}); send JSON encoded as UTF-8") from None
    except json.JSONDecodeError as e:
        raise ApiError(400, f"body is not valid JSON ({e.msg} at line {e.lineno}, column {e.colno})") from None


def _records_of(payload: Any) -> tuple[list, bool]:
    """The input records of a request, and whether it was the one-text form."""
    if not isinstance(payload, dict):
        raise ApiError(400, f'body must be a JSON object with "text" or "records", not a {type(payload).__name__}')
    if "records" in payload:
        if "text" in payload:
            raise ApiError(400, 'give either "text" (one document) or "records" (a list), not both')
        if not isinstance(payload["records"], list):
            raise ApiError(400, f'"records" must be a list of objects with "text", not a '
                                f'{type(payload["records"]).__name__}')
        return payload["records"], False
    if "text" not in payload:
        raise ApiError(400, 'missing "text": send {"text": "..."} or {"records": [{"text": "..."}, ...]} '
                            f'(keys sent: {", ".join(sorted(payload)) or "none"})')
    if not isinstance(payload["text"], str):
        raise ApiError(400, f'"text" must be a string, not a {type(payload["text"]).__name__}')
    return [payload], True


class Extractor:
    """Runs extraction on one worker thread.

    spaCy's ``nlp`` is not safe to call from several threads at once (the quotes component and the
    parser keep per-call state), so every request's documents go through a single-thread executor:
    requests queue there, each gets exactly its own records back, and the event loop stays free to
    answer /health and to read other requests meanwhile. Throughput comes from batching the
    documents of a request, not from threads."""

    def __init__(self, model: Optional[str], rules: Optional[str], scope: Optional[str], batch_size: int) -> None:
        self.options = {"model": model, "rules": rules, "scope": scope, "batch_size": batch_size}
        self.nlp = load_pipeline(model, rules, scope)  # loaded once, here, before the first request
        self.max_length = self.nlp.max_length
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="quotes-extract")

    def _run(self, records: list) -> list[dict]:
        try:
            return list(extract_records(records, **self.options))
        except Exception:  # noqa: BLE001 - one document must not fail the others: retry one by one
            return [self._run_one(n, rec) for n, rec in enumerate(records)]

    def _run_one(self, n: int, rec: Any) -> dict:
        try:
            return list(extract_records([rec], **self.options))[0]
        except Exception as e:  # noqa: BLE001
            rid = rec.get("id", n + 1) if isinstance(rec, dict) else n + 1
            return {"id": str(rid), "meta": {"quotes_provenance": provenance(self.nlp)}, "quotes": [],
                    "errors": [f"extraction failed: {type(e).__name__}: {e}"]}

    async def __call__(self, records: list) -> list[dict]:
        return await asyncio.get_running_loop().run_in_executor(self.pool, self._run, records)


def create_app(model: Optional[str] = None, rules: Optional[str] = None, scope: Optional[str] = None,
               batch_size: int = DEFAULT_BATCH_SIZE, max_body_bytes: int = DEFAULT_MAX_BODY_BYTES) -> FastAPI:
    """The ASGI app, with the model loaded (an unknown model or scope raises here, at start-up)."""
    extractor = Extractor(model, rules, scope, batch_size)
    prov = provenance(extractor.nlp)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        extractor.pool.shutdown(wait=False, cancel_futures=True)

    app = FastAPI(title="quotes", version=__version__, lifespan=lifespan,
                  description="Who said what in news text: direct, indirect and mixed quotes with their "
                              "speakers, cues, addressees, attribution chains and nesting (output format "
                              f"version {prov['format']}).")
    app.state.extractor = extractor

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        return _error(exc.status, exc.message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail))

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> JSONResponse:
        return _error(500, f"internal error ({type(exc).__name__}); the server log has the details")

    @app.get("/health", summary="Is the service up, and with which model")
    async def health() -> dict:
        return {"status": "ok", "toolkit": "quotes", "version": __version__, "format": prov["format"],
                "model": prov["model"], "model_version": prov["model_version"], "scope": prov["scope"]["name"],
                "max_length": extractor.max_length, "max_body_bytes": max_body_bytes}

    @app.post("/extract", summary="Extract quotes: the output records of quotes extract",
              openapi_extra={"requestBody": _EXTRACT_BODY})
    async def extract(request: Request) -> JSONResponse:
        records, one_text = _records_of(_parse_json(await _read_body(request, max_body_bytes)))
        if one_text and len(records[0]["text"]) > extractor.max_length:
            raise ApiError(422, f'"text" has {len(records[0]["text"])} characters, more than the model\'s '
                                f"max_length of {extractor.max_length}; split the document")
        return JSONResponse({"records": await extractor(records)})

    @app.post("/view", response_class=HTMLResponse, summary="The quotes view page of one text",
              openapi_extra={"requestBody": {"required": True, "content": {
                  "application/json": {"schema": {"type": "object", "required": ["text"],
                                                  "properties": {"text": {"type": "string"}}}},
                  "application/x-www-form-urlencoded": {"schema": {"type": "object", "required": ["text"],
                                                                   "properties": {"text": {"type": "string"}}}}}}})
    async def view(request: Request) -> HTMLResponse:
        try:
            body = await _read_body(request, max_body_bytes)
            if request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
                try:
                    form = parse_qs(body.decode("utf-8"), keep_blank_values=True)
                except UnicodeDecodeError:
                    raise ApiError(400, "form is not UTF-8 text") from None
                payload: Any = {"text": form["text"][0]} if "text" in form else {}
            else:
                payload = _parse_json(body)
            records, one_text = _records_of(payload)
            if not one_text or len(records) != 1:
                raise ApiError(400, 'send one text: {"text": "..."}')
            text = records[0]["text"]
            if len(text) > extractor.max_length:
                raise ApiError(422, f"the text has {len(text)} characters, more than the model's max_length "
                                    f"of {extractor.max_length}; split the document")
            if not records[0].get("id"):
                records = [{**records[0], "id": "pasted article"}]
        except ApiError as e:
            return HTMLResponse(f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>error</title>'
                                f'</head><body style="font-family:sans-serif"><p class="error">{esc(e.message)}</p>'
                                "</body></html>", status_code=e.status)
        record = (await extractor(records))[0]
        return HTMLResponse(render_document(record))

    @app.get("/", response_class=HTMLResponse, summary="A page to paste an article into")
    async def page() -> HTMLResponse:
        return HTMLResponse(PASTE_PAGE, headers={"Content-Security-Policy": PASTE_CSP})

    return app


def run_server(host: str = "127.0.0.1", port: int = 8000, model: Optional[str] = None, rules: Optional[str] = None,
               scope: Optional[str] = None, batch_size: int = DEFAULT_BATCH_SIZE,
               max_body_bytes: int = DEFAULT_MAX_BODY_BYTES) -> None:
    """Load the model, then serve until interrupted."""
    import uvicorn

    app = create_app(model=model, rules=rules, scope=scope, batch_size=batch_size, max_body_bytes=max_body_bytes)
    uvicorn.run(app, host=host, port=port, log_level="info")
