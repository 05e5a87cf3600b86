"""Where the shipped XSD lives, and reading it once."""

from __future__ import annotations

import contextlib
import functools
import importlib.resources
import threading
from pathlib import Path

from lxml import etree

SCHEMA_FILE = "esv-1.0.xsd"
_keep_open = contextlib.ExitStack()


@functools.cache
def schema_path(name: str = SCHEMA_FILE) -> Path:
    """A file-system path of a shipped XSD (its ``xs:import`` is resolved beside it)."""
    resource = importlib.resources.files("esv.schemas") / name
    return _keep_open.enter_context(importlib.resources.as_file(resource))


@functools.cache
def read_schema_tree(name: str = SCHEMA_FILE) -> etree._ElementTree:
    return etree.parse(str(schema_path(name)), etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False))


_per_thread = threading.local()


def compiled_schema(name: str = SCHEMA_FILE) -> etree.XMLSchema:
    """The compiled XSD, built once per thread: a validator keeps the error log of its last run,
    so threads (a service's workers) must not share one."""
    compiled: dict[str, etree.XMLSchema] = _per_thread.__dict__.setdefault("schemas", {})
    if name not in compiled:
        compiled[name] = etree.XMLSchema(read_schema_tree(name))
    return compiled[name]
