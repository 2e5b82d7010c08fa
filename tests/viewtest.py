"""Streamlit's AppTest on ONE view of the dashboard, or on the whole app, and readers of
what a run shows.

    at = run_view("claims", data_dir, Filters(parties=("south",)))
    texts(at), subheaders(at), metric(at, "Verified facts"), at.dataframe[0].value,
    chart_titles(at), chart_specs(at) ...

``run_view`` builds the view's Page with ``dashboard.query.page.build_page`` (the data directory
loaded, the filters applied, ``today`` fixed) and calls ``dashboard.ui.<view>.render`` on
it: no sidebar, no view bar, no title. ``view_app`` returns that AppTest before its first
run, for a test that sets session state or widgets first.

``run_app(params, data_dir, today)`` runs the whole ``dashboard/app.py`` with link
parameters; it sets DASHBOARD_DATA_DIR and DASHBOARD_TODAY for the app, so a test module
using it restores them (see the ``app_environment`` fixture in tests/conftest.py).
"""

from __future__ import annotations

import json
import os
import re
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
from streamlit.testing.v1 import AppTest

from dashboard.contract.dataset import PROJECT_ROOT
from dashboard.query.filters import Filters
from dashboard.runtime.clock import TODAY_VAR
from dashboard.runtime.config import ENV_VAR as DATA_DIR_VAR

APP = str(PROJECT_ROOT / "dashboard" / "app.py")

TODAY = date(2024, 3, 20)  # "today" of the view tests: after every date of the mini data
TIMEOUT_S = 60  # generous: two shared cores


def render_view(view: str, data_dir: str, filters: object, today: object) -> None:
    """The AppTest script: one view's renderer on the page of ``data_dir`` and ``filters``.

    AppTest runs this function's source as a script of its own (without ``from __future__
    import annotations``), so it imports what it needs itself and its annotations name
    builtins only."""
    import importlib

    from dashboard.contract.loader import load_dataset
    from dashboard.query.page import build_page

    module = importlib.import_module(f"dashboard.ui.{view}")
    module.render(build_page(load_dataset(data_dir), filters, today))


def view_app(
    view: str, data_dir: Path, filters: Filters | None = None, today: date = TODAY
) -> AppTest:
    """An AppTest of ``view`` alone on ``data_dir`` (not yet run)."""
    return AppTest.from_function(
        render_view,
        args=(view, str(data_dir), filters or Filters(), today),
        default_timeout=TIMEOUT_S,
    )


def run_view(
    view: str, data_dir: Path, filters: Filters | None = None, today: date = TODAY
) -> AppTest:
    """``view`` alone on ``data_dir`` after its first run, which raised nothing."""
    at = view_app(view, data_dir, filters, today).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def run_app(
    params: dict[str, list[str] | str] | None = None,
    data_dir: Path | None = None,
    today: date | None = TODAY,
) -> AppTest:
    """The whole dashboard on ``data_dir`` (data/ when None) with these link parameters,
    after its first run, which raised nothing. ``today=None`` leaves the real clock."""
    os.environ.pop(DATA_DIR_VAR, None)
    os.environ.pop(TODAY_VAR, None)
    if data_dir is not None:
        os.environ[DATA_DIR_VAR] = str(data_dir)
    if today is not None:
        os.environ[TODAY_VAR] = today.isoformat()
    at = AppTest.from_file(APP, default_timeout=TIMEOUT_S)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def sidebar_caption(at: AppTest) -> str:
    """The sidebar's filters in words, e.g. 'all parties · all dates · … · 7 of 7 rows'."""
    return shown(at.sidebar.caption[0].value)


def sidebar_captions(at: AppTest) -> str:
    """Every caption of the sidebar as displayed, one per line."""
    return "\n".join(shown(caption.value) for caption in at.sidebar.caption)


def shown(markdown: str) -> str:
    """What escaped Markdown displays: every backslash escape undone."""
    return re.sub(r"\\(.)", r"\1", markdown)


def texts(at: AppTest) -> list[str]:
    """Every st.text line, in order."""
    return [t.value for t in at.text]


def captions(at: AppTest) -> list[str]:
    """Every caption as displayed (escapes undone), in order."""
    return [shown(c.value) for c in at.caption]


def subheaders(at: AppTest) -> list[str]:
    return [shown(s.value) for s in at.subheader]


def metric(at: AppTest, label: str) -> Any:
    """The metric with this label (StopIteration when there is none)."""
    return next(m for m in at.metric if m.label == label)


def badges(at: AppTest) -> list[str]:
    """st.badge elements as their Markdown source, e.g. ':red-badge[✖ Closed]'."""
    return [m.value for m in at.markdown if "-badge[" in m.value]


def chart_specs(at: AppTest) -> list[dict[str, Any]]:
    """The Vega-Lite spec of every chart the run drew, as sent to the browser."""
    return [json.loads(node.proto.spec) for node in _nodes(at._tree, "vega_lite_chart")]


def chart_titles(at: AppTest) -> list[str]:
    """The title of every chart the run drew, in order."""
    return [_title(spec) for spec in chart_specs(at)]


def chart_data(at: AppTest, title: str) -> list[pd.DataFrame]:
    """The rows the chart titled ``title`` sends to the browser (one frame per dataset)."""
    for node in _nodes(at._tree, "vega_lite_chart"):
        if _title(json.loads(node.proto.spec)) == title:
            return [
                pa.ipc.open_stream(data.data.data).read_all().to_pandas()
                for data in node.proto.datasets
            ]
    raise LookupError(f"no chart titled {title!r} in {chart_titles(at)}")


def full_specs(at: AppTest) -> list[dict[str, Any]]:
    """Every chart's specification with its datasets put back (Streamlit sends named
    datasets apart from the spec, as Arrow), so spec readers see what the browser draws."""
    specs = []
    for node in _nodes(at._tree, "vega_lite_chart"):
        spec = json.loads(node.proto.spec)
        spec.setdefault("datasets", {}).update(
            {
                data.name: pa.ipc.open_stream(data.data.data).read_all().to_pylist()
                for data in node.proto.datasets
            }
        )
        specs.append(spec)
    return specs


def _title(spec: dict[str, Any]) -> str | None:
    title = spec.get("title")
    text = title.get("text") if isinstance(title, dict) else title
    return " ".join(text) if isinstance(text, list) else text  # a wrapped title's lines


def _nodes(node: Any, kind: str) -> list[Any]:
    found = [node] if getattr(node, "type", None) == kind else []
    for child in getattr(node, "children", {}).values():
        found += _nodes(child, kind)
    return found
