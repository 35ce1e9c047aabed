"""deploy/nginx.conf in front of two app processes sharing one PostgreSQL: the documented way to
outgrow one process (docs/deploy.md), run for real with Debian's nginx, Chromium and PostgreSQL."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from contextlib import ExitStack

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from browser import AppServer, take_whole_quiz
from conftest import answers_for_profile
from proxy import NginxProxy
from storage import make_engine


class Cluster:
    """Two app processes (BEHIND_PROXY=1, one PostgreSQL database) behind the shipped nginx config."""

    def __init__(self, postgres_server, name: str):
        self.database = postgres_server.new_database(name)
        self.stack = ExitStack()
        env = {"DATABASE_URL": self.database, "BEHIND_PROXY": "1"}
        self.apps = [self.stack.enter_context(AppServer(env)) for _ in range(2)]
        self.proxy = self.stack.enter_context(NginxProxy([app.port for app in self.apps]))
        self.url = self.proxy.url

    def app_serving(self, route: str) -> AppServer:
        served = self.proxy.upstream_of(route)
        return next(app for app in self.apps if served == f"127.0.0.1:{app.port}")

    def stored(self) -> int:
        engine = make_engine(self.database.replace("postgresql+psycopg://", "postgresql://"))
        with engine.connect() as connection:
            count = connection.execute(sa.text("SELECT count(*) FROM responses")).scalar()
        engine.dispose()
        return count

    def close(self) -> None:
        self.stack.close()


@pytest.fixture
def cluster(postgres_server, request):
    running = Cluster(postgres_server, f"proxy_{request.node.name[-30:].lower().replace('[', '_').replace(']', '')}")
    yield running
    running.close()


def visitor(chromium, cluster, route: str, width: int = 1280):
    """A browser whose route cookie is ``route`` (as nginx would have set it on a first visit)."""
    context = chromium.new_context(viewport={"width": width, "height": 900}, locale="en-US")
    context.add_cookies([{"name": "bcf_route", "value": route, "url": cluster.url}])
    page = context.new_page()
    page.set_default_timeout(30_000)
    return context, page


def test_proxy_sets_the_security_headers_and_hides_the_metrics(cluster):
    with urllib.request.urlopen(f"{cluster.url}/") as response:
        headers = response.headers
    policy = headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert re.match(r"bcf_route=[0-9a-f]{32}; Path=/", headers["Set-Cookie"])  # a fresh visitor gets a route
    with pytest.raises(urllib.error.HTTPError) as blocked:
        urllib.request.urlopen(f"{cluster.url}/_stcore/metrics")
    assert blocked.value.code == 404
    # the app itself still serves its metrics: it is the proxy that keeps them in
    with urllib.request.urlopen(f"http://127.0.0.1:{cluster.apps[0].port}/_stcore/metrics") as direct:
        assert direct.status == 200


def test_proxy_keeps_one_compressed_copy_of_streamlits_static_files(cluster):
    # a crowd of first visitors (an event) must not make an app process send 2.7 MB of scripts to each
    with urllib.request.urlopen(f"{cluster.url}/") as response:
        script = "/" + re.search(r'src="\./(static/js/[^"]+\.js)"', response.read().decode()).group(1)
    sizes = []
    for _ in range(2):
        request = urllib.request.Request(cluster.url + script, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert response.headers["X-Frame-Options"] == "DENY"  # the security headers still come along
            sizes.append(len(response.read()))
    with urllib.request.urlopen(cluster.url + script) as plain:
        assert len(plain.read()) > 2 * sizes[0]  # what a browser that cannot unzip gets
    assert cluster.proxy.cache_statuses(script, 3) == ["MISS", "HIT", "HIT"]  # the app was asked once


def test_proxy_a_whole_quiz_with_consent_through_the_proxy_is_stored_once(cluster, chromium, bank, strings):
    context, page = visitor(chromium, cluster, "quiz-taker")
    refused = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    role = bank.role("inside_sales")
    page.goto(f"{cluster.url}/quiz?lang=en")
    take_whole_quiz(page, bank, answers_for_profile(bank, {s: role.level(s) for s in bank.scale_ids}), "en")
    expect(page.locator(".st-key-results-summary").get_by_role("heading", name=role.name("en"))).to_be_visible()
    page.get_by_test_id("stExpander").filter(has_text=strings("results.save_title", "en")).locator("summary").click()
    page.get_by_text(strings("results.consent", "en")).click()
    page.locator(".st-key-results-save button").dblclick()  # an impatient double click
    expect(page.get_by_text(strings("results.saved", "en"))).to_be_visible()
    assert cluster.stored() == 1
    assert not refused, refused  # the policy lets the whole app run: no script, style or socket blocked
    context.close()


def test_proxy_stopping_one_app_process_keeps_the_others_sessions_and_sends_new_visitors_to_the_live_one(
    cluster, chromium, bank, strings
):
    # find one visitor on each app process
    visitors = {}
    for k in range(40):
        context, page = visitor(chromium, cluster, f"route-{k}")
        page.goto(f"{cluster.url}/quiz?lang=en")
        expect(page.get_by_role("heading", name=strings("quiz.title", "en"))).to_be_visible()
        app = cluster.app_serving(f"route-{k}")
        if app.port in visitors:
            context.close()
            continue
        visitors[app.port] = (context, page)
        if len(visitors) == 2:
            break
    assert len(visitors) == 2, "the proxy spreads visitors over both processes"
    (kept_port, (_, kept)), (lost_port, (_, lost)) = visitors.items()
    answers = {item.id: 4 if item.kind != "situational" else 1 for item in bank.items}
    first = bank.screens[0]
    for page in (kept, lost):
        page.locator(f".st-key-quiz-card-{first[0].id} [data-testid=stRadioOption]").nth(
            answers[first[0].id] - 1
        ).click()
        expect(page.get_by_test_id("stProgress")).to_contain_text(f"1 of {len(bank.items)}")

    next(app for app in cluster.apps if app.port == lost_port).__exit__()

    # the visitor on the live process carries on as if nothing happened
    kept.locator(f".st-key-quiz-card-{first[1].id} [data-testid=stRadioOption]").nth(3).click()
    expect(kept.get_by_test_id("stProgress")).to_contain_text(f"2 of {len(bank.items)}")
    # a new visitor is sent to the live process
    context, newcomer = visitor(chromium, cluster, "newcomer-after-failure")
    newcomer.goto(f"{cluster.url}/?lang=en")
    expect(newcomer.get_by_role("heading", name=strings("home.title", "en"))).to_be_visible()
    assert cluster.proxy.upstream_of("newcomer-after-failure") == f"127.0.0.1:{kept_port}"
    # the visitor whose process stopped reloads and resumes from the answers in the link
    lost.reload()
    expect(lost.get_by_test_id("stProgress")).to_contain_text(f"1 of {len(bank.items)}")
    for context, _ in visitors.values():
        context.close()
