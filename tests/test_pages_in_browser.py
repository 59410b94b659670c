"""The report's pages in a real browser: every page renders in headless Chromium, its
key elements are visible and inside the window (no column pushed off to the right),
its images load, and nothing is logged as an error.

Skipped where Chromium is absent (CI's clean machine): `apt-get install -y chromium`.
"""

from __future__ import annotations

import html
import json
import re

import pytest

from analysis._chromium import INSTALL_HINT, dump_dom, find_chromium

pytestmark = pytest.mark.skipif(find_chromium() is None,
                                reason=f"headless Chromium not found: {INSTALL_HINT}")

WIDTH = 1280
# Runs before the page's own scripts: collects errors (scripts, failed loads, console
# errors) and, once the page has loaded, the boxes of the elements asked for.
HARNESS = """<script>(function () {
  var errors = [];
  window.addEventListener("error", function (event) {
    var target = event.target;
    if (target && target !== window && target.tagName) {
      errors.push("could not load " + target.tagName + " " + (target.src || target.href || ""));
    } else { errors.push("error: " + event.message); }
  }, true);
  window.addEventListener("unhandledrejection", function (event) {
    errors.push("unhandled rejection: " + event.reason);
  });
  var consoleError = console.error;
  console.error = function () {
    errors.push("console.error: " + Array.prototype.join.call(arguments, " "));
    return consoleError.apply(console, arguments);
  };
  window.addEventListener("load", function () { setTimeout(function () {
    var found = {};
    SELECTORS.forEach(function (selector) {
      found[selector] = Array.prototype.map.call(document.querySelectorAll(selector),
        function (node) {
          var box = node.getBoundingClientRect(), style = getComputedStyle(node);
          return {left: box.left + window.scrollX, right: box.right + window.scrollX,
                  width: box.width, height: box.height,
                  shown: style.visibility !== "hidden" && style.display !== "none",
                  loaded: node.tagName === "IMG" ? node.complete && node.naturalWidth > 0 : null,
                  text: (node.textContent || "").trim().slice(0, 60)};
        });
    });
    var pre = document.createElement("pre");
    pre.id = "analysis-check";
    pre.textContent = JSON.stringify({errors: errors, found: found, width: window.innerWidth,
                                      scroll_width: document.documentElement.scrollWidth});
    document.body.appendChild(pre);
  }, 0); });
})();</script>"""

PAGES = {
    "index.html": ["h1", ".input h2", ".numbers .number", "ul.pages a", ".thumbnails img",
                   "table.files th"],
    "01_article_overview.html": ["h1", "table.analysis-table th", "img"],
    "02_quotes_and_speakers.html": ["h1", "table.analysis-table th", ".analysis-quotes-text",
                                    "img"],
    "03_themes_and_terms.html": ["h1", "table.analysis-table th", "img"],
    "04_collection.html": ["h1", "table.analysis-table th", "img"],
    "02-quotes_view.html": ["h1", ".meta", ".analysis-quotes-text", ".analysis-quotes sup"],
}


def _check(page, selectors: list[str]) -> dict:
    """Render ``page`` (a copy with the harness, beside it so its links resolve)."""
    source = page.read_text(encoding="utf-8")
    harness = HARNESS.replace("SELECTORS", json.dumps(selectors))
    head = re.search(r"<head[^>]*>", source)
    at = head.end() if head else 0
    probe = page.with_name(f"_check-{page.name}")
    probe.write_text(source[:at] + harness + source[at:], encoding="utf-8")
    try:
        dom = dump_dom(probe, width=WIDTH)
    finally:
        probe.unlink()
    found = re.search(r'<pre id="analysis-check">(.*?)</pre>', dom, re.S)
    assert found, f"{page.name}: the page did not finish loading in Chromium"
    return json.loads(html.unescape(found.group(1)))


@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_renders_with_its_key_elements_visible_and_no_errors(seed_report, name):
    _check_page(seed_report[0], name)


@pytest.mark.parametrize("name", [n for n in PAGES if not n.startswith("04")])
def test_the_pages_of_an_article_of_single_newline_paragraphs(single_newline_report, name):
    _check_page(single_newline_report[0], name)


def _check_page(out, name: str) -> None:
    report = _check(out / name, PAGES[name])
    assert report["errors"] == [], f"{name}: {report['errors']}"
    for selector in PAGES[name]:
        boxes = report["found"][selector]
        assert boxes, f"{name}: no {selector}"
        for box in boxes:
            where = f"{name}: {selector} {box['text']!r}"
            assert box["shown"] and box["width"] > 0 and box["height"] > 0, f"{where} not shown"
            assert box["left"] >= 0 and box["right"] <= report["width"] + 1, (
                f"{where} off screen: {box['left']:.0f}-{box['right']:.0f} px of "
                f"{report['width']}")
            if box["loaded"] is not None:
                assert box["loaded"], f"{where}: image did not load"
    # the page itself does not scroll sideways
    assert report["scroll_width"] <= report["width"], f"{name} is wider than the window"
