"""What each view computes from the filtered tables (plain pandas, no charts)."""
