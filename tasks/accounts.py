"""Accounts for the review pages: users, passwords, login throttling, server-side sessions, API tokens.

A login session lives in the store: the signed cookie holds only a random secret whose SHA-256 names
a ``web_sessions`` row, so logging out, disabling the user or setting a new password ends it on the
server and a copied cookie stops working. Wrong passwords in a row lock the account for a time that
doubles with each further one (``NEWSQA_LOGIN_LOCK_AFTER``, ``NEWSQA_LOGIN_LOCK_SECONDS``).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from datetime import datetime, timedelta, timezone

from sqlalchemy import and_, select, update

from newsqa import config
from newsqa.qa.errors import NewsqaError
from newsqa.tasks.audit import record
from newsqa.tasks.models import ROLES, ApiToken, User, WebSession, utcnow
from newsqa.tasks.store import Store

SESSION_HOURS = 12
MAX_LOCK_SECONDS = 3600


class AccountError(NewsqaError):
    """An account action that cannot be done (unknown user, short password, unknown role)."""


class LoginThrottled(NewsqaError):
    """Too many wrong passwords in a row: no login, even with the right one, for ``seconds``."""

    def __init__(self, seconds: int) -> None:
        super().__init__(f"too many wrong passwords: try again in {seconds} s")
        self.seconds = seconds


def _aware(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; everything here is UTC."""
    return moment.replace(tzinfo=timezone.utc) if moment is not None and moment.tzinfo is None else moment


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)
    return f"scrypt$16384$8$1${salt.hex()}${digest.hex()}"


def check_password(password: str, stored: str) -> bool:
    try:
        _, n, r, p, salt, digest = stored.split("$")
        computed = hashlib.scrypt(password.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p))
    except ValueError:
        return False
    return hmac.compare_digest(computed.hex(), digest)


def _valid_password(password: str) -> None:
    if len(password) < 8:
        raise AccountError("a password needs at least 8 characters")


def add_user(store: Store, username: str, password: str, role: str) -> User:
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r} (expected one of: {', '.join(ROLES)})")
    if not username:
        raise AccountError("a user needs a name")
    _valid_password(password)
    with store.session() as s:
        if s.execute(select(User.id).where(User.username == username)).scalar() is not None:
            raise AccountError(f"user {username} exists already")
        user = User(username=username, password_hash=hash_password(password), role=role)
        s.add(user)
        return user


def _user(s, username: str) -> User:
    user = s.execute(select(User).where(User.username == username).with_for_update()).scalar()
    if user is None:
        raise AccountError(f"no user {username!r} (see `newsqa user list`)")
    return user


def _end_sessions(s, user_id: int) -> None:
    s.execute(update(WebSession).where(WebSession.user_id == user_id, WebSession.revoked_at.is_(None))
              .values(revoked_at=utcnow()))


def set_password(store: Store, username: str, password: str, actor: str) -> None:
    """A new password; the user's sessions end and any lock is lifted."""
    _valid_password(password)
    with store.session() as s:
        user = _user(s, username)
        user.password_hash, user.failed_logins, user.locked_until = hash_password(password), 0, None
        _end_sessions(s, user.id)
        record(s, actor, "user-password", user=username)


def set_active(store: Store, username: str, active: bool, actor: str) -> None:
    """Disable (its sessions end at once) or enable a user."""
    with store.session() as s:
        user = _user(s, username)
        user.active = active
        if not active:
            _end_sessions(s, user.id)
        record(s, actor, "user-enable" if active else "user-disable", user=username)


def set_role(store: Store, username: str, role: str, actor: str) -> None:
    """Change a role; it applies to the user's open sessions at their next request."""
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r} (expected one of: {', '.join(ROLES)})")
    with store.session() as s:
        user = _user(s, username)
        old, user.role = user.role, role
        record(s, actor, "user-role", user=username, old=old, new=role)


def authenticate(store: Store, username: str, password: str) -> User | None:
    """The user, or None for a wrong name or password; :class:`LoginThrottled` while locked."""
    with store.session() as s:
        user = s.execute(select(User).where(User.username == username, User.active.is_(True))).scalar()
    if user is None:
        check_password(password, hash_password("timing"))  # same work whether or not the user exists
        return None
    locked = _aware(user.locked_until)
    if locked and locked > utcnow():
        raise LoginThrottled(max(1, int((locked - utcnow()).total_seconds() + 0.999)))
    right = check_password(password, user.password_hash)
    with store.session() as s:
        row = s.get(User, user.id, with_for_update=True)
        if right:
            row.failed_logins, row.locked_until = 0, None
            return row
        row.failed_logins += 1
        over = row.failed_logins - config.LOGIN_LOCK_AFTER.number(int, 1)
        if over >= 0:
            seconds = min(config.LOGIN_LOCK_SECONDS.number(float, 0) * 2 ** min(over, 20), MAX_LOCK_SECONDS)
            row.locked_until = utcnow() + timedelta(seconds=seconds)
    return None


def users(store: Store) -> list[User]:
    with store.session() as s:
        return list(s.execute(select(User).order_by(User.username)).scalars())


# ---- login sessions ------------------------------------------------------------------------

def _session_id(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def open_session(store: Store, user_id: int) -> str:
    """A new login session; returns the secret the cookie keeps."""
    secret = secrets.token_urlsafe(32)
    with store.session() as s:
        s.add(WebSession(id=_session_id(secret), user_id=user_id, created_at=utcnow(),
                         expires_at=utcnow() + timedelta(hours=SESSION_HOURS)))
    return secret


def session_user(store: Store, secret: str) -> User | None:
    """The user of a live session: not revoked, not expired, the user still active."""
    with store.session() as s:
        row = s.get(WebSession, _session_id(secret))
        if row is None or row.revoked_at is not None or _aware(row.expires_at) < utcnow():
            return None
        user = s.get(User, row.user_id)
        return user if user is not None and user.active else None


def close_session(store: Store, secret: str) -> None:
    with store.session() as s:
        row = s.get(WebSession, _session_id(secret))
        if row is not None and row.revoked_at is None:
            row.revoked_at = utcnow()


# ---- API tokens ----------------------------------------------------------------------------

def create_token(store: Store, name: str, actor: str) -> str:
    token = secrets.token_urlsafe(24)
    with store.session() as s:
        s.add(ApiToken(name=name, token_hash=hashlib.sha256(token.encode()).hexdigest(), created_by=actor))
    return token


def revoke_token(store: Store, token_id: int) -> None:
    with store.session() as s:
        row = s.get(ApiToken, token_id)
        if row is None:
            raise AccountError(f"no token {token_id}")
        row.revoked_at = utcnow()


def tokens(store: Store) -> list[ApiToken]:
    with store.session() as s:
        return list(s.execute(select(ApiToken).order_by(ApiToken.id)).scalars())


def token_valid(store: Store, token: str) -> bool:
    digest = hashlib.sha256(token.encode()).hexdigest()
    with store.session() as s:
        return s.execute(select(ApiToken.id).where(and_(ApiToken.token_hash == digest,
                                                        ApiToken.revoked_at.is_(None)))).scalar() is not None
