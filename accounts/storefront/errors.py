"""Domain errors of the expert storefront (mapped to the API error shape)."""

from procusmeet.api.errors import ApplicationError


class StorefrontInvalid(ApplicationError):
    """Profile or area input breaks a rule; ``fields`` says which."""

    code = "invalid"


class PhotoInvalid(ApplicationError):
    code = "invalid_photo"


class CurrencyLocked(StorefrontInvalid):
    """The expert's currency cannot change while active services are priced in it."""

    code = "currency_locked"
