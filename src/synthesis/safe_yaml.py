"""YAML from files people and other tools wrote, read with limits: no alias bomb, no huge file.

PyYAML's safe loader never runs code, but an *alias bomb* (an anchor repeated through nine
levels of aliases, a "billion laughs") builds a structure of a billion leaves that exhausts
memory as soon as anything walks it, and a deeply nested or huge file does the same more
slowly. :func:`load_yaml` composes the document first, counts the nodes it would expand to
(each alias counted with everything it stands for) and refuses the document before building
any Python object when that count, the nesting depth or the text's size is over its limit.
Ordinary anchors and merges (``<<: *defaults``) stay allowed.

A date that does not exist (``date: 2022-13-45``) stays the text it was, rather than raising
from deep inside the loader: the caller's validation then names the field.

Limits (environment variables, read at each call):

- ``SYNTHESIS_YAML_MAX_MB`` (default 5): the largest YAML text read;
- ``SYNTHESIS_YAML_MAX_NODES`` (default 1,000,000): nodes after expanding aliases;
- ``SYNTHESIS_YAML_MAX_DEPTH`` (default 100): nesting of mappings and sequences.

>>> load_yaml("areas: [yala-bala]\\ndate: 2022-03-05", source="a.md")
{'areas': ['yala-bala'], 'date': datetime.date(2022, 3, 5)}
>>> load_yaml("date: 2022-13-45", source="a.md")
{'date': '2022-13-45'}
"""

from __future__ import annotations

import os
from typing import Any

import yaml

DEFAULT_MAX_MB = 5
DEFAULT_MAX_NODES = 1_000_000
DEFAULT_MAX_DEPTH = 100

_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser when PyYAML has it


class YAMLLimitError(yaml.YAMLError):
    """A YAML text refused before it was built: too big, too deep or an alias bomb."""


class SafeLoader(_BASE):  # type: ignore[misc, valid-type]
    """PyYAML's safe loader (C parser when built) whose timestamps never raise."""


def _lenient_timestamp(loader: yaml.BaseLoader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):  # 2022-13-45, 2022-02-30: kept as the text written
        return loader.construct_scalar(node)


SafeLoader.add_constructor("tag:yaml.org,2002:timestamp", _lenient_timestamp)


def _limit(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


def limits() -> dict[str, int]:
    """The limits in force: ``max_bytes``, ``max_nodes``, ``max_depth``.

    >>> limits()["max_depth"] >= 1
    True
    """
    return {"max_bytes": int(_limit("SYNTHESIS_YAML_MAX_MB", DEFAULT_MAX_MB) * 1024 * 1024),
            "max_nodes": int(_limit("SYNTHESIS_YAML_MAX_NODES", DEFAULT_MAX_NODES)),
            "max_depth": int(_limit("SYNTHESIS_YAML_MAX_DEPTH", DEFAULT_MAX_DEPTH))}


def load_yaml(text: str | bytes, source: str = "<yaml>", loader: type | None = None) -> Any:
    """Parse one YAML document safely; raises :class:`yaml.YAMLError` (or
    :class:`YAMLLimitError`, its subclass) with ``source`` and the limit in the message.

    ``loader`` is a subclass of PyYAML's ``SafeLoader``/``CSafeLoader`` (default
    :class:`SafeLoader`), for callers that add constructors (the codebook's line numbers).

    >>> bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\\n" + "".join(
    ...     f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 10) + "]\\n"
    ...     for i in range(8))
    >>> load_yaml(bomb, source="sidecar.meta.yaml")
    Traceback (most recent call last):
    ...
    synthesis.safe_yaml.YAMLLimitError: sidecar.meta.yaml: YAML refused: its aliases expand to more than 1000000 nodes (an alias bomb?; limit SYNTHESIS_YAML_MAX_NODES)
    """
    bounds = limits()
    size = len(text.encode("utf-8", "surrogateescape") if isinstance(text, str) else text)
    if size > bounds["max_bytes"]:
        raise YAMLLimitError(f"{source}: YAML refused: {size / 1048576:.1f} MB is over the "
                             f"{bounds['max_bytes'] / 1048576:g} MB limit (SYNTHESIS_YAML_MAX_MB)")
    instance = (loader or SafeLoader)(text)
    try:
        node = instance.get_single_node()
        if node is None:
            return None
        _check_expansion(node, source, bounds["max_nodes"], bounds["max_depth"])
        try:
            return instance.construct_document(node)
        except (ValueError, TypeError, OverflowError, RecursionError) as error:
            raise yaml.YAMLError(f"{source}: YAML value not usable ({type(error).__name__}: {error})") from None
    finally:
        instance.dispose()


def _check_expansion(root: yaml.Node, source: str, max_nodes: int, max_depth: int) -> None:
    """Refuse a node graph that expands past ``max_nodes`` or nests past ``max_depth``."""
    sizes: dict[int, int] = {}  # id(node) -> expanded size, each shared node counted once here
    visiting: set[int] = set()

    def size_of(node: yaml.Node, depth: int) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if depth > max_depth:
            raise YAMLLimitError(f"{source}: YAML refused: nested more than {max_depth} levels deep "
                                 "(limit SYNTHESIS_YAML_MAX_DEPTH)")
        if key in visiting:
            raise YAMLLimitError(f"{source}: YAML refused: an alias refers to itself (a recursive structure)")
        visiting.add(key)
        total = 1
        if isinstance(node, yaml.SequenceNode):
            for child in node.value:
                total += size_of(child, depth + 1)
                if total > max_nodes:
                    break
        elif isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                total += size_of(key_node, depth + 1) + size_of(value_node, depth + 1)
                if total > max_nodes:
                    break
        visiting.discard(key)
        if total > max_nodes:
            raise YAMLLimitError(f"{source}: YAML refused: its aliases expand to more than {max_nodes} "
                                 "nodes (an alias bomb?; limit SYNTHESIS_YAML_MAX_NODES)")
        sizes[key] = total
        return total

    size_of(root, 0)
