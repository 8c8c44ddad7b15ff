"""review loop: decisions carried across checks, ignore rules, rule switches, audit, sessions, throttling

Revision ID: 0005
Revises: 0004r
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004r'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.create_index('ix_articles_current', ['id', 'revision', 'checked_glossary', 'outlet', 'language'],
                              unique=False)
    with op.batch_alter_table('flags', schema=None) as batch_op:
        batch_op.create_index('ix_flags_queue', ['article_id', 'glossary_version', 'translation_id', 'kind', 'rule',
                                                 'confidence', 'entity'], unique=False)
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('start', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('end', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('carried_from', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_decisions_carried_from'), ['carried_from'], unique=False)
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('failed_logins', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True))
    op.create_table('ignore_rules',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entity', sa.String(length=200), nullable=False),
    sa.Column('found', sa.Text(), nullable=False),
    sa.Column('outlet', sa.String(length=200), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('actor', sa.String(length=100), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('removed_by', sa.String(length=100), nullable=True),
    sa.Column('removed_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('ignore_rules', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ignore_rules_entity'), ['entity'], unique=False)
    op.create_table('rule_settings',
    sa.Column('rule', sa.String(length=32), nullable=False),
    sa.Column('enabled', sa.Boolean(), nullable=False),
    sa.Column('actor', sa.String(length=100), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('rule')
    )
    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=100), nullable=False),
    sa.Column('action', sa.String(length=32), nullable=False),
    sa.Column('detail', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('web_sessions',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('web_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_web_sessions_user_id'), ['user_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('web_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_web_sessions_user_id'))
    op.drop_table('web_sessions')
    op.drop_table('audit_log')
    op.drop_table('rule_settings')
    with op.batch_alter_table('ignore_rules', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ignore_rules_entity'))
    op.drop_table('ignore_rules')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('locked_until')
        batch_op.drop_column('failed_logins')
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decisions_carried_from'))
        batch_op.drop_column('carried_from')
        batch_op.drop_column('end')
        batch_op.drop_column('start')
    with op.batch_alter_table('flags', schema=None) as batch_op:
        batch_op.drop_index('ix_flags_queue')
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.drop_index('ix_articles_current')
