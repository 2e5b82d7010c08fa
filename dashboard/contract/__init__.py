"""The data contract: its tables and rules, and loading a data directory under them."""
