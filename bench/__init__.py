"""Benchmarks and the profiler (not part of the test run): python -m bench.NAME."""
