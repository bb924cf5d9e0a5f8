"""Corpus: readers for each file format, the report parser, the Parquet store and pilot-area attribution."""
