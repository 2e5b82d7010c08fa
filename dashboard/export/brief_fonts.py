"""Where the brief's font is: DejaVu Sans (Debian's fonts-dejavu-core, which .ci/run
installs) found by fontconfig's ``fc-match`` when it is there, else at Debian's path, else
none: then Typst sets the brief in the fonts embedded in its compiler and vl-convert draws
the charts in its own default font. Nothing is fetched."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from dashboard.runtime.programs import program_output

FONT_FAMILY = "DejaVu Sans"
FONT_FILE = "DejaVuSans.ttf"
DEBIAN_FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FALLBACK_FAMILY = "Libertinus Serif"  # embedded in Typst: the brief builds without DejaVu
FC_MATCH_SECONDS = 5


@dataclass(frozen=True)
class BriefFont:
    """The folder holding the brief's font (None: Typst's embedded fonts) and how it was
    found: 'fc-match', 'path' or 'embedded'."""

    directory: Path | None
    found_by: str

    @property
    def families(self) -> list[str]:
        """The font families the brief asks Typst for, first choice first."""
        return [FONT_FAMILY, FALLBACK_FAMILY] if self.directory else [FALLBACK_FAMILY]


@lru_cache(maxsize=1)
def brief_font() -> BriefFont:
    """The brief's font, looked up once per process."""
    matched = fc_match_dir(FONT_FAMILY)
    if matched is not None:
        return BriefFont(matched, "fc-match")
    if (DEBIAN_FONT_DIR / FONT_FILE).is_file():
        return BriefFont(DEBIAN_FONT_DIR, "path")
    return BriefFont(None, "embedded")


def fc_match_dir(family: str) -> Path | None:
    """The folder of ``family``'s regular face as fontconfig finds it, or None when
    fontconfig is absent, fails, or offers another family in its place."""
    found = program_output("fc-match", ["--format", "%{family}\n%{file}", family], FC_MATCH_SECONDS)
    lines = found.decode("utf-8", errors="replace").splitlines() if found is not None else []
    if len(lines) < 2:
        return None
    families = [name.strip() for name in lines[0].split(",")]
    path = Path(lines[1].strip())
    return path.parent if family in families and path.is_file() else None
