"""The network: the directory the OCMW is a member of (its address and certificate), the TLS
certificate of its connections, the directory documents it fetched, the references it has to send,
the lookup a sent request came from, and the French names of the OCMWs in the lists.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30 10:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("ocmw_identity") as batch:
        batch.add_column(sa.Column("directory_url", sa.Text(), nullable=True))
        batch.add_column(sa.Column("directory_anchor", sa.Text(), nullable=True))
        batch.add_column(sa.Column("tls_cert_path", sa.Text(), nullable=True))
        batch.add_column(sa.Column("tls_key_path", sa.Text(), nullable=True))
    with op.batch_alter_table("sent_requests") as batch:
        batch.add_column(sa.Column("lookup_id", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("responder_name_fr", sa.String(length=100), nullable=True))
        batch.create_index("ix_sent_requests_lookup_id", ["lookup_id"])
    with op.batch_alter_table("answered_requests") as batch:
        batch.add_column(sa.Column("requester_name_fr", sa.String(length=100), nullable=True))
    op.create_table(
        "directory_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("serial", sa.Integer(), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("xml", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("serial"),
    )
    op.create_table(
        "pending_references",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ssin", sa.String(length=11), nullable=False),
        sa.Column("begin", sa.Date(), nullable=True),
        sa.Column("end", sa.Date(), nullable=True),
        sa.Column("withdraw", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_pending_references_sent_at", "pending_references", ["sent_at"])


def downgrade() -> None:
    op.drop_table("pending_references")
    op.drop_table("directory_documents")
    with op.batch_alter_table("answered_requests") as batch:
        batch.drop_column("requester_name_fr")
    with op.batch_alter_table("sent_requests") as batch:
        batch.drop_index("ix_sent_requests_lookup_id")
        batch.drop_column("responder_name_fr")
        batch.drop_column("lookup_id")
    with op.batch_alter_table("ocmw_identity") as batch:
        for column in ("tls_key_path", "tls_cert_path", "directory_anchor", "directory_url"):
            batch.drop_column(column)
