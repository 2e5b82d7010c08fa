"""Small pure modules: freshness, sources and quote spans, Markdown escaping, data dir."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from dashboard.analysis import glance, sources
from dashboard.analysis.display import events_table, table_counts
from dashboard.charts.palette import party_colors, status_label
from dashboard.contract.dataset import DEFAULT_DATA_DIR, Dataset
from dashboard.contract.loader import load_dataset
from dashboard.runtime.cache import load_fingerprint
from dashboard.runtime.config import ENV_VAR, resolve_data_dir
from dashboard.ui.textsafe import escape_markdown, highlight_markdown
from tests.colours import contrast_ratio
from tests.minidata import set_cell


def test_data_as_of_is_a_known_date_never_the_end_of_an_imprecise_range(
    rich_dataset: Dataset,
) -> None:
    tables = dict(rich_dataset.tables)
    events = tables["events"].copy()
    late = events.index[0]
    events.loc[late, "date_start"] = pd.Timestamp("2024-04-01")  # known only to the month
    events.loc[late, "date_end"] = pd.Timestamp("2024-04-30")
    tables["events"] = events
    assert glance.latest_known(tables) == (date(2024, 4, 1), "latest event start")
    assert glance.date_bounds(tables, date(2030, 1, 1))[1] == date(2024, 4, 30)  # reachable


def test_data_as_of_and_age(rich_dataset: Dataset) -> None:
    tables = rich_dataset.tables
    assert glance.data_as_of(tables) == date(2024, 3, 10)  # the monitor's report
    assert glance.latest_known(tables) == (date(2024, 3, 10), "latest publication")
    assert glance.earliest_date(tables) == date(1953, 1, 1)  # the armistice
    assert glance.date_bounds(tables, date(2030, 1, 1)) == (date(1953, 1, 1), date(2024, 3, 10))
    assert glance.age_words(date(2025, 10, 12), date(2026, 11, 24)) == "408 days ago"
    assert glance.age_words(date(2025, 10, 12), date(2025, 10, 13)) == "yesterday"
    assert glance.age_words(date(2025, 10, 12), date(2025, 10, 12)) == "today"
    assert glance.age_words(date(2025, 10, 12), date(2025, 10, 10)) == "in 2 days"


def test_verification_counts_cover_all_fact_tables(rich_dataset: Dataset) -> None:
    counts = glance.verification_counts(rich_dataset.tables)
    # events 2/3/2/1, claims 0/0/5/3, crossing reports 1/3/0/0
    assert counts == {"verified": 3, "reported": 6, "claimed": 7, "disputed": 4}
    assert sum(counts.values()) == 20
    assert glance.unverified_count(counts) == 17


def test_latest_events_newest_first(mini_dir: Path) -> None:
    events = load_dataset(mini_dir).tables["events"]
    assert list(glance.latest_events(events, 2)["event_id"]) == ["talks", "bridge-closed"]


def test_quote_spans_survive_whitespace_and_merge() -> None:
    document = "Alpha beta\n  gamma delta. Epsilon zeta."
    spans = sources.quote_spans(document, ["beta gamma", "gamma delta", "zeta", "missing"])
    assert [document[a:b] for a, b in spans] == ["beta\n  gamma delta", "zeta"]


def test_paragraphs_keep_local_spans() -> None:
    document = "First para quoted.\n\nSecond para here."
    spans = sources.quote_spans(document, ["para quoted", "Second"])
    paragraphs = sources.paragraphs_with_spans(document, spans)
    assert [(text, [text[a:b] for a, b in local]) for text, local in paragraphs] == [
        ("First para quoted.", ["para quoted"]),
        ("Second para here.", ["Second"]),
    ]


def test_source_frame_counts_rows_in_view_and_data(mini_dir: Path) -> None:
    tables = load_dataset(mini_dir).tables
    counts = sources.citation_counts(tables)
    frame = sources.sources_frame(tables["sources"], counts, counts)
    assert dict(zip(frame["source_id"], frame["rows_in_data"], strict=True)) == {
        "wire-1": 6,
        "radio-2": 1,
    }
    assert frame.loc[0, "reliability_meaning"] == "usually reliable"


def test_markdown_escaping_leaves_no_markup() -> None:
    hostile = "[click](http://evil) <img src=x onerror=alert(1)> **bold** :red[x] $x$"
    escaped = escape_markdown(hostile)
    for token in ("[", "]", "(", "<", ">", "*", ":", "$"):
        assert all(escaped[i - 1] == "\\" for i, c in enumerate(escaped) if c == token)
    # nothing else changes but an invisible word joiner after "http:" (no autolink)
    assert escaped.replace("\\", "").replace("\u2060", "") == hostile
    assert "http\\:\u2060" in escaped
    assert escape_markdown("two\nlines") == "two lines"


def test_highlight_wraps_only_the_spans() -> None:
    assert highlight_markdown("say [x] now", [(4, 7)]) == "say :orange-background[**\\[x\\]**] now"


def test_data_dir_from_arguments_environment_or_default(tmp_path: Path) -> None:
    assert resolve_data_dir(["--data-dir", str(tmp_path)], {}) == tmp_path
    assert resolve_data_dir([f"--data-dir={tmp_path}"], {ENV_VAR: "/elsewhere"}) == tmp_path
    assert resolve_data_dir([], {ENV_VAR: str(tmp_path)}) == tmp_path
    assert resolve_data_dir(["--other"], {}) == DEFAULT_DATA_DIR


def test_fingerprint_changes_when_a_table_changes(mini_dir: Path) -> None:
    before = load_fingerprint(mini_dir)
    set_cell(mini_dir, "events", 1, "title", "A longer title than before")
    assert load_fingerprint(mini_dir) != before


def test_events_table_and_counts(mini_dir: Path) -> None:
    dataset = load_dataset(mini_dir)
    tables = dataset.tables
    table = events_table(tables["events"], tables["parties"], tables["sources"])
    first = table.iloc[0]
    assert (first["actor"], first["target"], first["verification"]) == (
        "Northland",
        "Southland",
        "○ claimed",
    )
    assert first["link"] == "https://example.org/millford"
    assert table.iloc[1]["end"] == date(2024, 3, 5)
    counts = table_counts(dataset)
    assert counts["rows read"].sum() == 14 and counts["rows rejected"].sum() == 0


def test_party_colours_fill_gaps_from_the_palette() -> None:
    parties = pd.DataFrame(
        {"party_id": ["a", "b", "c"], "name": ["A", "B", "C"], "color": ["#0072B2", None, None]},
        dtype="str",
    )
    colors = party_colors({"parties": parties})
    assert colors.by_id["a"] == "#0072B2"
    assert colors.by_id["b"] == "#D55E00" and colors.by_id["c"] == "#CC79A7"
    assert status_label("closed") == "✖ Closed"


def test_every_palette_colour_has_contrast_on_light_and_dark_backgrounds() -> None:
    from dashboard.charts import palette

    colours = [
        *palette.PARTY_PALETTE,
        *palette.STATUS_COLORS.values(),
        palette.UNATTRIBUTED_COLOR,
        palette.OTHER_PARTIES_COLOR,
    ]
    for colour in colours:
        assert contrast_ratio(colour, palette.LIGHT_BACKGROUND) >= 3, colour
        assert contrast_ratio(colour, palette.DARK_BACKGROUND) >= 3, colour
    assert round(contrast_ratio("#000000", "#FFFFFF"), 1) == 21.0
    assert len(set(colours[: len(palette.PARTY_PALETTE)])) == len(palette.PARTY_PALETTE)
