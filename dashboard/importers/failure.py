"""The importers' one exception: the file cannot be imported at all."""

from __future__ import annotations


class ImportFailure(Exception):
    """The file cannot be imported at all (unreadable, too large, not UTF-8, not the
    layout, bad options, an output folder it may not write): nothing is written."""
