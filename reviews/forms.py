"""Page forms of reviews: they parse input; the services decide and save."""

from django import forms
from django.utils.translation import gettext_lazy as _

from reviews.models import RATING_MAX, RATING_MIN, REPLY_MAX, TEXT_MAX

RATING_CHOICES = [(n, _("%(n)d of 5") % {"n": n}) for n in range(RATING_MAX, RATING_MIN - 1, -1)]


class ReviewForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Your rating"), choices=RATING_CHOICES, coerce=int, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("Your review"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What went well, what could be better. Other clients read this; you can edit it for 7 days."),
    )


class ReplyForm(forms.Form):
    text = forms.CharField(label=_("Your public reply"), max_length=REPLY_MAX, widget=forms.Textarea(attrs={"rows": 3}))
