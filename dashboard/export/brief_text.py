"""The brief as Markdown and as HTML: data text stays text in both.

Markdown: every markup character of data text is backslash-escaped (``textsafe``) and
the starts of bare links (``www.``, ``://``, ``@``) get a zero-width space, so no
renderer turns them into live links; the view's link is a code span. HTML: every text is
``html.escape``d; the charts are SVG images in ``<img>`` (a script in an image never runs).
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Callable

from dashboard.export.brief import Brief, Changes
from dashboard.ui.textsafe import escape_markdown

ZERO_WIDTH_SPACE = "\u200b"
_BARE_LINK = re.compile(r"(?i)(www)(\.)|(:)(//)")


def inert_markdown(text: object) -> str:
    """Data text as Markdown that shows exactly that text: no markup, no autolink."""
    broken = _BARE_LINK.sub(lambda m: ZERO_WIDTH_SPACE.join(g for g in m.groups() if g), str(text))
    broken = broken.replace("@", "@" + ZERO_WIDTH_SPACE)
    return escape_markdown(broken)


def brief_markdown(brief: Brief) -> str:
    """The brief as Markdown (the charts are in the PDF and the HTML brief)."""
    md = inert_markdown
    lines = [
        f"# {md(brief.title)}",
        "",
        f"**Data as of {md(brief.data_as_of)}** · brief made {md(brief.made_on)}  ",
        f"Filters: {md(brief.filters)}  ",
        f"Reopen this view: `{brief.link.replace('`', '%60')}`",
        "",
        "## Key figures",
        "",
        *[f"- {md(f.label)}: **{md(f.value)}** ({md(f.words)})" for f in brief.figures],
        "",
        md(brief.grades),
        "",
        "## What each side claims",
        "",
    ]
    for topic in brief.topics:
        lines += [f"**{md(topic.question)}**", ""]
        lines += [f"- {md(p.party)} {md(p.says)} · {md(p.grade)}" for p in topic.positions]
        if topic.more_parties:
            lines.append(f"- and {topic.more_parties} more parties")
        lines += ["", md(topic.status), ""]
    lines += [md(brief.topics_note), "", "## Crossings", ""]
    for c in brief.crossings:
        latest = f" · {md(c.latest)}" if c.latest else ""
        lines.append(f"- **{md(c.name)}**: **{md(c.status)}** {md(c.since)}{latest}")
    lines += ["", md(brief.crossings_note), ""]
    if brief.history:
        lines += ["## What changed between versions", ""]
        lines += [f"- {md(line)}" for line in brief.history] + [""]
    if brief.changes is not None:
        heading, sentence, items = _changes_parts(brief.changes, md)
        lines += [f"## {heading}", "", sentence, "", *[f"- {item}" for item in items], ""]
    lines += ["## Sources and their reliability", ""]
    lines += [
        f"- {md(s.title)} — {md(s.publisher)} · reliability {md(s.reliability)} · "
        f"{s.rows:,} rows in view"
        for s in brief.sources
    ]
    lines += ["", md(brief.sources_note), "", "## Charts", ""]
    lines += [f"- {md(note)}" for note in brief.chart_notes]
    lines += ["- The timeline and the map are in the PDF and the HTML brief.", ""]
    lines += [md(brief.limits), ""] if brief.limits else []
    return "\n".join(line for line in lines if line is not None)


def brief_html(brief: Brief, timeline_svg: str | None, map_svg: str | None) -> str:
    """The brief as one self-contained HTML page (no script, nothing fetched)."""
    e = _escaped
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(brief.title)}</title>",
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>{e(brief.title)}</h1>",
        f"<p><strong>Data as of {e(brief.data_as_of)}</strong> · brief made {e(brief.made_on)}"
        f"<br>Filters: {e(brief.filters)}<br>Reopen this view: <code>{e(brief.link)}</code></p>",
        '<ul class="figures">',
        *[
            f"<li>{e(f.label)}<br><strong>{e(f.value)}</strong><br><small>{e(f.words)}</small></li>"
            for f in brief.figures
        ],
        "</ul>",
        f"<p><small>{e(brief.grades)}</small></p>",
        "<h2>What each side claims</h2>",
    ]
    for topic in brief.topics:
        parts.append(f"<h3>{e(topic.question)}</h3><ul>")
        parts += [f"<li>{e(p.party)} {e(p.says)} · {e(p.grade)}</li>" for p in topic.positions]
        if topic.more_parties:
            parts.append(f"<li>and {topic.more_parties} more parties</li>")
        parts.append(f"</ul><p><small>{e(topic.status)}</small></p>")
    parts += [f"<p>{e(brief.topics_note)}</p>", "<h2>Crossings</h2><ul>"]
    for c in brief.crossings:
        latest = f" · {e(c.latest)}" if c.latest else ""
        parts.append(
            f"<li><strong>{e(c.name)}</strong>: <strong>{e(c.status)}</strong> "
            f"{e(c.since)}{latest}</li>"
        )
    parts += ["</ul>", f"<p>{e(brief.crossings_note)}</p>"]
    if brief.history:
        parts += ["<h2>What changed between versions</h2>", "<ul>"]
        parts += [f"<li>{e(line)}</li>" for line in brief.history] + ["</ul>"]
    if brief.changes is not None:
        heading, sentence, items = _changes_parts(brief.changes, e)
        parts += [f"<h2>{heading}</h2>", f"<p>{sentence}</p><ul>"]
        parts += [f"<li>{item}</li>" for item in items] + ["</ul>"]
    parts.append("<h2>Sources and their reliability</h2><ul>")
    parts += [
        f"<li>{e(s.title)} — {e(s.publisher)} · reliability {e(s.reliability)} · "
        f"{s.rows:,} rows in view</li>"
        for s in brief.sources
    ]
    parts += ["</ul>", f"<p>{e(brief.sources_note)}</p>"]
    for heading, svg, caption in (
        ("Timeline", timeline_svg, brief.timeline_caption),
        ("Map", map_svg, brief.map_caption),
    ):
        if svg is not None:
            parts += [
                f"<h2>{heading}</h2>",
                _image(svg, heading),
                f"<p><small>{e(caption)}</small></p>",
            ]
    parts += [f"<p><small>{e(note)}</small></p>" for note in brief.chart_notes]
    parts += [f"<p><small>{e(brief.limits)}</small></p>"] if brief.limits else []
    parts.append("</body></html>")
    return "\n".join(parts)


def _changes_parts(changes: Changes, escape: Callable[[object], str]) -> tuple[str, str, list[str]]:
    """'What changed since': its heading, its sentence and its list items, in the same
    words for Markdown and HTML (data text made safe by ``escape``)."""
    since = escape(changes.since)
    items = [escape(line) for line in [*changes.crossings, *changes.events]]
    if changes.more_events:
        items.append(f"and {changes.more_events:,} more events")
    figures = escape(" · ".join(changes.figures))
    sentence = f"{figures} dated on or after {since} (by the data's own dates)."
    return f"What changed since {since}", sentence, items


def _escaped(text: object) -> str:
    return html.escape(str(text), quote=True)


def _image(svg: str, name: str) -> str:
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    alt = f"{name} of the events in view"
    return f'<img alt="{alt}" src="data:image/svg+xml;base64,{data}">'


_STYLE = (
    "body{font-family:'DejaVu Sans',sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;"
    "font-size:0.95rem}ul.figures{display:flex;flex-wrap:wrap;gap:0.5rem;list-style:none;"
    "padding:0}ul.figures li{border:1px solid #999;border-radius:3px;padding:0.4rem;"
    "min-width:9rem}img{max-width:100%;height:auto}h3{font-size:1rem;margin-bottom:0.2rem}"
)
