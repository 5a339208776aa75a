"""SQL for accounts: users, browser sessions and API tokens (tokens stored as digests)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from truce.accounts import check_role, check_username, new_token, token_digest
from truce.errors import AccountError
from truce.store.database import Store
from truce.store.schema import api_tokens, sessions, users

SESSION_LIFETIME = timedelta(hours=12)


@dataclass(frozen=True, slots=True)
class User:
    id: int
    username: str
    role: str
    password_hash: str


def add_user(store: Store, username: str, password_hash: str, role: str) -> User:
    check_username(username)
    check_role(role)
    try:
        with store.engine.begin() as connection:
            user_id = connection.execute(insert(users).values(
                username=username, password_hash=password_hash, role=role,
                created_at=datetime.now(UTC))).inserted_primary_key[0]
    except IntegrityError:
        raise AccountError(f"user {username!r} already exists") from None
    return User(int(user_id), username, role, password_hash)


def find_user(store: Store, username: str) -> User | None:
    with store.engine.connect() as connection:
        row = connection.execute(select(users).where(users.c.username == username)).first()
    return User(row.id, row.username, row.role, row.password_hash) if row else None


def require_user(store: Store, username: str) -> User:
    user = find_user(store, username)
    if user is None:
        raise AccountError(f"no user {username!r}; add one with: truce user add {username}")
    return user


def list_users(store: Store) -> list[dict[str, object]]:
    with store.engine.connect() as connection:
        rows = connection.execute(select(users.c.username, users.c.role, users.c.created_at)
                                  .order_by(users.c.username))
        return [dict(r._mapping) for r in rows]


def set_role(store: Store, username: str, role: str) -> None:
    check_role(role)
    user = require_user(store, username)
    with store.engine.begin() as connection:
        connection.execute(update(users).where(users.c.id == user.id).values(role=role))


def set_password_hash(store: Store, username: str, password_hash: str) -> None:
    user = require_user(store, username)
    with store.engine.begin() as connection:
        connection.execute(update(users).where(users.c.id == user.id)
                           .values(password_hash=password_hash))
        connection.execute(delete(sessions).where(sessions.c.user_id == user.id))


# ----- sessions and tokens -------------------------------------------------------------------


def open_session(store: Store, user: User) -> tuple[str, str]:
    """A new browser session: (session token, CSRF token). Only the token's digest is kept."""
    token, csrf = new_token(), new_token()
    now = datetime.now(UTC)
    with store.engine.begin() as connection:
        connection.execute(delete(sessions).where(sessions.c.expires_at < now))
        connection.execute(insert(sessions).values(
            token_hash=token_digest(token), user_id=user.id, csrf_token=csrf, created_at=now,
            expires_at=now + SESSION_LIFETIME))
    return token, csrf


def session_user(store: Store, token: str) -> tuple[User, str] | None:
    """The user and CSRF token of a live session, or None."""
    with store.engine.connect() as connection:
        row = connection.execute(
            select(users, sessions.c.csrf_token, sessions.c.expires_at)
            .join(sessions, sessions.c.user_id == users.c.id)
            .where(sessions.c.token_hash == token_digest(token))).first()
    if row is None or _aware(row.expires_at) < datetime.now(UTC):
        return None
    return User(row.id, row.username, row.role, row.password_hash), row.csrf_token


def close_session(store: Store, token: str) -> None:
    with store.engine.begin() as connection:
        connection.execute(delete(sessions).where(sessions.c.token_hash == token_digest(token)))


def issue_api_token(store: Store, username: str) -> str:
    """A new API token for a user; shown once, stored as its digest."""
    user = require_user(store, username)
    token = new_token()
    with store.engine.begin() as connection:
        connection.execute(insert(api_tokens).values(
            token_hash=token_digest(token), user_id=user.id, created_at=datetime.now(UTC)))
    return token


def token_user(store: Store, token: str) -> User | None:
    with store.engine.connect() as connection:
        row = connection.execute(
            select(users).join(api_tokens, api_tokens.c.user_id == users.c.id)
            .where(api_tokens.c.token_hash == token_digest(token))).first()
    return User(row.id, row.username, row.role, row.password_hash) if row else None


def _aware(moment: datetime) -> datetime:
    """SQLite returns naive datetimes for timezone-aware columns; they were stored in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
