"""Corpus: readers for each file format, the report parser, the Parquet store and pilot-area attribution.

>>> from synthesis.corpus import read_file, parse_document, ingest, open_store  # the public API
"""

from synthesis.corpus.encoding import DecodeError, decode_bytes
from synthesis.corpus.ingest import IngestReport, ingest
from synthesis.corpus.parser import ParsedReport, parse_document
from synthesis.corpus.readers import READERS, RawText, ReadError, read_file
from synthesis.corpus.store import Store, open_store

__all__ = [
    "DecodeError", "IngestReport", "ParsedReport", "READERS", "RawText", "ReadError", "Store",
    "decode_bytes", "ingest", "open_store", "parse_document", "read_file",
]
