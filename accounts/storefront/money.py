"""Money shown to people: integer minor units + currency code → "₦15,000", "GH₵250.00".

One rule everywhere (pages, emails, admin): every supported currency has 100 minor
units. Amounts with a non-zero minor part always show two decimals. Whole amounts show
no decimals in NGN and KES, where everyday prices never use kobo or cents, and two
decimals in GHS, ZAR and USD, where prices are customarily written with them.
"""

SYMBOLS = {"NGN": "₦", "GHS": "GH₵", "ZAR": "R", "KES": "KSh ", "USD": "$"}
WHOLE_WITHOUT_DECIMALS = frozenset({"NGN", "KES"})
MINOR_PER_MAJOR = 100


def money_format(amount_minor: int, currency: str) -> str:
    """``money_format(1_500_000, "NGN") == "₦15,000"``; unknown currencies get their code."""
    sign = "-" if amount_minor < 0 else ""
    major, minor = divmod(abs(int(amount_minor)), MINOR_PER_MAJOR)
    if minor or currency not in WHOLE_WITHOUT_DECIMALS:
        number = f"{major:,}.{minor:02d}"
    else:
        number = f"{major:,}"
    symbol = SYMBOLS.get(currency, f"{currency} ")
    return f"{sign}{symbol}{number}"


def money_decimal_string(amount_minor: int) -> str:
    """Machine form for schema.org and forms: ``1500050`` → ``"15000.50"``."""
    major, minor = divmod(int(amount_minor), MINOR_PER_MAJOR)
    return f"{major}.{minor:02d}"
