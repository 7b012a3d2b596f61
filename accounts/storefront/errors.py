"""Domain errors of the expert storefront (mapped to the API error shape)."""

from django.http import Http404

from procusmeet.api.errors import ApplicationError, NotFound


class StorefrontInvalid(ApplicationError):
    """Profile or area input breaks a rule; ``fields`` says which."""

    code = "invalid"


class PhotoInvalid(ApplicationError):
    code = "invalid_photo"


class CurrencyLocked(StorefrontInvalid):
    """The expert's currency cannot change while active services are priced in it."""

    code = "currency_locked"


class AreaNotFound(NotFound, Http404):
    """The area is gone (deleted by a concurrent request after the view found it).

    Also an ``Http404``, so pages answer 404 like the API, without catching it."""
