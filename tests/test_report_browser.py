"""The HTML report in headless Chromium (Debian's package, driven by Playwright): flags are
highlighted, and hostile article text never runs as code."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from playwright.sync_api import sync_playwright

from newsqa.cli import main
from tests.conftest import SEED_GLOSSARY

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", "--disable-quic"]


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


def test_report_page_highlights_flags_and_escapes_hostile_text(browser, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NEWSQA_DATABASE_URL", f"sqlite:///{tmp_path / 'r.sqlite3'}")
    monkeypatch.setenv("NEWSQA_GLOSSARY", str(SEED_GLOSSARY))
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "evil.en.txt").write_text(
        'Fighters <img src=x onerror="window.pwned=1"> of Katiab Hezbollah crossed.\n'
        '<script>window.pwned=2</script> Sergei Kissel left. "><svg onload=window.pwned=3>')
    result = CliRunner().invoke(main, ["run", str(tmp_path / "in"), "--report", str(tmp_path / "r.html")])
    assert result.exit_code == 0, result.output
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(exc))
    page.goto((tmp_path / "r.html").as_uri())
    marks = page.locator("mark")
    assert marks.count() == 2
    assert sorted(marks.all_inner_texts()) == ["Katiab Hezbollah", "Sergei Kissel"]
    assert "near_miss" in marks.first.get_attribute("title")
    assert page.evaluate("window.pwned") is None and not errors
    assert page.locator("img, svg, script").count() == 0
    assert page.get_by_role("cell", name="Kataib Hezbollah", exact=True).count() == 1
    page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
