"""Headless Chromium for the browser and print tests: Debian's Chromium driven by Playwright.

A test that needs it is skipped when Chromium or Playwright is missing, unless
SOCSTRAT_REQUIRE_BROWSER=1 (set by .ci/run): then a missing browser fails, so CI cannot
pass without running them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("SOCSTRAT_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
"""Without the background-networking flags Chromium keeps trying hosts this machine cannot reach."""


def unavailable(reason: str) -> None:
    if os.environ.get("SOCSTRAT_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}, and SOCSTRAT_REQUIRE_BROWSER=1 requires the browser tests to run")
    pytest.skip(reason)


def sync_playwright_or_skip() -> Callable[[], Any]:
    """Playwright's ``sync_playwright``, once Chromium and Playwright are known to be there."""
    if shutil.which(CHROMIUM) is None:
        unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright is not installed (pip install -e '.[dev]')")
    return sync_playwright


@contextmanager
def sealed_context(profile: Path, inside: str) -> Iterator[Any]:
    """A Chromium context with a fresh profile at 1280 px; every request whose URL does not start with
    ``inside`` is recorded in ``context.outside`` and aborted."""
    with sync_playwright_or_skip()() as driver:
        context = driver.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=FLAGS, viewport={"width": 1280, "height": 900},
        )
        context.outside = []

        def block(route: Any) -> None:
            context.outside.append(route.request.url)
            route.abort()

        context.route(lambda url: not url.startswith(inside), block)
        try:
            yield context
        finally:
            context.close()
