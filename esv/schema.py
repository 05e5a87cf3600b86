"""The XSD layer of reading: lxml's validation against ``schemas/esv-1.0.xsd``, every error at once,
each turned into a sentence a person understands."""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml import etree

from esv.errors import Problem
from esv.formats import XmlFormat
from esv.model import ESV
from esv.paths import element_path
from esv.schemafile import compiled_schema

_PREFIX = re.compile(r"^Element '(?P<element>[^']*)'(?:, attribute '(?P<attribute>[^']*)')?: ")

AMOUNT = "an amount is a number of euro of at least 0 with at most 2 decimals, written like 1234.50"
PATTERNS = {
    "[0-9]{11}": "an INSZ/NISS or BIS number is 11 digits, without dots, dashes or spaces",
    "[01][0-9]{9}": "a KBO/BCE number is 10 digits starting with 0 or 1, without dots or spaces",
    r"[A-Za-z0-9._:\-]{1,64}": "a request id is 1 to 64 letters, digits or . _ : -",
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?(Z|[+\-][0-9]{2}:[0-9]{2})": (
        "a date and time is written like 2024-03-01T10:15:00+01:00, with its time zone"
    ),
    r"[0-9]+(\.[0-9]{1,2})?": AMOUNT,
    "[0-9a-fA-F]{64}": "a SHA-256 digest is 64 hexadecimal characters",
    "[0-9]{4}-[0-9]{2}-[0-9]{2}": "a date is written like 2016-04-11, without a time zone",
}
ATOMIC_TYPES = {
    "xs:date": "is not an existing date written like 2016-04-11",
    "DateType": "is not an existing date written like 2016-04-11",
    "InstantType": "is not an existing date and time written like 2024-03-01T10:15:00+01:00",
    "AmountType": f"is not an amount: {AMOUNT}",
    "AidCategoryType": "is not a category: use 1, 2 or 3",
    "xs:dateTime": "is not a date and time; write it like 2024-03-01T10:15:00+01:00",
    "xs:boolean": "is not true or false",
    "xs:positiveInteger": "is not a whole number of at least 1",
    "xs:nonNegativeInteger": "is not a whole number of at least 0",
    "xs:integer": "is not a whole number",
    "xs:decimal": f"is not an amount: {AMOUNT}",
    "xs:base64Binary": "is not valid base64 content",
}


def schema_problems(tree: etree._ElementTree, fmt: XmlFormat = ESV) -> list[Problem]:
    """All the ways the document breaks the XSD of its format; empty when it is valid."""
    root = tree.getroot()
    name = etree.QName(root)
    if name.namespace != fmt.namespace:
        return [
            Problem(
                root.sourceline,
                f"/{name.localname}",
                f"the root element is in {_namespace(name.namespace)}; {fmt.name} documents are {fmt.root_names()} "
                f'in namespace {fmt.namespace} (xmlns="{fmt.namespace}")',
            )
        ]
    schema = compiled_schema(fmt.schema_file)
    if schema.validate(tree):
        return []
    problems = []
    prefixes = _prefixes(root)
    for entry in schema.error_log:
        path, message = _humanize(entry, element_path(_element_at(tree, entry.path, prefixes)), fmt)
        problems.append(Problem(entry.line, path, message))
    return list(dict.fromkeys(problems))


def _prefixes(root: etree._Element) -> dict[str, str]:
    """The namespace prefixes a document declares, which libxml2 uses in the paths of its errors."""
    return {prefix: uri for node in root.iter(etree.Element) for prefix, uri in node.nsmap.items() if prefix}


def _element_at(tree: etree._ElementTree, path: str | None, prefixes: dict[str, str]) -> etree._Element:
    try:
        found = tree.xpath(path, namespaces=prefixes) if path else None
    except etree.XPathError:
        found = None
    if isinstance(found, list) and found and isinstance(found[0], etree._Element):
        return found[0]
    return tree.getroot()


def _humanize(entry: etree._LogEntry, path: str, fmt: XmlFormat) -> tuple[str, str]:
    prefix = _PREFIX.match(entry.message)
    if prefix and (clash := _namespace_clash(entry.message[prefix.end() :], prefix.group("element"), fmt)):
        return path, clash
    raw = entry.message.replace(f"{{{fmt.namespace}}}", "")
    prefix = _PREFIX.match(raw)
    text = raw[prefix.end() :] if prefix else raw
    if prefix and prefix.group("attribute"):
        path = f"{path}/@{prefix.group('attribute')}"
    found = etree.QName(prefix.group("element")).localname if prefix else ""
    for pattern, explain in _SENTENCES:
        match = pattern.search(text)
        if match:
            return path, explain(match).replace("{found}", found).replace("{roots}", fmt.root_names())
    return path, text.rstrip(".")


_NOT_EXPECTED = re.compile(r"^This element is not expected\. Expected is(?: one of)? \( (?P<names>.*) \)")


def _namespace_clash(text: str, found: str, fmt: XmlFormat) -> str | None:
    """Where the element found has the name of one expected but another namespace, the sentence
    naming both namespaces (else "expected RequestId here, found RequestId" would say nothing)."""
    match = _NOT_EXPECTED.match(text)
    if match is None:
        return None
    given = etree.QName(found)
    for name in (etree.QName(name.strip()) for name in match["names"].split(",")):
        if name.localname == given.localname and name.namespace != given.namespace:
            hint = (
                "a prefix on the root element does not carry over to the elements inside it: write "
                f'xmlns="{fmt.namespace}" on the root, or the same prefix on every element'
                if given.namespace is None
                else f"every element of an {fmt.name} document is in namespace {fmt.namespace}"
            )
            return (
                f"expected {name.localname} in {_namespace(name.namespace)} here, found {given.localname} in "
                f"{_namespace(given.namespace)}; {hint}"
            )
    return None


def _namespace(uri: str | None) -> str:
    return f"namespace {uri}" if uri else "no namespace"


def _pattern(match: re.Match[str]) -> str:
    reason = PATTERNS.get(match["pattern"], f"it must match the pattern {match['pattern']}")
    return f"{match['value']!r} is not allowed: {reason}"


def _expected(match: re.Match[str]) -> str:
    return " or ".join(name.strip() for name in match["names"].split(","))


_SENTENCES: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (
        re.compile(r"\[facet 'pattern'\] The value '(?P<value>.*)' is not accepted by the pattern '(?P<pattern>.*)'"),
        _pattern,
    ),
    (
        re.compile(r"\[facet '(fractionDigits|minInclusive|totalDigits)'\] The value '(?P<value>.*?)'"),
        lambda m: f"{m['value']!r} is not allowed: {AMOUNT}",
    ),
    (
        re.compile(r"\[facet 'enumeration'\] The value '(?P<value>.*)' is not an element of the set \{(?P<set>.*)\}"),
        lambda m: f"{m['value']!r} is not allowed; use one of: {m['set'].replace(chr(39), '')}",
    ),
    (
        re.compile(r"\[facet 'maxLength'\] The value has a length of '(?P<n>\d+)'.*maximum length of '(?P<max>\d+)'"),
        lambda m: f"the text is {m['n']} characters long; at most {m['max']} are allowed",
    ),
    (
        re.compile(r"\[facet 'minLength'\] The value has a length of '(?P<n>\d+)'.*minimum length of '(?P<min>\d+)'"),
        lambda m: f"the text is {m['n']} characters long; at least {m['min']} are needed",
    ),
    (
        re.compile(r"'(?P<value>.*)' is not a valid value of the (?:atomic|local atomic) type '(?P<type>[^']*)'"),
        lambda m: f"{m['value'][:80]!r} {ATOMIC_TYPES.get(m['type'], 'is not a valid ' + m['type'])}",
    ),
    (_NOT_EXPECTED, lambda m: f"expected {_expected(m)} here, found {{found}}"),
    (
        re.compile(r"^This element is not expected\."),
        lambda m: "{found} is not allowed here: nothing more is expected at this place",
    ),
    (
        re.compile(r"^Missing child element\(s\)\. Expected is(?: one of)? \( (?P<names>.*) \)"),
        lambda m: f"incomplete: {_expected(m)} is missing here",
    ),
    (
        re.compile(r"does not match the fixed value constraint '(?P<fixed>.*)'"),
        lambda m: (
            f"must be {m['fixed']!r} (this is the ESV format {m['fixed']})"
            if m["fixed"] == "1.0"
            else f"must be {m['fixed']!r}"
        ),
    ),
    (
        re.compile(r"The attribute '(?P<name>.*)' is required but missing"),
        lambda m: f"the attribute {m['name']} is required but missing",
    ),
    (
        re.compile(r"The attribute '(?P<name>.*)' is not allowed"),
        lambda m: f"the attribute {m['name']} is not part of the format",
    ),
    (
        re.compile(r"Duplicate key-sequence \['(?P<value>.*)'\] in unique identity-constraint '.*DecisionNumber'"),
        lambda m: f"decision number {m['value']} is used twice in this dossier; each decision needs its own number",
    ),
    (
        re.compile(r"Character content other than whitespace is not allowed"),
        lambda m: "text is not allowed directly in this element, only child elements",
    ),
    (
        re.compile(r"No matching global declaration available for the validation root"),
        lambda m: "this is not a root of the format; expected {roots}",
    ),
]
