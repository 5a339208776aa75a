"""REST API under /api: reports, events, incidents, agreements, compliance."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["api"])
