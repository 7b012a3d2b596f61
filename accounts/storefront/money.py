"""Money shown to people: integer minor units + currency code → "₦15,000", "GH₵250.50".

One rule for every currency, everywhere (pages, emails, admin): every supported
currency has 100 minor units; a whole amount shows no decimals ("R750", "KSh 2,500")
and an amount with a non-zero minor part always shows two ("GH₵250.50").
"""

SYMBOLS = {"NGN": "₦", "GHS": "GH₵", "ZAR": "R", "KES": "KSh ", "USD": "$"}
MINOR_PER_MAJOR = 100


def money_format(amount_minor: int, currency: str) -> str:
    """``money_format(1_500_000, "NGN") == "₦15,000"``; unknown currencies get their code."""
    sign = "-" if amount_minor < 0 else ""
    major, minor = divmod(abs(int(amount_minor)), MINOR_PER_MAJOR)
    number = f"{major:,}.{minor:02d}" if minor else f"{major:,}"
    symbol = SYMBOLS.get(currency, f"{currency} ")
    return f"{sign}{symbol}{number}"


def money_decimal_string(amount_minor: int) -> str:
    """Machine form for schema.org and forms: ``1500050`` → ``"15000.50"``."""
    major, minor = divmod(int(amount_minor), MINOR_PER_MAJOR)
    return f"{major}.{minor:02d}"
