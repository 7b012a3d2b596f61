"""Accounts models, split by concern; ``from accounts.models import X`` keeps working."""

from accounts.models.deletion import AccountDeletionRequest, DeletionStatus
from accounts.models.storefront import Category, ExpertArea, ExpertProfile
from accounts.models.users import (
    ClientProfile,
    Currency,
    RefreshSession,
    Role,
    User,
    UserManager,
    validate_timezone,
)

__all__ = [
    "AccountDeletionRequest",
    "Category",
    "ClientProfile",
    "Currency",
    "DeletionStatus",
    "ExpertArea",
    "ExpertProfile",
    "RefreshSession",
    "Role",
    "User",
    "UserManager",
    "validate_timezone",
]
