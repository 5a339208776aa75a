"""Accounts: roles, password hashing (argon2) and opaque tokens stored only as digests.

Pure logic; the SQL lives in ``truce.store.accounts`` and the HTTP in
``truce.serve.auth``.
"""

from __future__ import annotations

import hashlib
import re
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from truce.errors import AccountError

ROLES: tuple[str, ...] = ("viewer", "analyst", "admin")
USERNAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}")
MIN_PASSWORD = 8

_hasher = PasswordHasher()
# Verified against when the username is unknown, so both paths cost the same.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


def role_rank(role: str | None) -> int:
    """Viewer < analyst < admin; anything else ranks below viewer."""
    return ROLES.index(role) + 1 if role in ROLES else 0


def check_username(username: str) -> str:
    if not USERNAME.fullmatch(username or ""):
        raise AccountError(f"username {username!r}: use 1–64 letters, digits, '.', '_', '-' "
                           "or '@', starting with a letter or digit")
    return username


def check_role(role: str) -> str:
    if role not in ROLES:
        raise AccountError(f"role {role!r}: choose one of {', '.join(ROLES)}")
    return role


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"password: at least {MIN_PASSWORD} characters are required")
    return _hasher.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """Whether ``password`` matches; an unknown user (no hash) costs the same and fails."""
    try:
        return _hasher.verify(stored_hash or _DUMMY_HASH, password) and stored_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def new_token() -> str:
    """A random opaque token for a session or an API client."""
    return secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    """What is stored for a token: its SHA-256 (tokens are random, so no salt is needed)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
