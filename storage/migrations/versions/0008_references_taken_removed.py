"""The references the directory took are removed, not kept as sent (``storage.references``): those
already sent go, with the column and the index that marked them. (The directory documents a member
replaced go as they expire, at its next fetch: ``storage.directory_documents``.)

Revision ID: 0008_references_taken_removed
Revises: 0007_list_indexes
Create Date: 2026-12-01 12:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_references_taken_removed"
down_revision = "0007_list_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("DELETE FROM pending_references WHERE sent_at IS NOT NULL")
    op.drop_index("ix_pending_references_sent_at", table_name="pending_references")
    with op.batch_alter_table("pending_references") as table:
        table.drop_column("sent_at")


def downgrade() -> None:
    with op.batch_alter_table("pending_references") as table:
        table.add_column(sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True))
    op.create_index("ix_pending_references_sent_at", "pending_references", ["sent_at"])
