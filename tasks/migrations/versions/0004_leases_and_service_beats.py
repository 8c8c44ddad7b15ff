"""leases name their holder; service beats (the reconciler's last run)

Revision ID: 0004r
Revises: 0003
"""
from alembic import op
import sqlalchemy as sa


revision = '0004r'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('articles') as batch:
        batch.add_column(sa.Column('lease_owner', sa.String(length=100), nullable=True))
    op.create_table('service_beats',
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('detail', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('name')
    )


def downgrade() -> None:
    op.drop_table('service_beats')
    with op.batch_alter_table('articles') as batch:
        batch.drop_column('lease_owner')
