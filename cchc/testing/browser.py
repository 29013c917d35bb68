"""Browser-test parts: Debian's chromium through Playwright, at desktop and phone width, and the axe-core check.

Set CCHC_SCREENSHOTS=/some/dir to keep the screenshots `shot` takes.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

SHOTS = os.environ.get("CCHC_SCREENSHOTS", "")
CHROMIUM = "/usr/bin/chromium"
AXE = Path(settings.BASE_DIR) / "tools" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
DESKTOP = {"width": 1360, "height": 900}
PHONE = {"width": 390, "height": 844}  # a common phone in portrait


@contextmanager
def chromium_page(viewport: dict[str, int] = DESKTOP, **context_options: Any) -> Iterator[Any]:
    """A fresh page of a headless chromium (Vietnamese locale), closed afterwards."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
            headless=True,
        )
        options = {"viewport": viewport, "locale": "vi-VN", **context_options}
        if viewport["width"] < 600:
            options.setdefault("is_mobile", True)
            options.setdefault("has_touch", True)
            options.setdefault("device_scale_factor", 2)
        context = browser.new_context(**options)
        context.set_default_timeout(15000)
        try:
            yield context.new_page()
        finally:
            browser.close()


def shot(page: Any, name: str) -> None:
    """Keep a full-page screenshot in $CCHC_SCREENSHOTS, when set."""
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def serious_accessibility_issues(page: Any) -> list[str]:
    """Run axe-core on the page as it is now; the serious and critical violations, one line each (empty: none).

    axe-core is installed from npm by `make axe` (tools/axe). It is evaluated through the DevTools protocol, which
    the site's Content-Security-Policy (no inline scripts) does not apply to, so the page is tested as served.
    """
    if not AXE.exists():
        pytest.fail(f"axe-core is not installed ({AXE}): run `make axe`")
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    lines = []
    for violation in result["violations"]:
        if violation["impact"] in ("serious", "critical"):
            targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
            lines.append(f"{violation['impact']}: {violation['id']} ({violation['help']}) at {targets}")
    return lines


def assert_accessible(page: Any) -> None:
    issues = serious_accessibility_issues(page)
    assert not issues, f"{page.url}:\n" + "\n".join(issues)


def sideways_overflow(page: Any) -> int:
    """How many pixels the page is wider than the window (0 or less: it fits; a phone must never scroll sideways)."""
    return int(page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth"))


def assert_fits(page: Any) -> None:
    """The page is no wider than the window (1 px of rounding allowed)."""
    wide = sideways_overflow(page)
    assert wide <= 1, f"{page.url}: {wide}px wider than the window"


def follow(page: Any, locator: Any) -> None:
    """Click a link or button that opens another page, and wait until that page has loaded."""
    with page.expect_navigation():
        locator.click()
    page.wait_for_load_state("networkidle")
