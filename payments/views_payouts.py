"""The expert's payout pages: balance, request a payout and its history, and the bank
account (pick the bank, type the number, confirm the name the bank holds, save).

Plain forms that call one service each and redirect with a message, so everything
works without JavaScript.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.selectors import user_zone
from accounts.storefront.money import money_format
from payments.balance import expert_balance, expert_balances
from payments.bank_accounts import bank_account_resolve, bank_account_set, banks_list
from payments.errors import BankAccountInvalid, PaymentProviderError, PaymentProviderUnavailable
from payments.forms_payouts import PAYOUT_CURRENCIES, BankAccountForm, PayoutRequestForm
from payments.payout_services import payout_request
from payments.selectors_payouts import bank_account_of, payouts_of
from procusmeet.api.errors import ApplicationError
from procusmeet.errors import UserFacingPermissionDenied

PAGE_SIZE = 20


def _require_expert(request) -> None:
    if not request.user.is_expert:
        raise UserFacingPermissionDenied(_("Only experts receive payouts."))


@login_required
@require_http_methods(["GET", "POST"])
def payouts(request):
    """``/payments/payouts/``: balances, the request form and the payout history."""
    _require_expert(request)
    account = bank_account_of(expert=request.user)
    currency = account.currency if account else request.user.expert_profile.currency
    form = PayoutRequestForm(request.POST or None, currency=currency)
    if request.method == "POST" and form.is_valid():
        try:
            payout = payout_request(expert=request.user, amount=form.amount_minor(), currency=currency)
        except ApplicationError as error:
            for field, problems in error.fields.items():
                form.add_error("amount_major" if field == "amount" else None, problems)
            if not error.fields:
                form.add_error(None, error.message)
        else:
            amount = money_format(payout.amount, payout.currency)
            messages.success(request, _("Payout of %(amount)s requested.") % {"amount": amount})
            return redirect("payments:payouts")
    page = Paginator(payouts_of(expert=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "account": account,
        "balances": expert_balances(expert=request.user),
        "available": expert_balance(expert=request.user, currency=currency),
        "currency": currency,
        "minimum": settings.PAYOUT_MINIMUM,
        "form": form,
        "page": page,
        "test_mode": settings.PAYMENT_PROVIDER == "test",
        "zone": user_zone(request.user).key,
    }
    return render(request, "payouts/payouts.html", context, status=400 if form.errors else 200)


def _bank_form(currency: str, data=None) -> tuple[BankAccountForm, str]:
    """The form with the currency's banks, or an error message when they cannot be listed."""
    try:
        banks = banks_list(currency=currency)
    except PaymentProviderUnavailable as error:
        return BankAccountForm(data, initial={"currency": currency}), error.message
    except PaymentProviderError:
        # The provider answered but refused or garbled the list (the error is logged where
        # it was raised): a calm message, not a server error page.
        message = _("The list of banks cannot be loaded right now. Please try again later.")
        return BankAccountForm(data, initial={"currency": currency}), message
    return BankAccountForm(data, banks=banks, initial={"currency": currency}), ""


@login_required
@require_http_methods(["GET", "POST"])
def bank_account(request):
    """``/payments/bank-account/``: step one picks the bank and number and shows the name
    on the account (``resolve``); step two saves it (``save``)."""
    _require_expert(request)
    current = bank_account_of(expert=request.user)
    default = current.currency if current else request.user.expert_profile.currency
    currency = (request.POST.get("currency") or request.GET.get("currency") or default).upper()
    if currency not in PAYOUT_CURRENCIES:
        currency = default if default in PAYOUT_CURRENCIES else PAYOUT_CURRENCIES[0]
    form, problem = _bank_form(currency, request.POST or None)
    context = {"current": current, "currency": currency, "currencies": PAYOUT_CURRENCIES, "problem": problem}
    if request.method == "POST" and not problem and form.is_valid():
        account = {"currency": currency, **{name: form.cleaned_data[name] for name in ("bank_code", "account_number")}}
        try:
            if request.POST.get("step") == "save":
                saved = bank_account_set(expert=request.user, **account)
                messages.success(request, _("Bank account saved: %(account)s.") % {"account": saved})
                return redirect("payments:payouts")
            context["resolved"] = bank_account_resolve(**account)
        except BankAccountInvalid as error:
            for field, problems in error.fields.items():
                form.add_error(field if field in form.fields else None, problems)
        except ApplicationError as error:
            context["problem"] = error.message
    context["form"] = form
    status = 400 if request.method == "POST" and (form.errors or context["problem"]) else 200
    return render(request, "payouts/bank_account.html", context, status=status)
