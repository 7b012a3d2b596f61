"""The public directory and profiles through the API (anyone, no authentication).

Only public fields ever leave: the serializer below is the whole list.
"""

import datetime as dt
from functools import partial

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.storefront.availability import experts_next_slot_attach
from accounts.storefront.forms import DirectoryFilterForm
from accounts.storefront.paging import DirectoryPaginator
from accounts.storefront.public import expert_page_url, expert_photo_url
from accounts.storefront.selectors import Available, expert_public_get, experts_directory
from procusmeet.api.errors import NotFound
from procusmeet.api.pagination import PagePagination
from procusmeet.api.schema import error_responses
from reviews.selectors import rating_of


class PublicAreaSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField()
    duration_minutes = serializers.IntegerField()
    price = serializers.IntegerField(help_text="Integer minor units of `currency`.")
    currency = serializers.CharField()

    class Meta:
        ref_name = "PublicArea"


class RatingSerializer(serializers.Serializer):
    average = serializers.FloatField()
    count = serializers.IntegerField()

    class Meta:
        ref_name = "RatingSummary"


class PublicExpertSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    url = serializers.SerializerMethodField(help_text="Absolute address of the public profile page.")
    display_name = serializers.CharField()
    headline = serializers.CharField()
    bio = serializers.CharField(help_text="The bio as written (plain text or simple Markdown).")
    bio_html = serializers.CharField(help_text="The bio rendered to sanitised HTML.")
    photo_url = serializers.SerializerMethodField()
    languages = serializers.ListField(child=serializers.CharField(), help_text="ISO 639 language codes.")
    categories = serializers.SerializerMethodField()
    currency = serializers.CharField()
    timezone = serializers.CharField()
    years_experience = serializers.IntegerField()
    social_links = serializers.ListField(child=serializers.URLField())
    from_price = serializers.IntegerField(allow_null=True, help_text="Lowest active area price, minor units.")
    areas = PublicAreaSerializer(many=True, source="active_areas", help_text="Active areas, cheapest first.")
    rating = serializers.SerializerMethodField(help_text="Null until the expert has reviews.")
    next_slot = serializers.DateTimeField(
        allow_null=True,
        default_timezone=dt.UTC,
        help_text="The soonest free start for any active area (RFC 3339, UTC), or null when nothing is free "
        "within the expert's booking horizon. Book it through `/experts/{id}/slots` and `/bookings`.",
    )

    class Meta:
        ref_name = "PublicExpert"

    def to_representation(self, profile) -> dict:
        """The fields declared above, written out: DRF's generic walk over them (field
        lookups, nested serializer, per-value checks) was most of the time a directory
        page spent in Python. The declarations still make the schema, and
        tests/storefront/test_directory_representation.py holds this to DRF's own output.
        """
        return {
            "id": profile.pk,
            "slug": profile.slug,
            "url": self.get_url(profile),
            "display_name": profile.display_name,
            "headline": profile.headline,
            "bio": profile.bio,
            "bio_html": profile.bio_html,
            "photo_url": self.get_photo_url(profile),
            "languages": _strings(profile.languages),
            "categories": self.get_categories(profile),
            "currency": profile.currency,
            "timezone": profile.timezone,
            "years_experience": profile.years_experience,
            "social_links": _strings(profile.social_links),
            "from_price": profile.from_price,
            "areas": [
                {
                    "id": area.pk,
                    "title": area.title,
                    "description": area.description,
                    "duration_minutes": area.duration_minutes,
                    "price": area.price,
                    "currency": area.currency,
                }
                for area in profile.active_areas
            ],
            "rating": self.get_rating(profile),
            "next_slot": self.fields["next_slot"].to_representation(profile.next_slot),  # RFC 3339, UTC
        }

    def get_url(self, profile) -> str:
        return expert_page_url(profile)

    def get_photo_url(self, profile) -> str | None:
        return expert_photo_url(profile)

    def get_categories(self, profile) -> list[str]:
        return [category.slug for category in profile.categories.all()]

    @extend_schema_field(RatingSerializer(allow_null=True))
    def get_rating(self, profile) -> dict | None:
        rating = rating_of(profile)
        return None if rating is None else {"average": float(rating.average), "count": rating.count}


def _strings(values: list) -> list:
    """A ``ListField`` of ``CharField``/``URLField`` values as DRF writes it."""
    return [None if value is None else str(value) for value in values]


_FILTER_PARAMETERS = [
    OpenApiParameter("q", str, description="Words to find in name, headline, bio and service titles."),
    OpenApiParameter("category", str, description="Category slug."),
    OpenApiParameter("language", str, description="ISO 639 language code, e.g. `en`, `yo`."),
    OpenApiParameter("currency", str, enum=["NGN", "GHS", "ZAR", "KES", "USD"]),
    OpenApiParameter("min_price", int, description="Has an active service at or above this price (minor units)."),
    OpenApiParameter("max_price", int, description="Has an active service at or below this price (minor units)."),
    OpenApiParameter(
        "sort",
        str,
        enum=["relevance", "price", "newest", "rating"],
        description="Default: relevance with `q`, else newest. `rating`: best average first, unrated last.",
    ),
    OpenApiParameter(
        "available",
        str,
        enum=["week"],
        description="`week`: only experts with a free start (`next_slot`) in the next 7 days, for any active area. "
        "Each page is checked against the slot engine, so a page may hold fewer than `page_size` experts and "
        "`count` is an upper bound (exact when all results fit on one page).",
    ),
]


class ExpertListApi(APIView):
    pagination_class = PagePagination  # so the schema shows the paginated envelope
    permission_classes = [AllowAny]
    authentication_classes: list = []  # public: no session, no CSRF, cacheable

    @extend_schema(
        operation_id="experts_list",
        parameters=_FILTER_PARAMETERS,
        responses={200: PublicExpertSerializer(many=True), **error_responses(400)},
    )
    def get(self, request):
        form = DirectoryFilterForm(request.query_params)
        if not form.is_valid():
            raise ValidationError({field: list(errors) for field, errors in form.errors.items()})
        filters, now = form.filters(), timezone.now()
        paginator = PagePagination()
        paginator.django_paginator_class = partial(
            DirectoryPaginator, now=now, free_this_week=filters.available == Available.WEEK
        )
        page = paginator.paginate_queryset(experts_directory(filters=filters, now=now), request, view=self)
        return paginator.get_paginated_response(PublicExpertSerializer(page, many=True).data)


class ExpertDetailApi(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(operation_id="experts_retrieve", responses={200: PublicExpertSerializer, **error_responses(404)})
    def get(self, request, expert_id: int):
        profile = expert_public_get(pk=expert_id)
        if profile is None:
            raise NotFound(_("No such expert."))
        experts_next_slot_attach([profile], now=timezone.now())
        return Response(PublicExpertSerializer(profile).data)
