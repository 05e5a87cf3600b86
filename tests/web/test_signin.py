"""Logging in and out as a person meets them: the login page of someone already logged in leads to
the answers and says who; the logout address opened as a page shows the logout button and logs
nobody out by itself (logging out is a form, with the session's token)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.web.web_world import SOCIAL_WORKER, WebWorld, browser, csrf_of, logged_in, web_world


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebWorld]:
    with web_world(tmp_path_factory.mktemp("signin")) as made:
        yield made


def test_the_login_page_of_someone_logged_in_leads_to_the_answers_and_says_who(world: WebWorld) -> None:
    worker = logged_in(world.pages, SOCIAL_WORKER)
    again = worker.get("/login")
    assert (again.status_code, again.headers["location"]) == (303, "/answers")
    assert "Ter info:</strong> U bent al aangemeld als an.peeters." in worker.get("/answers").text


def test_the_login_page_of_someone_not_logged_in_is_the_login_form(world: WebWorld) -> None:
    nobody = browser(world.pages)
    assert nobody.get("/login").status_code == 200
    worker = logged_in(world.pages, SOCIAL_WORKER)
    worker.post("/logout", data={"csrf_token": csrf_of(worker.get("/answers"))})
    form = worker.get("/login")
    assert form.status_code == 200 and 'action="/login"' in form.text


def test_the_logout_address_opened_as_a_page_shows_the_button_and_logs_nobody_out(world: WebWorld) -> None:
    worker = logged_in(world.pages, SOCIAL_WORKER)
    shown = worker.get("/logout")
    assert shown.status_code == 200 and "<h1>Afmelden</h1>" in shown.text
    assert "Aangemeld als an.peeters. Afmelden beëindigt uw sessies op alle toestellen." in shown.text
    assert shown.text.count('<form method="post" action="/logout"') == 2  # the page's own, and the header's
    assert worker.get("/answers").status_code == 200  # still logged in
    ended = worker.post("/logout", data={"csrf_token": csrf_of(shown)})
    assert ended.headers["location"] == "/login" and worker.get("/answers").status_code == 303


def test_the_logout_address_of_someone_not_logged_in_leads_to_the_login(world: WebWorld) -> None:
    response = browser(world.pages).get("/logout")
    assert (response.status_code, response.headers["location"]) == (303, "/login")
