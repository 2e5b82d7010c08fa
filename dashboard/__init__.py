"""Situational-awareness dashboard for curated conflict event tables."""
