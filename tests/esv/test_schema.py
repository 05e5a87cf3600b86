"""The XSD is complete: every element and attribute is labelled in Dutch and French, and the Python
enums are exactly its enumerations."""

from __future__ import annotations

import pytest
from lxml import etree

from esv.codes import ENUMS
from esv.labels import schema_labels
from esv.schemafile import compiled_schema, read_schema_tree
from ground.lang import LANGS

XS = "http://www.w3.org/2001/XMLSchema"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def declarations(tag: str) -> list[etree._Element]:
    return [node for node in read_schema_tree().getroot().iter(f"{{{XS}}}{tag}") if node.get("name")]


@pytest.mark.parametrize("node", declarations("element") + declarations("attribute"), ids=lambda n: n.get("name"))
def test_every_element_and_attribute_has_a_dutch_and_a_french_label(node: etree._Element) -> None:
    docs = {
        doc.get(XML_LANG): (doc.text or "").strip()
        for doc in node.iterfind(f"{{{XS}}}annotation/{{{XS}}}documentation")
    }
    assert set(docs) == {"nl", "fr"}
    assert all(docs.values())


@pytest.mark.parametrize("enum", ENUMS, ids=lambda e: e.__name__)
def test_enum_values_are_the_schema_enumeration(enum: type) -> None:
    simple_type = next(node for node in declarations("simpleType") if node.get("name") == f"{enum.__name__}Type")
    in_schema = [node.get("value") for node in simple_type.iter(f"{{{XS}}}enumeration")]
    assert in_schema == [str(member.value) for member in enum]  # type: ignore[attr-defined]


@pytest.mark.parametrize("enum", ENUMS, ids=lambda e: e.__name__)
@pytest.mark.parametrize("lang", LANGS)
def test_every_enum_member_has_a_label(enum: type, lang: str) -> None:
    labels = [member.label(lang) for member in enum]  # type: ignore[attr-defined]
    assert all(labels)
    assert len(set(labels)) == len(labels)


def test_labels_are_the_words_of_the_slides() -> None:
    labels = schema_labels()
    assert labels.label("DossierType", "MainBeneficiary", "nl") == "Hoofdbegunstigde"
    assert labels.label("DossierType", "MainBeneficiary", "fr") == "Bénéficiaire principal"
    assert labels.label("DecisionType", "Kind", "nl") == "Soort beslissing"
    assert labels.label("AidType", "Kind", "nl") == "Soort toegekende hulp"
    assert labels.label("SocialReportType", "CreatedOn", "nl") == "Creatiedatum van het verslag"
    assert labels.value_label("LegislationType", "law_1965", "nl").startswith("Wet 65")


def test_schema_compiles_with_the_signature_schema_imported() -> None:
    assert isinstance(compiled_schema(), etree.XMLSchema)
    imports = read_schema_tree().getroot().findall(f"{{{XS}}}import")
    assert [node.get("schemaLocation") for node in imports] == ["xmldsig-core-schema.xsd"]
