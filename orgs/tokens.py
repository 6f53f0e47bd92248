"""Personal API tokens: created and revoked by their owner, checked by the API.

A token is "emn_" followed by 40 random URL-safe characters; only its SHA-256
is stored, so a leaked database does not leak working tokens.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError

from core import clock

from .models import ApiToken, User

PREFIX = "emn_"
MAX_ACTIVE_TOKENS = 20
# Writing last_used_at on every request would turn reads into writes; once a minute is enough.
LAST_USED_EVERY = timedelta(minutes=1)


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for `user`; returns it and the secret, which is never shown again."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": "กรุณาตั้งชื่อโทเค็น เช่น ระบบงานของกรม"})
    if ApiToken.objects.filter(user=user, revoked_at__isnull=True).count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(f"มีโทเค็นที่ใช้งานอยู่ครบ {MAX_ACTIVE_TOKENS} รายการแล้ว กรุณายกเลิกที่ไม่ใช้ก่อน")
    raw = PREFIX + secrets.token_urlsafe(30)
    token = ApiToken.objects.create(
        user=user, name=name[:100], prefix=raw[:12], key_hash=_hash(raw)
    )
    return token, raw


def api_token_revoke(*, token: ApiToken, user: User) -> ApiToken:
    if token.user_id != user.pk:
        raise PermissionDenied("ยกเลิกได้เฉพาะโทเค็นของตนเอง")
    if token.revoked_at is None:
        token.revoked_at = clock.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_user(raw: str) -> tuple[User, ApiToken] | None:
    """The active user a raw token stands for, or None (unknown, revoked, inactive user)."""
    if not raw.startswith(PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=_hash(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = clock.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user, token
