"""Truce: ceasefire monitoring from reports to events, incidents and compliance."""

from truce.app import Truce
from truce.errors import ReadError, TruceError
from truce.model import (
    DateRef,
    Entity,
    Event,
    Evidence,
    Location,
    ProvisionLink,
    Quantity,
    Report,
)

__all__ = [
    "DateRef",
    "Entity",
    "Event",
    "Evidence",
    "Location",
    "ProvisionLink",
    "Quantity",
    "ReadError",
    "Report",
    "Truce",
    "TruceError",
]
__version__ = "0.1.0"
