"""A student's report as one standalone HTML page (``report -o ann.html``)."""

from __future__ import annotations

import html
from typing import Any

from markdown_it import MarkdownIt

from explainer.outputs.report import report_markdown

# The report's Markdown escapes every piece of text; raw HTML is refused all the same.
_RENDERER = MarkdownIt("commonmark", {"html": False}).disable("image")
STYLE = """
body { font-family: Georgia, serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.5; color: #111; background: #fff; }
h1, h2 { font-family: Helvetica, Arial, sans-serif; line-height: 1.2; }
"""


def report_html(reports: list[dict[str, Any]]) -> str:
    """The reports (one per attempt) as one page that loads nothing from elsewhere."""
    title = f"Report: {reports[0]['story']}" if reports else "Report"
    body = "\n".join(_RENDERER.render(report_markdown(report)) for report in reports)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        f"<title>{html.escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )
