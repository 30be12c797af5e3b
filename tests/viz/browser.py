"""Open a page in the system's headless Chromium through Playwright, recording everything that
could betray a problem: console errors, page errors, dialogs and network requests.

Playwright never downloads a browser here: it drives /usr/bin/chromium (or $KG_CHROMIUM),
which .ci/run installs from Debian.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("KG_CHROMIUM", "/usr/bin/chromium"))
# Offline and quiet: no background fetches, no updates, no QUIC, and no host name resolves.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND",
]


def chromium_or_skip() -> Path:
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's chromium (apt-get install chromium; .ci/run does)")
    return CHROMIUM


@contextmanager
def chromium(profile: Path, width: int = 1400, height: int = 900):
    """A headless Chromium with a fresh profile folder; yields a Playwright browser context."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=str(chromium_or_skip()),
            headless=True,
            args=FLAGS,
            viewport={"width": width, "height": height},
        )
        try:
            yield context
        finally:
            context.close()


@dataclass
class OpenedPage:
    page: object
    url: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def evaluate(self, script: str, arg=None):
        return self.page.evaluate(script, arg)

    def other_requests(self) -> list[str]:
        return [url for url in self.requests if url != self.url]


def open_page(context, path: Path, timeout_ms: int = 60_000) -> OpenedPage:
    """Load `path` and wait until the page says it is ready (drawn, and settled if it uses physics)."""
    page = context.new_page()
    opened = OpenedPage(page, path.resolve().as_uri())
    page.on("console", lambda m: opened.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: opened.page_errors.append(str(e)))
    page.on("request", lambda r: opened.requests.append(r.url))

    def on_dialog(dialog):
        opened.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(opened.url)
    # A selector, not wait_for_function: the page's CSP forbids the eval that polling uses.
    page.wait_for_selector("body[data-ready=true]", state="attached", timeout=timeout_ms)
    return opened


def wait_until(opened: OpenedPage, script: str, arg=None, timeout_s: float = 5.0):
    """Poll a JavaScript function until it returns something truthy."""
    import time

    deadline = time.monotonic() + timeout_s
    while True:
        value = opened.evaluate(script, arg)
        if value or time.monotonic() > deadline:
            return value
        opened.page.wait_for_timeout(50)
