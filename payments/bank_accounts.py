"""The expert's payout bank account: banks of a currency, resolving an account number to
its holder's name (so the expert can confirm it), and saving it as a transfer recipient.

The provider is asked first, with no lock or transaction open; only the final write is
a short transaction. ``PaymentProviderUnavailable`` (503) propagates unchanged: nothing
was saved and the expert may simply try again.
"""

import re
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from payments.errors import BankAccountInvalid, PaymentProviderError, PayoutCurrencyUnsupported
from payments.models_payouts import BankAccount
from payments.providers import get_provider
from payments.providers.base import Bank, recipient_type_for

# ASCII digits only: ``\d`` would also take "٠١٢…" or "０１２…", which no bank issues.
ACCOUNT_NUMBER_PATTERN = r"^[0-9]{6,20}$"
ACCOUNT_NUMBER_MESSAGE = gettext_lazy("Enter the account number: 6 to 20 digits.")


@dataclass(frozen=True)
class ResolvedBankAccount:
    """What the expert confirms before saving: the bank and the name on the account."""

    currency: str
    bank: Bank
    account_number: str
    account_name: str


def payout_currency_checked(currency: str) -> str:
    """The currency, upper-cased, if payouts can be made in it (400 otherwise)."""
    currency = (currency or "").upper()
    try:
        recipient_type_for(currency)
    except PayoutCurrencyUnsupported as error:
        raise PayoutCurrencyUnsupported(error.message, fields={"currency": [error.message]}) from None
    return currency


def banks_list(*, currency: str) -> list[Bank]:
    """Banks (and mobile money operators) that receive payouts in ``currency``."""
    return get_provider().banks(payout_currency_checked(currency))


def _bank_of(provider, *, currency: str, bank_code: str) -> Bank:
    for bank in provider.banks(currency):
        if bank.code == bank_code:
            return bank
    message = _("Choose a bank from the list for %(currency)s.") % {"currency": currency}
    raise BankAccountInvalid(message, fields={"bank_code": [message]})


def bank_account_resolve(*, currency: str, bank_code: str, account_number: str) -> ResolvedBankAccount:
    """Look the account up at the provider; ``BankAccountInvalid`` (400) when it cannot
    be found at that bank."""
    currency = payout_currency_checked(currency)
    if not re.fullmatch(ACCOUNT_NUMBER_PATTERN, account_number):
        message = str(ACCOUNT_NUMBER_MESSAGE)
        raise BankAccountInvalid(message, fields={"account_number": [message]})
    provider = get_provider()
    bank = _bank_of(provider, currency=currency, bank_code=bank_code)
    try:
        resolved = provider.account_resolve(account_number=account_number, bank_code=bank.code)
    except PaymentProviderError:
        message = _("We could not find this account number at %(bank)s. Check it and try again.") % {"bank": bank.name}
        raise BankAccountInvalid(message, fields={"account_number": [message]}) from None
    return ResolvedBankAccount(currency, bank, resolved.account_number, resolved.account_name)


def bank_account_set(*, expert, currency: str, bank_code: str, account_number: str) -> BankAccount:
    """Resolve the account, register it with the provider as a transfer recipient and
    save it as the expert's payout account (replacing any earlier one).

    Payouts already requested keep the recipient they were requested for.
    """
    account = bank_account_resolve(currency=currency, bank_code=bank_code, account_number=account_number)
    try:
        recipient = get_provider().recipient_create(
            name=account.account_name,
            account_number=account.account_number,
            bank_code=account.bank.code,
            currency=account.currency,
            recipient_type=account.bank.type or None,
        )
    except PaymentProviderError as error:
        raise BankAccountInvalid(error.message, fields={"account_number": [error.message]}) from None
    return _bank_account_save(expert=expert, account=account, recipient_code=recipient.recipient_code)


@transaction.atomic
def _bank_account_save(*, expert, account: ResolvedBankAccount, recipient_code: str) -> BankAccount:
    values = {
        "currency": account.currency,
        "bank_code": account.bank.code,
        "bank_name": account.bank.name,
        "account_number": account.account_number,
        "account_name": account.account_name,
        "recipient_code": recipient_code,
    }
    # Locks the row when it exists: a payout request waits for the account it pays into.
    bank_account, _created = BankAccount.objects.select_for_update().update_or_create(expert=expert, defaults=values)
    return bank_account
