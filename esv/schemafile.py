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
def schema_path() -> Path:
    """A file-system path of ``esv-1.0.xsd`` (its ``xs:import`` is resolved beside it)."""
    resource = importlib.resources.files("esv.schemas") / SCHEMA_FILE
    return _keep_open.enter_context(importlib.resources.as_file(resource))


@functools.cache
def read_schema_tree() -> etree._ElementTree:
    return etree.parse(str(schema_path()), etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False))


_per_thread = threading.local()


def compiled_schema() -> etree.XMLSchema:
    """The compiled XSD, built once per thread: a validator keeps the error log of its last run,
    so threads (a service's workers) must not share one."""
    schema: etree.XMLSchema | None = getattr(_per_thread, "schema", None)
    if schema is None:
        schema = _per_thread.schema = etree.XMLSchema(read_schema_tree())
    return schema
