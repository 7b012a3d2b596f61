"""Page forms of the storefront. They parse input; the services decide and save."""

import zoneinfo
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Category, Currency, ExpertArea, ExpertProfile
from accounts.storefront.languages import LANGUAGE_CHOICES
from accounts.storefront.money import MINOR_PER_MAJOR
from accounts.storefront.selectors import Available, DirectoryFilters, Sort
from accounts.storefront.validators import MAX_SOCIAL_LINKS
from accounts.storefront.widgets import QuickSelect

TIMEZONE_CHOICES = [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


class ExpertProfileForm(forms.Form):
    display_name = forms.CharField(label=_("Display name"), max_length=120)
    headline = forms.CharField(
        label=_("Headline"),
        max_length=160,
        required=False,
        help_text=_("One line clients see under your name, e.g. “Product designer, 10 years in fintech”."),
    )
    bio = forms.CharField(
        label=_("About you"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Plain text. **Bold**, *italic*, lists and links work too."),
    )
    categories = forms.ModelMultipleChoiceField(
        label=_("Categories"),
        queryset=Category.objects.all(),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages you speak on calls"),
        choices=LANGUAGE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    years_experience = forms.IntegerField(label=_("Years of experience"), min_value=0, max_value=70)
    timezone = forms.ChoiceField(label=_("Time zone"), choices=TIMEZONE_CHOICES)
    currency = forms.ChoiceField(
        label=_("Currency"), choices=Currency.choices, help_text=_("Your services are priced in this currency.")
    )
    social_links = forms.CharField(
        label=_("Links"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Up to %(n)d https:// addresses, one per line (website, LinkedIn, …).") % {"n": MAX_SOCIAL_LINKS},
    )
    slug = forms.CharField(
        label=_("Profile address"),
        max_length=80,
        help_text=_("Your public page is /experts/your-address/. Lowercase letters, digits and hyphens."),
    )

    @classmethod
    def initial_from(cls, profile: ExpertProfile) -> dict:
        initial = {name: getattr(profile, name) for name in cls.base_fields if name not in ("categories", "social_links")}
        initial["categories"] = [category.slug for category in profile.categories.all()]
        initial["social_links"] = "\n".join(profile.social_links)
        return initial

    def clean_social_links(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["social_links"].splitlines() if line.strip()]

    def changes(self) -> dict:
        """Keyword arguments for ``expert_profile_update``."""
        data = dict(self.cleaned_data)
        data["categories"] = [category.slug for category in data["categories"]]
        return data


class PhotoForm(forms.Form):
    photo = forms.FileField(
        label=_("Profile photo"),
        help_text=_("JPEG, PNG or WebP, at most 5 MB, at least 200×200 pixels. We crop it square."),
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )


class AreaForm(forms.Form):
    """Prices are typed in major units (₦15,000) and stored in minor units (kobo)."""

    title = forms.CharField(label=_("Title"), max_length=120)
    description = forms.CharField(
        label=_("Description"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    duration_minutes = forms.TypedChoiceField(
        label=_("Duration"),
        coerce=int,
        choices=[(m, _("%(m)d minutes") % {"m": m}) for m in range(15, 241, 15)],
        initial=30,
    )
    price_major = forms.DecimalField(
        label=_("Price"), min_value=Decimal("0.01"), max_digits=12, decimal_places=2, help_text=_("In your currency.")
    )

    def __init__(self, *args, currency: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if currency:
            self.fields["price_major"].label = _("Price (%(currency)s)") % {"currency": currency}
            self.fields["price_major"].help_text = _("Whole units of %(currency)s, e.g. 15000 or 2500.50.") % {
                "currency": currency
            }

    @classmethod
    def initial_from(cls, area: ExpertArea) -> dict:
        return {
            "title": area.title,
            "description": area.description,
            "duration_minutes": area.duration_minutes,
            "price_major": Decimal(area.price) / MINOR_PER_MAJOR,
        }

    def changes(self) -> dict:
        data = {name: self.cleaned_data[name] for name in ("title", "description", "duration_minutes")}
        data["price"] = int(self.cleaned_data["price_major"] * MINOR_PER_MAJOR)
        return data


class DirectoryFilterForm(forms.Form):
    """Directory query parameters; the API takes prices in minor units, the page in
    whole currency units (``price_scale``)."""

    price_scale = 1

    q = forms.CharField(label=_("Search"), max_length=100, required=False)
    category = forms.SlugField(label=_("Category"), required=False)
    language = forms.ChoiceField(
        label=_("Language"), choices=[("", _("Any language")), *LANGUAGE_CHOICES], required=False, widget=QuickSelect
    )
    currency = forms.ChoiceField(
        label=_("Currency"), choices=[("", _("Any currency")), *Currency.choices], required=False, widget=QuickSelect
    )
    min_price = forms.IntegerField(label=_("Min price"), min_value=0, max_value=10**9, required=False)
    max_price = forms.IntegerField(label=_("Max price"), min_value=0, max_value=10**9, required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"), choices=[("", _("Default")), *Sort.CHOICES], required=False, widget=QuickSelect
    )
    available = forms.ChoiceField(
        label=_("Available"), choices=[("", _("Any time")), *Available.CHOICES], required=False
    )

    def clean(self):
        data = super().clean()
        low, high = data.get("min_price"), data.get("max_price")
        if low is not None and high is not None and low > high:
            self.add_error("max_price", _("Must be at least the minimum price."))
        return data

    def filters(self) -> DirectoryFilters:
        """The valid part of the input (call after ``is_valid()``; bad fields are left out)."""
        data = self.cleaned_data
        low, high = data.get("min_price"), data.get("max_price")
        return DirectoryFilters(
            q=data.get("q", "").strip(),
            category=data.get("category", ""),
            language=data.get("language", ""),
            currency=data.get("currency", ""),
            min_price=None if low is None else low * self.price_scale,
            max_price=None if high is None else high * self.price_scale,
            sort=data.get("sort", ""),
            available=data.get("available", ""),
        )


class DirectoryPageFilterForm(DirectoryFilterForm):
    price_scale = MINOR_PER_MAJOR
