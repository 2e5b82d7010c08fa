"""The running app's plumbing: data directory, clock, store, memo and warm-start cache."""
