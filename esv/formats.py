"""An XML format the toolkit reads and writes with the same machinery: its namespace, version, root
elements (model classes described once, ``esv.binding``), the XSD that states it, and the rules the XSD
cannot state. The ESV is one (``esv.model.ESV``); the directory of the OCMW network is another."""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any

from lxml import etree

from esv.errors import Problem

Rules = Callable[[etree._Element, Collection[str]], list[Problem]]
"""The problems of a parsed root beyond its XSD, except at the paths already reported."""


@dataclass(frozen=True)
class XmlFormat:
    name: str
    """How the format is named in messages: ``ESV``."""
    namespace: str
    version: str
    roots: Mapping[str, type[Any]]
    schema_file: str
    """The XSD, in ``esv/schemas`` (which is ``schemas/``)."""
    rules: str | None = None
    """Where the rules beyond the XSD are, ``module:function`` (a ``Rules``), imported when first used."""

    def qualified(self, name: str) -> str:
        return f"{{{self.namespace}}}{name}"

    def root_names(self) -> str:
        return ", ".join(self.roots)

    def rule_problems(self, root: etree._Element, already_reported: Collection[str]) -> list[Problem]:
        return _rules(self.rules)(root, already_reported) if self.rules else []


@functools.cache
def _rules(where: str) -> Rules:
    module, name = where.split(":")
    rules: Rules = getattr(importlib.import_module(module), name)
    return rules
