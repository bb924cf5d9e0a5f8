"""Exchange: REFI-QDA import/export and tabular exports.

- ``safezip``: untrusted archives and XML (zip slip, zip bombs, no DOCTYPE/entities).
- ``model``: plain data classes of a REFI-QDA project (``QdaProject`` …).
- ``qdpx_read`` / ``qdpx_write``: ``.qdpx``/``.qdc`` to and from the model; schema validation.
- ``bridge``: the model to and from our codebook, codings, documents and areas.
- ``tabular``: codings, code × area matrix and agreement as CSV/XLSX.
- ``commands``: ``synthesis export …``, ``synthesis import qdpx``, ``synthesis pseudonyms …``.

Positions in REFI-QDA selections are character positions in a source's plain text; we write
and read them as Python string indices (code points), the same offsets as our codings.
"""
