"""Map geometry, apart from drawing: the extent of what is drawn, the projection that
suits it, the box the borders are clipped to, and the hexagons events are counted into
when there are too many to draw one by one (regular on the Mercator plane).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import shapely

from dashboard.analysis import eventcols
from dashboard.charts.palette import PartyColors

HEX_COLUMNS = 36  # hexagons across the wider side of the extent
MIN_SPAN_DEG = 2.0  # the smallest extent shown, so that a lone point has surroundings
PAD_SHARE = 0.12  # room around the data, as a share of its span
EQUAL_EARTH_SPAN = 60.0  # degrees of latitude (or twice that of longitude) for Equal Earth
CLIP_ASPECTS = (1.0, 3.0)  # chart width/height ratios the clipped borders must fill
MAX_LATITUDE = 85.0


@dataclass(frozen=True)
class Extent:
    """A box in degrees: west, south, east, north."""

    west: float
    south: float
    east: float
    north: float

    @property
    def width(self) -> float:
        return self.east - self.west

    @property
    def height(self) -> float:
        return self.north - self.south

    def box(self) -> shapely.Polygon:
        return shapely.box(self.west, self.south, self.east, self.north)


# --- extent and projection -------------------------------------------------------------------


def data_extent(lons: np.ndarray, lats: np.ndarray) -> Extent:
    """The box around the points with PAD_SHARE of room, at least MIN_SPAN_DEG wide and
    high, within the Mercator latitude limits."""
    west, east = float(np.min(lons)), float(np.max(lons))
    south, north = float(np.min(lats)), float(np.max(lats))
    pad_x = max((east - west) * PAD_SHARE, (MIN_SPAN_DEG - (east - west)) / 2, 0.0)
    pad_y = max((north - south) * PAD_SHARE, (MIN_SPAN_DEG - (north - south)) / 2, 0.0)
    return Extent(
        max(-180.0, west - pad_x),
        max(-MAX_LATITUDE, south - pad_y),
        min(180.0, east + pad_x),
        min(MAX_LATITUDE, north + pad_y),
    )


def projection_type(extent: Extent) -> str:
    """Mercator for a region (shapes true, as on familiar web maps); Equal Earth for a
    continent or the world (areas true, no giant poles)."""
    large = extent.height > EQUAL_EARTH_SPAN or extent.width > 2 * EQUAL_EARTH_SPAN
    return "equalEarth" if large else "mercator"


def clip_extent(extent: Extent) -> Extent:
    """The box the borders are clipped to: the extent widened so that a chart of any
    width/height ratio in CLIP_ASPECTS fitted to the extent stays covered."""
    x0, x1 = math.radians(extent.west), math.radians(extent.east)
    y0, y1 = mercator_y(extent.south), mercator_y(extent.north)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    half_w = max((x1 - x0) / 2, (y1 - y0) / 2 * CLIP_ASPECTS[1]) * 1.05
    half_h = max((y1 - y0) / 2, (x1 - x0) / 2 / CLIP_ASPECTS[0]) * 1.05
    limit = mercator_y(MAX_LATITUDE)
    return Extent(
        max(-180.0, math.degrees(cx - half_w)),
        mercator_latitude(max(-limit, cy - half_h)),
        min(180.0, math.degrees(cx + half_w)),
        mercator_latitude(min(limit, cy + half_h)),
    )


def mercator_y(latitude: float | np.ndarray) -> Any:
    """Latitude in degrees to y on the Mercator plane (radians)."""
    return np.log(np.tan(np.pi / 4 + np.radians(latitude) / 2))


def mercator_latitude(y: float | np.ndarray) -> Any:
    """y on the Mercator plane (radians) back to latitude in degrees."""
    return np.degrees(2 * np.arctan(np.exp(y)) - np.pi / 2)


# --- hexagons --------------------------------------------------------------------------------


def hexagons(
    drawn: pd.DataFrame, colors: PartyColors, extent: Extent, metric: str = "events"
) -> pd.DataFrame:
    """One row per hexagon with events: centre (lon, lat), events, verified events, the
    sum of known fatality figures and how many events have one, the three largest party
    groups in words, and ``value`` (events, or known fatalities: NaN when none is known).
    Hexagons are regular on the Mercator plane, HEX_COLUMNS across the extent."""
    radius = hex_radius(extent)
    x = np.radians(drawn["longitude"].to_numpy(dtype="float64"))
    y = mercator_y(
        np.clip(drawn["latitude"].to_numpy(dtype="float64"), -MAX_LATITUDE, MAX_LATITUDE)
    )
    q, r = _hex_round((math.sqrt(3) / 3 * x - y / 3) / radius, (2 / 3 * y) / radius)
    frame = pd.DataFrame(
        {
            "q": q,
            "r": r,
            "group": colors.groups(drawn["actor"]).to_numpy(),
            "verified": (drawn["verification"] == "verified").to_numpy(),
            "fatalities": eventcols.best_fatalities(drawn).to_numpy(),
        }
    )
    cells = eventcols.tally(frame, ["q", "r"], metric)
    cells["parties"] = (
        _top_groups(frame).reindex(pd.MultiIndex.from_frame(cells[["q", "r"]])).to_numpy()
    )
    cx = radius * math.sqrt(3) * (cells["q"] + cells["r"] / 2)
    cy = radius * 1.5 * cells["r"]
    cells["longitude"] = np.degrees(cx)
    cells["latitude"] = mercator_latitude(cy)
    cells["radius"] = radius
    return cells


def hex_radius(extent: Extent) -> float:
    """The circumradius of a hexagon on the Mercator plane (radians)."""
    width = math.radians(extent.width)
    height = mercator_y(extent.north) - mercator_y(extent.south)
    return max(width, height * 1.5) / (HEX_COLUMNS * math.sqrt(3))


def _hex_round(q: np.ndarray, r: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Fractional axial coordinates to the hexagon they fall in (cube rounding)."""
    s = -q - r
    rq, rr, rs = np.round(q), np.round(r), np.round(s)
    dq, dr, ds = np.abs(rq - q), np.abs(rr - r), np.abs(rs - s)
    fix_q = (dq > dr) & (dq > ds)
    fix_r = ~fix_q & (dr > ds)
    rq = np.where(fix_q, -rr - rs, rq)
    rr = np.where(fix_r, -rq - rs, rr)
    return rq.astype("int64"), rr.astype("int64")


def _top_groups(frame: pd.DataFrame) -> pd.Series:
    """'Government 120 · other parties 14 · Front 3' per hexagon (the three largest)."""
    sizes = frame.groupby(["q", "r", "group"]).size().rename("n").reset_index()
    sizes = sizes.sort_values(["q", "r", "n"], ascending=[True, True, False], kind="stable")
    top = sizes.groupby(["q", "r"]).head(3)
    top = top.assign(text=top["group"] + " " + top["n"].map("{:,}".format))
    return top.groupby(["q", "r"])["text"].agg(" · ".join)
