"""The Thai text layer: pure functions from strings to spans (no file I/O)."""
