"""The expert storefront: profiles, areas of expertise (bookable services), categories.

Derived columns (``bio_html``, ``from_price``, ``search_vector``) are written by the
storefront services whenever their sources change, never by signals or ``save()``.
The GIN indexes behind the directory search are created by migration 0002 on
PostgreSQL only (SQLite has no GIN), so they are not declared in ``Meta``.
"""

from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models.users import Currency, User, validate_timezone
from accounts.storefront.validators import (
    validate_duration_minutes,
    validate_languages,
    validate_public_slug,
    validate_social_links,
)

MAX_PRICE_MINOR = 1_000_000_000


class Category(models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name


class ExpertProfile(models.Model):
    """The expert's storefront data and booking rules (SPEC §2, §3, §8 `/api/v1/me`)."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="expert_profile")
    display_name = models.CharField(_("display name"), max_length=120)
    headline = models.CharField(_("headline"), max_length=160, blank=True)
    bio = models.TextField(_("bio"), blank=True, max_length=5000, help_text=_("Plain text or simple Markdown."))
    bio_html = models.TextField(blank=True, editable=False)
    languages = models.JSONField(_("languages"), default=list, blank=True, validators=[validate_languages])
    slug = models.SlugField(_("profile address"), max_length=80, unique=True, validators=[validate_public_slug])
    timezone = models.CharField(_("time zone"), max_length=64, default="Africa/Lagos", validators=[validate_timezone])
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, default=Currency.NGN)
    years_experience = models.PositiveSmallIntegerField(
        _("years of experience"), default=0, validators=[MaxValueValidator(70)]
    )
    social_links = models.JSONField(_("links"), default=list, blank=True, validators=[validate_social_links])
    photo = models.ImageField(_("photo"), upload_to="experts/photos/", max_length=200, blank=True, editable=False)
    categories = models.ManyToManyField(Category, blank=True, related_name="experts", verbose_name=_("categories"))
    min_notice_minutes = models.PositiveIntegerField(
        default=120, validators=[MaxValueValidator(60 * 24 * 30)]
    )
    horizon_days = models.PositiveSmallIntegerField(
        default=60, validators=[MinValueValidator(1), MaxValueValidator(365)]
    )
    buffer_before_minutes = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(240)])
    buffer_after_minutes = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(240)])
    daily_limit = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(96)]
    )
    is_listed = models.BooleanField(default=True, help_text=_("Staff can hide an expert from the directory."))
    # Lowest price among active areas; NULL while the expert has none (hidden from the directory).
    from_price = models.PositiveIntegerField(null=True, blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)
    # The last date the expert can be booked on, kept by scheduling's availability services
    # (weekly hours: date.max; only extra hours: the last such date; NULL: none), so the
    # directory filters on a column instead of looking through every availability row.
    bookable_until = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(horizon_days__gte=1, horizon_days__lte=365), name="expert_horizon_1_365"
            ),
            models.CheckConstraint(
                condition=models.Q(daily_limit__isnull=True) | models.Q(daily_limit__gte=1),
                name="expert_daily_limit_positive",
            ),
        ]
        indexes = [
            models.Index(fields=["-created_at"], name="expert_newest_idx"),
            models.Index(fields=["from_price"], name="expert_from_price_idx"),
            # The directory's own rows (every directory query has this condition), newest
            # first, carrying the columns its other conditions read: its counts are an
            # index-only scan of this small index instead of a scan of the wide table.
            models.Index(
                fields=["-created_at", "-id"],
                include=["user", "bookable_until", "min_notice_minutes", "horizon_days"],
                condition=models.Q(is_listed=True, from_price__isnull=False),
                name="expert_listed_newest_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name or self.user.full_name


class ExpertArea(models.Model):
    """An area of expertise: a service a client can book, priced in the expert's currency.

    ``currency`` is the expert's currency when the price was last set; an area whose
    currency no longer matches the expert's cannot be active (see the services).
    """

    expert = models.ForeignKey(ExpertProfile, on_delete=models.CASCADE, related_name="areas")
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), validators=[validate_duration_minutes])
    price = models.PositiveIntegerField(
        _("price (minor units)"), validators=[MinValueValidator(1), MaxValueValidator(MAX_PRICE_MINOR)]
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("area of expertise")
        verbose_name_plural = _("areas of expertise")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duration_minutes__in=range(15, 241, 15)), name="area_duration_15_240_step_15"
            ),
            models.CheckConstraint(condition=models.Q(price__gt=0), name="area_price_positive"),
        ]
        indexes = [models.Index(fields=["expert", "active", "price"], name="area_expert_active_price_idx")]

    def __str__(self) -> str:
        return self.title
