"""The name of the person a sent request is about, as the answer gives it, for the lists; the
answers received before are read for it once.

Revision ID: 0005_person_name
Revises: 0004_retention
Create Date: 2026-12-07 10:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from lxml import etree

from storage.records import person_name

revision = "0005_person_name"
down_revision = "0004_retention"
branch_labels = None
depends_on = None

_ESV = "{urn:ocmw-toolkit:esv:1}"


def upgrade() -> None:
    with op.batch_alter_table("sent_requests") as batch:
        batch.add_column(sa.Column("person_name", sa.String(length=201), nullable=True))
    sent = sa.table(
        "sent_requests",
        sa.column("id", sa.Integer()),
        sa.column("ssin", sa.String()),
        sa.column("status", sa.String()),
        sa.column("response_xml", sa.LargeBinary()),
        sa.column("person_name", sa.String()),
    )
    connection = op.get_bind()
    answered = connection.execute(
        sa.select(sent.c.id, sent.c.ssin, sent.c.response_xml).where(sent.c.status == "received")
    ).all()
    for row_id, ssin, response in answered:
        name = _named(response, ssin)
        if name:
            connection.execute(sa.update(sent).where(sent.c.id == row_id).values(person_name=name))


def _named(response: bytes, ssin: str) -> str | None:
    """The name an answer received (and verified then) gives the person."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    try:
        root = etree.fromstring(response, parser)
    except etree.XMLSyntaxError:
        return None
    for person in root.iter(f"{_ESV}MainBeneficiary"):
        if person.findtext(f"{_ESV}Ssin") == ssin:
            return person_name(person.findtext(f"{_ESV}LastName") or "", person.findtext(f"{_ESV}FirstName") or "")
    return None


def downgrade() -> None:
    with op.batch_alter_table("sent_requests") as batch:
        batch.drop_column("person_name")
