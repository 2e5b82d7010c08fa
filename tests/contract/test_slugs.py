"""Slugs: ids the contract accepts, and ASCII names made from titles."""

from __future__ import annotations

from dashboard.contract.slugs import ascii_slug, is_slug, package_name


def test_slug_rules() -> None:
    assert is_slug("afg-1") and not is_slug("-afg") and not is_slug("Afg")
    assert package_name("My Data (2025)") == "my-data--2025"
    assert ascii_slug("Riverland–Hillmark clashes (2025)") == "riverland-hillmark-clashes-2025"
    assert ascii_slug("پښتو") == "dataset"
