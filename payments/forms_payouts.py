"""Page forms of payouts: they parse input; the services decide and save."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.storefront.money import MINOR_PER_MAJOR
from payments.bank_accounts import ACCOUNT_NUMBER_MESSAGE, ACCOUNT_NUMBER_PATTERN
from payments.providers.base import RECIPIENT_TYPES

PAYOUT_CURRENCIES = sorted(RECIPIENT_TYPES)


class BankAccountForm(forms.Form):
    """The bank list depends on the currency, so the view passes the banks in."""

    # Chosen on the page's currency picker (it decides the bank list); carried along here.
    currency = forms.ChoiceField(choices=[(code, code) for code in PAYOUT_CURRENCIES], widget=forms.HiddenInput)
    bank_code = forms.ChoiceField(label=_("Bank"))
    account_number = forms.RegexField(
        label=_("Account number"),
        regex=ACCOUNT_NUMBER_PATTERN,
        error_messages={"invalid": ACCOUNT_NUMBER_MESSAGE},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=_("We show you the name on the account before anything is saved."),
    )

    def __init__(self, *args, banks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bank_code"].choices = [("", _("Choose your bank")), *((bank.code, bank.name) for bank in banks)]


class PayoutRequestForm(forms.Form):
    """Amounts are typed in major units (₦15,000.50) and become minor units (kobo)."""

    amount_major = forms.DecimalField(label=_("Amount"), min_value=Decimal("0.01"), max_digits=14, decimal_places=2)

    def __init__(self, *args, currency: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if currency:
            self.fields["amount_major"].label = _("Amount (%(currency)s)") % {"currency": currency}

    def amount_minor(self) -> int:
        return int(self.cleaned_data["amount_major"] * MINOR_PER_MAJOR)
