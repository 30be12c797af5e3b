"""kg.child: work that may not end runs in a child process that is killed at its time limit,
and a child that dies is reported and replaced. Driven through kg.pages, the real child."""

import threading

import pytest

from kg.child import Child, ChildDied, ChildTimeout

ARTICLE = "<article><p>" + "Rebels seized the town of Kilmora on Monday, officials said. " * 4 + "</p></article>"


def page(body: str) -> str:
    return f"<html><head><title>t</title></head><body>{body}</body></html>"


def test_a_child_that_dies_while_reading_is_reported_and_replaced():
    slow = page(ARTICLE + "".join(f"<div>item {n}</div>\n" for n in range(20_000)))
    with Child("kg.pages") as child:
        assert "Kilmora" in child.ask(page(ARTICLE), timeout=60)["text"]
        # Killed mid-page, as the kernel's memory killer would.
        threading.Timer(0.3, child._process.kill).start()
        with pytest.raises(ChildDied, match=r"the kg.pages process ended without answering \(exit code -9\)"):
            child.ask(slow, timeout=60)
        assert "Kilmora" in child.ask(page(ARTICLE), timeout=60)["text"]


def test_a_child_that_outlives_its_time_is_killed():
    with Child("kg.pages") as child:
        child.ask(page(ARTICLE), timeout=60)  # started and warm
        process = child._process
        slow = page(ARTICLE + "".join(f"<div>item {n}</div>\n" for n in range(20_000)))
        with pytest.raises(ChildTimeout, match=r"still working after 0\.5 s"):
            child.ask(slow, timeout=0.5)
        assert process.poll() is not None, "the busy child was killed, not left running"
