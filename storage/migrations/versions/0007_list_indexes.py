"""The indexes of the two lists of the "Consult ESV" screens: each list's lines newest first, all of
them, those of one status or those of one person (this index serves every search by INSZ, in place
of the one on the INSZ alone), archived or not, read from the index alone (the id included) for the
count and for the page's place, whatever the size of the list.

Revision ID: 0007_list_indexes
Revises: 0006_audit_chain
Create Date: 2026-11-30 12:00:00.000000
"""

from __future__ import annotations

from alembic import op

revision = "0007_list_indexes"
down_revision = "0006_audit_chain"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_sent_requests_list": ("sent_requests", ["archived", "created_at", "id"]),
    "ix_sent_requests_list_by_status": ("sent_requests", ["archived", "status", "created_at", "id"]),
    "ix_sent_requests_list_by_ssin": ("sent_requests", ["ssin", "archived", "created_at", "id"]),
    "ix_answered_requests_list": ("answered_requests", ["archived", "received_at", "id"]),
    "ix_answered_requests_list_by_status": ("answered_requests", ["archived", "status", "received_at", "id"]),
    "ix_answered_requests_list_by_ssin": ("answered_requests", ["ssin", "archived", "received_at", "id"]),
}
REPLACED = {"ix_sent_requests_ssin": "sent_requests", "ix_answered_requests_ssin": "answered_requests"}
"""The indexes on the INSZ alone, which the lists' indexes by INSZ replace."""


def upgrade() -> None:
    for name, (table, columns) in INDEXES.items():
        op.create_index(name, table, columns)
    for name, table in REPLACED.items():
        op.drop_index(name, table_name=table)


def downgrade() -> None:
    for name, table in REPLACED.items():
        op.create_index(name, table, ["ssin"])
    for name, (table, _) in INDEXES.items():
        op.drop_index(name, table_name=table)
