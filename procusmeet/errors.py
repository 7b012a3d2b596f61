"""Errors that any app's pages raise."""

from django.core.exceptions import PermissionDenied


class UserFacingPermissionDenied(PermissionDenied):
    """A refusal whose message is written for the person refused (translated, no
    internals, e.g. "The dashboard is for experts."): the 403 page shows it. Django and
    libraries raise plain ``PermissionDenied`` with messages such as "Forbidden user
    agent", so only this subclass's message ever reaches a page."""
