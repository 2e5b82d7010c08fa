"""What one run of the app sends the browser: how many elements and how many bytes.

    sent = payload(at)   # after at.run()
    sent.elements, sent.bytes, sent.largest(3)

Every node of the run's element tree is one delta the browser receives: elements and the
blocks that hold them (columns, containers, expanders, tabs, forms), including those inside
collapsed expanders and unopened tabs, because the browser gets them all the same. The bytes
of a node are the size of its protocol message as sent: a chart's Vega-Lite spec together
with its Arrow datasets, a data frame's Arrow bytes, a Markdown element's text, a widget's
options. The three roots (main, sidebar, event) are not deltas and are not counted.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from streamlit.testing.v1 import AppTest


@dataclass
class Payload:
    """Elements and bytes one run sent, with the bytes per kind of element."""

    elements: int = 0
    bytes: int = 0
    bytes_by_kind: Counter[str] = field(default_factory=Counter)
    elements_by_kind: Counter[str] = field(default_factory=Counter)

    def largest(self, count: int = 3) -> list[tuple[str, int]]:
        """The kinds of element that sent the most bytes, most first."""
        return self.bytes_by_kind.most_common(count)

    def describe(self) -> str:
        kinds = ", ".join(f"{kind} {n}" for kind, n in self.elements_by_kind.most_common(4))
        heavy = ", ".join(f"{kind} {size:,} B" for kind, size in self.largest())
        return f"{self.elements} elements ({kinds}); {self.bytes:,} bytes ({heavy})"


def payload(at: AppTest) -> Payload:
    """The elements and bytes of everything the run of ``at`` sent the browser."""
    sent = Payload()
    for root in at._tree.children.values():
        for child in getattr(root, "children", {}).values():
            _count(child, sent)
    return sent


def _count(node: Any, sent: Payload) -> None:
    kind = getattr(node, "type", type(node).__name__)
    proto = getattr(node, "proto", None)
    size = proto.ByteSize() if proto is not None else 0
    sent.elements += 1
    sent.bytes += size
    sent.elements_by_kind[kind] += 1
    sent.bytes_by_kind[kind] += size
    for child in getattr(node, "children", {}).values():
        _count(child, sent)
