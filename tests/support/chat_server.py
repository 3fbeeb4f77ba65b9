"""A real HTTP server on 127.0.0.1 that speaks OpenAI's chat completions API, for tests and benchmarks.

The real `openai` client talks to it over HTTP (openai 3.x uses httpx2, so no
mocking library could intercept it anyway). Answers are derived from what the
request carries, the way a model would read it:

- `response_format` json_schema "section_notes" (map): it finds each delimited
  PART of the transcript (the token named in the system prompt), and builds
  per part the heading, key ideas (at most 20 words, as the prompt asks), 2-7
  lessons and quote candidates from the part's own sentences, and the promises
  addressed from the numbered promises it was given;
- "episode_overview" (reduce): it reads the section notes (JSON lines) and the
  quote candidates and builds as many groups and picks as many numbered
  lessons as the schema's minItems/maxItems ask, verdict, tl;dr…;
- no response_format (e.g. LangChain's summarize chain): a short plain-text
  summary made of the text's own sentences.

It counts calls and tokens (about 4 characters a token, on both sides; the
prompt's tokens include the JSON schema, which a real API also bills), honours
a simulated latency (per call, and optionally per output token), records each call's start and end (the critical path in
time) and which earlier answers each request quotes (the dependency depth),
with `narrate=True` writes ideas as narration ("The speaker explains that …"),
truncates at the request's max tokens with finish_reason "length", can invent
quote candidates that are not in the transcript (`invent_quotes`), and can be
told to inject faults: 429, 500, timeout, invalid_json, truncated, refusal,
wrong_shape. With `obey_injections=True` it follows instructions planted in a
transcript as naively as a weak model would (capitals, links, markup, a
different JSON shape), so what stops them is the summarizer's own code.
"""

import json
import math
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

FAULT_KINDS = ("429", "500", "timeout", "invalid_json", "truncated", "refusal", "wrong_shape")
_MAX_BODY = 32 * 1024 * 1024

_STOPWORDS = frozenset(
    """about above after again against also because been before being below between both could does doing
    down during each from further have having here hers herself himself into itself just like more most myself
    once only other ours ourselves over same should some such than that their theirs them themselves then there
    these they this those through under until very what when where which while whom why will with would your
    yours yourself yourselves really thing things going know think yeah right kind sort lot mean actually said
    want okay well gonna because something people able even much make made maybe pretty little stuff guess
    sure still those where every come came take they're that's there's it's don't what's you're i'm we're""".split()  # noqa: SIM905 - a word list reads better as text
)
_FENCE = r"<<<(?P<label>[A-Z0-9 ]+) {tok}>>>\n(?P<body>.*?)\n<<<END (?P=label) {tok}>>>"
_TALK_LINE = re.compile(r"^\[\d+:\d\d(?::\d\d)?\](?: (?P<speaker>[^:\n]{1,80}):)? (?P<text>.*)$")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_ADVICE = re.compile(
    r"\b(should|need to|have to|must|important|key|better|recommend|try|make sure|don't|never|always)\b", re.I
)


def estimate_tokens(text: str) -> int:
    return math.ceil(len(text) / 4) if text else 0


@dataclass
class Fault:
    kind: str
    times: int
    schema: str | None = None
    match: str | None = None


@dataclass
class CallRecord:
    schema: str | None
    status: int
    fault: str | None
    prompt_tokens: int
    completion_tokens: int
    max_tokens: int | None
    started: float
    ended: float = 0.0
    request_text: str = field(default="", repr=False)
    body: dict[str, Any] = field(default_factory=dict, repr=False)  # the request as sent
    fingerprint: str = field(default="", repr=False)  # words of the answer that a later request would quote


class ChatServer:
    """Start with `with ChatServer() as server:`; point the client at `server.base_url`."""

    def __init__(
        self,
        *,
        latency: float = 0.0,
        obey_injections: bool = False,
        timeout_sleep: float = 2.0,
        invent_quotes: int = 0,
        narrate: bool = False,
        output_tokens_per_second: float | None = None,
    ) -> None:
        self.latency = latency
        # A long answer takes longer: None answers at once whatever its length.
        self.output_tokens_per_second = output_tokens_per_second
        self.narrate = narrate
        self.obey_injections = obey_injections
        self.timeout_sleep = timeout_sleep
        self.invent_quotes = invent_quotes
        self._lock = threading.Lock()
        self._faults: list[Fault] = []
        self.calls: list[CallRecord] = []
        self._in_flight = 0
        self.max_in_flight = 0
        self._http: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- lifecycle -------------------------------------------------------------------------

    def __enter__(self) -> "ChatServer":
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        http = _Server(("127.0.0.1", 0), _Handler)
        http.daemon_threads = True
        http.owner = self  # type: ignore[attr-defined]
        self._http = http
        self._thread = threading.Thread(target=http.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._http is not None:
            self._http.shutdown()
            self._http.server_close()
            self._http = None
        if self._thread is not None:
            self._thread.join(timeout=5)

    @property
    def base_url(self) -> str:
        assert self._http is not None, "start the server first"
        return f"http://127.0.0.1:{self._http.server_address[1]}/v1"

    # --- control and figures ---------------------------------------------------------------

    def inject(
        self, kind: str, *, times: int = 1, schema: str | None = None, match: str | None = None
    ) -> None:
        """The next `times` requests (for that schema, containing `match`) get this fault."""
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault {kind!r}: one of {FAULT_KINDS}")
        with self._lock:
            self._faults.append(Fault(kind, times, schema, match))

    def reset(self) -> None:
        with self._lock:
            self.calls.clear()
            self._faults.clear()
            self.max_in_flight = 0

    def completed(self, schema: str | None = None) -> list[CallRecord]:
        """Calls answered with 200 (the ones a real API bills), optionally for one schema."""
        return [c for c in self.calls if c.status == 200 and (schema is None or c.schema == schema)]

    @property
    def input_tokens(self) -> int:
        return sum(c.prompt_tokens for c in self.completed())

    @property
    def output_tokens(self) -> int:
        return sum(c.completion_tokens for c in self.completed())

    def dependency_depth(self) -> int:
        """How many answered calls deep the longest chain is, where a call depends on every earlier
        call whose answer its request carries (the reduce quotes the map answers): timing-free."""
        calls = self.completed()
        depth: list[int] = []
        for i, call in enumerate(calls):
            parents = [
                depth[j]
                for j in range(i)
                if calls[j].fingerprint and calls[j].fingerprint in call.request_text
            ]
            depth.append(1 + max(parents, default=0))
        return max(depth, default=0)

    def critical_path(self) -> int:
        """The longest chain of calls in which each started only after the one before had ended."""
        calls = sorted((c for c in self.calls if c.ended), key=lambda c: c.started)
        depth: list[int] = []
        for i, call in enumerate(calls):
            before = [depth[j] for j in range(i) if calls[j].ended <= call.started]
            depth.append(1 + max(before, default=0))
        return max(depth, default=0)

    # --- serving ---------------------------------------------------------------------------

    def _take_fault(self, schema: str | None, text: str) -> str | None:
        with self._lock:
            for fault in self._faults:
                if fault.times <= 0:
                    continue
                if fault.schema is not None and fault.schema != schema:
                    continue
                if fault.match is not None and fault.match not in text:
                    continue
                fault.times -= 1
                return fault.kind
        return None

    def handle(self, request: dict[str, Any]) -> tuple[int, dict[str, str], dict[str, Any] | None]:
        messages = request.get("messages") or []
        texts = [m.get("content") if isinstance(m.get("content"), str) else "" for m in messages]
        full_text = "\n".join(texts)
        response_format = request.get("response_format") or {}
        schema = (response_format.get("json_schema") or {}).get("name")
        limit = request.get("max_completion_tokens") or request.get("max_tokens")
        record = CallRecord(
            schema=schema,
            status=200,
            fault=None,
            prompt_tokens=sum(estimate_tokens(t) + 4 for t in texts)
            + (estimate_tokens(json.dumps(response_format)) if response_format else 0),
            completion_tokens=0,
            max_tokens=limit,
            started=time.monotonic(),
            request_text=full_text,
            body=request,
        )
        with self._lock:
            self.calls.append(record)
            self._in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self._in_flight)
        try:
            if self.latency:
                time.sleep(self.latency)
            fault = self._take_fault(schema, full_text)
            record.fault = fault
            status, headers, body = self._answer(request, schema, texts, fault, limit, record)
            if self.output_tokens_per_second:
                time.sleep(record.completion_tokens / self.output_tokens_per_second)
            record.status = status
            return status, headers, body
        finally:
            record.ended = time.monotonic()
            with self._lock:
                self._in_flight -= 1

    def _answer(
        self,
        request: dict[str, Any],
        schema: str | None,
        texts: list[str],
        fault: str | None,
        limit: int | None,
        record: CallRecord,
    ) -> tuple[int, dict[str, str], dict[str, Any] | None]:
        if fault == "429":
            error = {
                "error": {
                    "message": "Rate limit reached (injected)",
                    "type": "requests",
                    "code": "rate_limit",
                }
            }
            return 429, {"retry-after-ms": "20"}, error
        if fault == "500":
            return (
                500,
                {},
                {"error": {"message": "The server had an error (injected)", "type": "server_error"}},
            )
        if fault == "timeout":
            time.sleep(self.timeout_sleep)
            return 504, {}, None
        if fault == "refusal":
            return (
                200,
                {},
                _completion(request, None, "stop", record, refusal="I'm sorry, I can't help with that."),
            )

        system = texts[0] if texts else ""
        user = "\n".join(texts[1:])
        counts = _counts(request)
        if schema == "section_notes":
            answer: Any = _batch_notes(system, user, self.obey_injections, self.invent_quotes)
            if self.narrate:
                answer = _narrated(answer)
        elif schema == "episode_overview":
            answer = _overview(system, user, self.obey_injections, counts)
        elif schema is None:
            answer = _plain_summary(user or system)
        else:
            return (
                400,
                {},
                {"error": {"message": f"unknown schema {schema}", "type": "invalid_request_error"}},
            )
        content = answer if isinstance(answer, str) else json.dumps(answer, ensure_ascii=False)
        if isinstance(answer, str):
            record.fingerprint = answer
        elif isinstance(answer, dict):
            parts = answer.get("parts") or [answer]
            record.fingerprint = str(parts[0].get("heading") or answer.get("verdict") or "")

        if fault == "invalid_json":
            content = content[: max(1, len(content) // 3)].rstrip("}") + ', "oops": '
        if fault == "wrong_shape":
            content = json.dumps({"summary": "this is not the schema"})
        finish = "stop"
        if fault == "truncated" or (limit and estimate_tokens(content) > limit):
            cut = min(len(content) // 2, (limit or 10**9) * 4)
            content, finish = content[:cut], "length"
        return 200, {}, _completion(request, content, finish, record)


def _completion(
    request: dict[str, Any], content: str | None, finish: str, record: CallRecord, refusal: str | None = None
) -> dict[str, Any]:
    record.completion_tokens = estimate_tokens(content or refusal or "")
    return {
        "id": f"chatcmpl-test-{id(record)}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": request.get("model", "test-model"),
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content, "refusal": refusal},
                "finish_reason": finish,
                "logprobs": None,
            }
        ],
        "usage": {
            "prompt_tokens": record.prompt_tokens,
            "completion_tokens": record.completion_tokens,
            "total_tokens": record.prompt_tokens + record.completion_tokens,
        },
    }


class _Server(ThreadingHTTPServer):
    # socketserver's default backlog of 5 drops connections when dozens of calls start at once.
    request_queue_size = 256


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        if not self.path.rstrip("/").endswith("/chat/completions"):
            self._send(
                404, {}, {"error": {"message": f"no route {self.path}", "type": "invalid_request_error"}}
            )
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length <= 0 or length > _MAX_BODY:
            self._send(413, {}, {"error": {"message": "bad body size", "type": "invalid_request_error"}})
            return
        try:
            request = json.loads(self.rfile.read(length))
        except ValueError:
            self._send(400, {}, {"error": {"message": "body is not JSON", "type": "invalid_request_error"}})
            return
        status, headers, body = self.server.owner.handle(request)  # type: ignore[attr-defined]
        if body is None:  # an injected timeout: the client has given up; just close
            self.close_connection = True
            return
        self._send(status, headers, body)

    def _send(self, status: int, headers: dict[str, str], body: dict[str, Any]) -> None:
        data = json.dumps(body).encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)
        except (TimeoutError, BrokenPipeError, ConnectionResetError):
            self.close_connection = True


# --- a naive "model" ---------------------------------------------------------------------------


def _fences(system: str, user: str) -> dict[str, str]:
    """The delimited data blocks of the request, for the boundary token the system prompt names."""
    token = re.search(r"<<<END LABEL ([0-9a-f]{8,64})>>>", system)
    if token is None:
        return {}
    pattern = re.compile(_FENCE.format(tok=re.escape(token.group(1))), re.DOTALL)
    return {m.group("label"): m.group("body") for m in pattern.finditer(user)}


def _talk(transcript: str) -> list[str]:
    """The spoken lines of a delimited transcript, without their [time] and speaker label."""
    lines = []
    for raw in transcript.splitlines():
        match = _TALK_LINE.match(raw.strip())
        lines.append(match.group("text") if match else raw.strip())
    return [line for line in lines if line]


def _sentences(lines: list[str], min_words: int = 6) -> list[str]:
    found = []
    for line in lines:
        for sentence in _SENTENCE.split(line):
            sentence = sentence.strip()
            if len(sentence.split()) >= min_words:
                found.append(sentence)
    return found


def _content_words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z][a-z'-]{3,}", text.lower()) if w not in _STOPWORDS]


def _trim(sentence: str, words: int = 35) -> str:
    parts = sentence.split()
    return sentence if len(parts) <= words else " ".join(parts[:words]) + "…"


def _spread(items: list[Any], count: int) -> list[Any]:
    if len(items) <= count:
        return list(items)
    step = len(items) / count
    return [items[int(i * step)] for i in range(count)]


def _numbered(block: str) -> list[tuple[int, str]]:
    rows = []
    for line in block.splitlines():
        match = re.match(r"^(\d+)\. (.*)$", line.strip())
        if match:
            rows.append((int(match.group(1)), match.group(2)))
    return rows


def _narrated(answer: dict[str, Any]) -> dict[str, Any]:
    """Ideas written as minutes of a meeting, the way a model that ignores the prompt writes them:
    odd ones reported ("The speaker explains that …"), even ones narrated to nothing ("… talk about")."""
    for part in answer["parts"]:
        part["key_ideas"] = [
            f"The speaker explains that {idea[:1].lower()}{idea[1:]}"
            if i % 2
            else f"The hosts talk about {idea}"
            for i, idea in enumerate(part["key_ideas"])
        ]
    return answer


def _counts(request: dict[str, Any]) -> dict[str, tuple[int, int]]:
    """minItems/maxItems of the schema's top-level arrays: a strict server answers within them."""
    schema = ((request.get("response_format") or {}).get("json_schema") or {}).get("schema") or {}
    counts = {}
    for name, prop in (schema.get("properties") or {}).items():
        if isinstance(prop, dict) and "maxItems" in prop:
            counts[name] = (int(prop.get("minItems", 0)), int(prop["maxItems"]))
    return counts


def _batch_notes(system: str, user: str, obey: bool, invent_quotes: int) -> Any:
    """One entry per delimited PART, in order (a strict server's answer to the batch schema)."""
    fences = _fences(system, user)
    parts = sorted(
        (int(label.split()[1]), body) for label, body in fences.items() if re.fullmatch(r"PART \d+", label)
    )
    promises = _numbered(fences.get("PROMISES", ""))
    notes = [_section_notes(body, promises, invent_quotes) for _, body in parts]
    answer = {"parts": notes}
    return _obey(answer, "\n".join(fences.values())) if obey else answer


def _section_notes(transcript: str, promised: list[tuple[int, str]], invent_quotes: int) -> dict[str, Any]:
    lines = _talk(transcript)
    text = " ".join(lines)
    sentences = _sentences(lines) or [s for s in lines if s.strip()] or ["This part has no spoken words."]
    top = [w for w, _ in Counter(_content_words(text)).most_common(3)] or ["this", "part"]
    names = [w.capitalize() for w in top]
    heading = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    advice = [s for s in sentences if _ADVICE.search(s)]
    advice += [s for s in sorted(sentences, key=len, reverse=True) if s not in advice]
    lessons = [
        {"title": " ".join(s.strip(" .,!?").split()[:6]).capitalize(), "explanation": _trim(s, 25)}
        for s in _spread(advice, 4)
    ]
    quotable = [s for s in sentences if 10 <= len(s.split()) <= 40] or sentences
    candidates = sorted(quotable, key=lambda s: len(set(_content_words(s))), reverse=True)[:3]
    for i in range(min(invent_quotes, len(candidates))):
        candidates[i] = " ".join(reversed(candidates[i].split()))  # not in the transcript: must be rejected
    words = set(_content_words(text))
    promises = []
    for number, promise in promised:
        wanted = set(_content_words(promise))
        if wanted and len(wanted & words) >= min(2, len(wanted)):
            promises.append(number)
    return {
        "heading": heading,
        "key_ideas": [_trim(s, 20) for s in _spread(sentences, 8)],
        "lessons_heading": f"Lessons on {' and '.join(names[:2])}",
        "lessons": lessons,
        "quote_candidates": candidates,
        "promises_addressed": promises,
    }


def _groups(sections: list[dict[str, Any]], wanted: tuple[int, int]) -> list[dict[str, Any]]:
    """As many groups as the schema allows: one per run of consecutive parts when there are parts
    enough, else the ideas cut into runs of at least 3."""
    low, high = wanted
    if len(sections) >= low:
        count = min(high, len(sections))
        chunks = [
            sections[round(i * len(sections) / count) : round((i + 1) * len(sections) / count)]
            for i in range(count)
        ]
        groups = []
        for chunk in chunks:
            per = -(-3 // len(chunk))  # enough ideas from each part for at least 3 in the group
            ideas = [_trim(x, 20) for s in chunk for x in s.get("ideas", [])[:per]]
            groups.append({"heading": chunk[0].get("heading", ""), "ideas": ideas[:5]})
        return groups
    ideas = [(s.get("heading", ""), x) for s in sections for x in s.get("ideas", [])] or [
        ("The episode", "It ends.")
    ]
    count = max(1, min(high, len(ideas) // 3))
    groups = []
    for i in range(count):
        part = ideas[round(i * len(ideas) / count) : round((i + 1) * len(ideas) / count)]
        groups.append({"heading": f"{part[0][0]} ({i + 1})", "ideas": [_trim(x, 20) for _, x in part[:5]]})
    return groups


def _picked_lessons(sections: list[dict[str, Any]], wanted: tuple[int, int]) -> list[int]:
    """Numbers of the parts' lessons, one part at a time in turn, as many as the schema allows."""
    pools = []
    for s in sections:
        numbers = [re.match(r"^(\d+)\. ", x) for x in s.get("lessons", [])]
        pools.append([int(m.group(1)) for m in numbers if m])
    picked: list[int] = []
    while len(picked) < wanted[1] and any(pools):
        for pool in pools:
            if pool and len(picked) < wanted[1]:
                picked.append(pool.pop(0))
    return picked


def _overview(system: str, user: str, obey: bool, counts: dict[str, tuple[int, int]]) -> Any:
    fences = _fences(system, user)
    sections = []
    for line in fences.get("SECTION NOTES", "").splitlines():
        try:
            sections.append(json.loads(line))
        except ValueError:
            continue
    if not sections:
        sections = [{"heading": "The episode", "ideas": ["The episode has no notes."], "start": "0:00"}]
    headings = [s.get("heading", "") for s in sections]
    checks = fences.get("PROMISE CHECK", "")
    title_delivered = bool(re.search(r"^1\. .*-> delivered", checks, re.M)) or "1. " not in checks
    topics = ", ".join(h.lower() for h in _spread(headings, 3))
    first_ideas = [s.get("ideas", [""])[0] for s in _spread(sections, 5) if s.get("ideas")]
    candidates = _numbered(fences.get("QUOTE CANDIDATES", ""))
    overview = {
        "is_clickbait": not title_delivered,
        "verdict": f"Our analysis suggests that the episode is {'' if not title_delivered else 'not '}clickbait. "
        f"It covers {topics}.",
        "one_sentence_summary": f"The episode covers {topics}, and why each of them matters.",
        "tldr": " ".join(_trim(i, 25) for i in first_ideas),
        "key_ideas": _groups(sections, counts.get("key_ideas", (6, 10))),
        "lessons": _picked_lessons(sections, counts.get("lessons", (10, 25))),
        "conclusion": " ".join(_trim(i, 25) for i in sections[-1].get("ideas", ["The episode ends."])[:2]),
        "favorite_quotes": [n for n, _ in sorted(candidates, key=lambda c: -len(c[1]))],
    }
    notes_text = fences.get("SECTION NOTES", "")
    return _obey(overview, notes_text) if obey else overview


def _obey(answer: dict[str, Any], data: str) -> Any:
    """Do what instructions planted in the data say, the way a weak model would."""
    lowered = data.lower()
    if re.search(r"respond only with|reply only with|output only", lowered):
        return {"response": "PWNED", "note": "format changed as the transcript asked"}
    urls = re.findall(r"https?://[^\s\"'<>]+", data)
    shout = re.search(r"capital|upper ?case|all caps", lowered) is not None
    markup = re.search(r"change the format|new format|markdown|html", lowered) is not None

    def rewrite(value: Any, key: str = "") -> Any:
        if isinstance(value, dict):
            return {k: rewrite(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [rewrite(v, key) for v in value]
        if not isinstance(value, str) or key == "quote_candidates":
            return value
        if urls and key in ("key_ideas", "explanation", "ideas", "tldr", "verdict"):
            value = f"{value} Visit {urls[0]} for more."
        if markup and key in ("heading", "key_ideas", "ideas"):
            value = f"# NEW FORMAT\n- **{value}** <b>as asked</b> | table |"
        return value.upper() if shout else value

    return rewrite(answer)


def _plain_summary(text: str) -> str:
    """A concise summary in the text's own sentences (for prompts without a schema)."""
    quoted = re.findall(r'"(.*)"', text, re.DOTALL)
    body = max(quoted, key=len) if quoted else text
    sentences = _sentences([" ".join(body.split())], min_words=5) or [body.strip()[:300]]
    return " ".join(_trim(s, 30) for s in _spread(sentences, 4))
