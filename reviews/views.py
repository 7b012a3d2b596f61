"""Review pages: the client writes (and for 7 days edits) their review of a completed
call; the expert replies once from the booking page. Plain forms, no script needed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from procusmeet.api.errors import ApplicationError
from procusmeet.errors import UserFacingPermissionDenied
from reviews.errors import ReviewForbidden, ReviewNotFound
from reviews.forms import ReplyForm, ReviewForm
from reviews.models import Review
from reviews.services import review_create, review_reply, review_update
from scheduling.bookings.errors import BookingNotFound
from scheduling.bookings.selectors import booking_get_for


def _booking_of_client(request, booking_id: int):
    try:
        booking = booking_get_for(user=request.user, booking_id=booking_id)
    except BookingNotFound:
        raise Http404(_("No such booking.")) from None
    if booking.call.client_id != request.user.pk:
        raise UserFacingPermissionDenied(_("Only the client of this call can review it."))
    return booking


def _form_errors(form, error: ApplicationError) -> None:
    for field, problems in error.fields.items():
        form.add_error(field if field in form.fields else None, problems)
    if not error.fields:
        form.add_error(None, error.message)


@login_required
@require_http_methods(["GET", "POST"])
def review_write(request, booking_id: int):
    """``/reviews/bookings/<id>/``: write the review, or edit it within 7 days."""
    booking = _booking_of_client(request, booking_id)
    review = Review.objects.filter(booking=booking).first()
    editable = review is None or timezone.now() <= review.edited_until
    initial = {"rating": review.rating, "text": review.text} if review else None
    form = ReviewForm(request.POST or None, initial=initial)
    if request.method == "POST" and editable and form.is_valid():
        try:
            if review is None:
                review_create(booking_id=booking.pk, client=request.user, **form.cleaned_data)
            else:
                review_update(booking_id=booking.pk, client=request.user, **form.cleaned_data)
        except ApplicationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Thank you, your review is saved."))
            return redirect("scheduling:booking-detail", booking.pk)
    context = {"booking": booking, "review": review, "editable": editable, "form": form}
    return render(request, "reviews/write.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def review_reply_post(request, booking_id: int):
    """The expert's reply, from the booking page; back there with a message either way."""
    form = ReplyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write a reply first."))
        return redirect("scheduling:booking-detail", booking_id)
    try:
        review_reply(booking_id=booking_id, expert=request.user, text=form.cleaned_data["text"])
    except ReviewNotFound:
        raise Http404(_("No such review.")) from None
    except ReviewForbidden as error:
        raise UserFacingPermissionDenied(error.message) from None
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your reply is published."))
    return redirect("scheduling:booking-detail", booking_id)
