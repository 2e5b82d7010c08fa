"""What the user takes away: snapshots and spreadsheet-safe CSV."""
