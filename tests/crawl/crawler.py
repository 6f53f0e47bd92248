"""Crawl the site as each demo user with Django's test client, in the process that
holds the settings (SQLite for `make run`, PostgreSQL for `make test`).

The home page's links (the menu first, in the page header) are level 1, what those
pages link to is level 2, and one level more (the project editor is three clicks from
the menu: โครงการ, a project, แก้ไข). Links are `<a href>`, htmx `hx-get`, `<img src>` and
`<form method="get">` sent with the values it shows; only same-site GETs. URLs are
deduplicated per user by their resolved URL name and the shape of their arguments
(names of path arguments and of query parameters), so every kind of page is
fetched at least once and a list of a hundred projects costs one detail page.
"""

import time
import traceback
from collections import deque
from dataclasses import asdict, dataclass, field
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

from django.db import connection, transaction
from django.test import Client
from django.urls import Resolver404, resolve
from lxml import etree, html

from . import words

# Never fetched: logging out ends the crawl's session.
SKIP_URL_NAMES = {"logout", "admin:logout"}
SKIP_PREFIXES = ("/static/", "/media/")
DOWNLOAD_TYPES = ("spreadsheet", "pdf", "wordprocessing", "csv", "zip", "octet-stream")
# Tables a GET may write: the session (messages, login) and django-axes' access log.
GET_MAY_WRITE = {"django_session", "axes_accesslog", "axes_accessattempt"}
# Pages whose GET writes on purpose, and what.
GET_WRITES_BY_DESIGN = {
    # Opening the notices marks them read (approvals/views.py notification_list).
    "approvals:notifications": {"approvals_notification"},
}
# Typed, not linked: what every user meets on a wrong address or a page of another role
# (Thai 404 and 403 pages); a 4xx is expected, a 5xx or English words are findings.
PROBES = (
    "/no-such-page/",
    "/projects/999999999/",
    "/reports/board/",
    "/memos/",
    "/reports/windows/",
)
MAX_DEPTH = 3
PER_SHAPE = 1  # distinct URLs fetched per URL name and argument shape, per user
MAX_PAGES_PER_USER = 250
# Django's admin: its index (level 1) and every model's list and add form (level 2); past
# them are its objects one by one, a crawl of the data rather than of the pages.
ADMIN_DEPTH = 2


@dataclass
class Finding:
    user: str
    url: str
    kind: str  # "5xx", "4xx", "login", "english", "wrote"
    detail: str
    referrer: str
    url_name: str = ""

    def __str__(self) -> str:
        return f"{self.kind:8} {self.user:15} {self.url}  ← {self.referrer}\n         {self.detail}"


@dataclass
class CrawlResult:
    pages: dict[str, int] = field(default_factory=dict)
    urls: dict[str, list[str]] = field(default_factory=dict)
    capped: list[str] = field(default_factory=list)  # users whose crawl hit MAX_PAGES_PER_USER
    findings: list[Finding] = field(default_factory=list)
    seconds: float = 0.0
    other_latin: dict[str, list[str]] = field(default_factory=dict)
    slowest: list[tuple[float, str, str]] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "CrawlResult":
        findings = [Finding(**f) for f in data.pop("findings")]
        return cls(findings=findings, **data)


def url_shape(path: str, query: str) -> tuple:
    """What makes two URLs the same kind of page: the URL name, the path arguments
    (numbers as "int", words such as an editor's module by value: each shows another
    form) and the names of the query parameters."""
    try:
        match = resolve(path)
    except Resolver404:
        return ("unresolved", path)
    arguments = tuple(
        (name, "int" if str(value).isdigit() else str(value))
        for name, value in sorted(match.kwargs.items())
    )
    keys = tuple(sorted({k for k, _ in parse_qsl(query, keep_blank_values=True)}))
    return (match.view_name, arguments, len(match.args), keys)


# Where a visitor who is not signed in starts: the public portal (opendata), under "anonymous".
PUBLIC_START = "/open/"
ANONYMOUS = "anonymous"


def crawl(users, *, max_depth: int = MAX_DEPTH) -> CrawlResult:
    """Crawl as each user (User objects), then as an anonymous visitor of the public
    portal; findings for every one in one result."""
    result = CrawlResult()
    started = time.monotonic()
    for user in users:
        _UserCrawl(user, result, max_depth).run()
    _UserCrawl(None, result, max_depth, start=PUBLIC_START).run()
    result.seconds = round(time.monotonic() - started, 1)
    result.slowest = sorted(result.slowest, reverse=True)[:15]
    return result


class _UserCrawl:
    def __init__(self, user, result: CrawlResult, max_depth: int, start: str = "/"):
        self.user, self.result, self.max_depth, self.start = user, result, max_depth, start
        self.name = user.username if user is not None else ANONYMOUS
        self.client = Client(raise_request_exception=True)
        if user is not None:
            self.client.force_login(user)
        self.seen_urls: set[str] = set()
        self.shapes: dict[tuple, int] = {}
        self.queue: deque[tuple[str, int, str]] = deque()
        self.fetched = 0

    def run(self) -> None:
        self.enqueue(self.start, 0, "")
        visited = []
        while self.queue and self.fetched < MAX_PAGES_PER_USER:
            url, depth, referrer = self.queue.popleft()
            self.visit(url, depth, referrer)
            visited.append(url)
        if self.queue:
            self.result.capped.append(self.name)
        for probe in PROBES:
            self.probe(probe)
        self.result.pages[self.name] = self.fetched
        self.result.urls[self.name] = visited

    def enqueue(self, url: str, depth: int, referrer: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("", "http", "https") or parts.netloc not in ("", "testserver"):
            return
        path = parts.path or "/"
        if path.startswith(SKIP_PREFIXES):
            return
        if self.user is None and not path.startswith(PUBLIC_START):
            return  # the anonymous visitor stays in the portal (the rest asks for a login)
        local = path + (f"?{parts.query}" if parts.query else "")
        if local in self.seen_urls:
            return
        shape = url_shape(path, parts.query)
        if shape[0] in SKIP_URL_NAMES or self.shapes.get(shape, 0) >= PER_SHAPE:
            return
        self.seen_urls.add(local)
        self.shapes[shape] = self.shapes.get(shape, 0) + 1
        self.queue.append((local, depth, referrer))

    def visit(self, url: str, depth: int, referrer: str) -> None:
        self.fetched += 1
        started = time.monotonic()
        response = self.get(url, referrer)
        self.result.slowest.append((round(time.monotonic() - started, 2), self.name, url))
        if response is None:
            return
        status = response.status_code
        if status >= 500:
            self.report(url, "5xx", f"status {status}", referrer)
        elif status in (301, 302, 303, 307, 308):
            location = urljoin(url, response["Location"])
            if urlsplit(location).path.startswith("/accounts/login/"):
                self.report(url, "login", f"redirected to {location}", referrer)
            else:
                self.enqueue(location, depth, referrer)
        elif status >= 400:
            self.report(url, "4xx", f"status {status}", referrer)
        content_type = response.get("Content-Type", "")
        if status < 300 and any(kind in content_type for kind in DOWNLOAD_TYPES):
            return  # a download: fetched, not read
        body = b"".join(response) if response.streaming else response.content
        if "svg" in content_type:
            self.check_text(url, words.svg_text(body), referrer)
        elif "html" in content_type:
            text = body.decode(response.charset or "utf-8", errors="replace")
            self.check_text(url, words.visible_text(text), referrer)
            if depth < _max_depth(url, self.max_depth) and status < 300:
                for link in links_of(text, url):
                    self.enqueue(link, depth + 1, url)

    def probe(self, url: str) -> None:
        response = self.get(url, "(typed)")
        if response is None:
            return
        if response.status_code >= 500:
            self.report(url, "5xx", f"status {response.status_code}", "(typed)")
        elif "html" in response.get("Content-Type", ""):
            text = response.content.decode(response.charset or "utf-8", errors="replace")
            self.check_text(url, words.visible_text(text), "(typed)")

    def get(self, url: str, referrer: str):
        """GET in a savepoint (an error must not spoil the rest of the crawl), noting writes."""
        statements: list[str] = []

        def note(execute, sql, params, many, context):
            statements.append(sql)
            return execute(sql, params, many, context)

        try:
            with connection.execute_wrapper(note), transaction.atomic():
                response = self.client.get(url)
        except Exception as exc:  # noqa: BLE001 - every failure is a finding
            self.report(url, "5xx", _where(exc), referrer)
            return None
        written = _tables_written(statements) - GET_MAY_WRITE
        written -= GET_WRITES_BY_DESIGN.get(url_shape(urlsplit(url).path, "")[0], set())
        if written:
            self.report(url, "wrote", f"GET wrote to {', '.join(sorted(written))}", referrer)
        return response

    def check_text(self, url: str, text: str, referrer: str) -> None:
        found = words.english_words(text)
        if found:
            self.report(url, "english", ", ".join(found), referrer)
        other = self.result.other_latin.setdefault(self.name, [])
        other.extend(sorted(words.other_latin_words(text) - set(other)))

    def report(self, url: str, kind: str, detail: str, referrer: str) -> None:
        name = url_shape(urlsplit(url).path, "")[0]
        self.result.findings.append(Finding(self.name, url, kind, detail, referrer, name))


def _max_depth(url: str, max_depth: int) -> int:
    return min(max_depth, ADMIN_DEPTH) if url.startswith("/admin/") else max_depth


def links_of(body: str, base: str) -> list[str]:
    """Same-site GET targets on a page in document order (the menu first): links,
    hx-get, images and GET forms sent as shown."""
    try:
        document = html.fromstring(body)
    except (etree.ParserError, ValueError):
        return []
    targets = document.xpath("//a/@href | //*/@hx-get | //img/@src")
    targets = [t for t in targets if not t.startswith(("#", "mailto:", "tel:", "javascript:"))]
    for form in document.xpath("//form"):
        if (form.get("method") or "get").lower() == "get":
            targets.append(_form_url(form, base))
    return [urljoin(base, t) for t in targets]


def _form_url(form, base: str) -> str:
    """The URL a browser sends for a GET form left as it is shown."""
    action = urljoin(base, form.get("action") or base)
    values = [(k, v) for k, v in form.form_values() if v is not None]
    return f"{urlsplit(action).path}?{urlencode(values)}" if values else urlsplit(action).path


def _tables_written(statements) -> set[str]:
    tables = set()
    for sql in statements:
        words_ = sql.replace('"', " ").replace("`", " ").split()
        if not words_:
            continue
        verb = words_[0].upper()
        if verb == "INSERT" and len(words_) > 2:
            tables.add(words_[2])
        elif verb == "UPDATE" and len(words_) > 1:
            tables.add(words_[1])
        elif verb == "DELETE" and len(words_) > 2:
            tables.add(words_[2])
    return tables


def _where(exc: Exception) -> str:
    """The exception and the deepest frame of the project's own code."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "/.venv/" not in f.filename and "site-packages" not in f.filename]
    frame = (ours or frames)[-1]
    return f"{type(exc).__name__}: {exc} at {frame.filename}:{frame.lineno} ({frame.name})"
