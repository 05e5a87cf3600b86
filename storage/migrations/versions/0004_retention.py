"""Retention: how many months the OCMW keeps the documents it exchanged (the reports it received,
the answers it sent) before ``ocmw db purge`` removes them; none until it is set.

Revision ID: 0004_retention
Revises: 0003
Create Date: 2026-12-01 09:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_retention"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("ocmw_identity") as batch:
        batch.add_column(sa.Column("retention_months", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("ocmw_identity") as batch:
        batch.drop_column("retention_months")
