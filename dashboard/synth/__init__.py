"""Invented data directories for tests and benchmarks."""
