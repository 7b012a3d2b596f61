"""Shapes shared by the account API views: the ``/me`` object and token pairs.

``/me`` is flat: the user's own fields and their role profile's fields side by side,
so an integrator can PATCH ``{"horizon_days": 30}`` directly.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema_field
from rest_framework import serializers

from accounts.models import Currency, ExpertProfile, Role, User, validate_timezone
from accounts.services import PROFILE_EDITABLE_FIELDS
from accounts.storefront.public import expert_photo_url
from accounts.storefront.validators import validate_languages, validate_public_slug, validate_social_links
from scheduling.timezones import zone_or_none

_expert_field = ExpertProfile._meta.get_field


class TokenPairSerializer(serializers.Serializer):
    access = serializers.CharField()
    refresh = serializers.CharField()

    class Meta:
        ref_name = "TokenPair"


class _UserFields(serializers.Serializer):
    id = serializers.IntegerField()
    email = serializers.EmailField()
    full_name = serializers.CharField()
    role = serializers.ChoiceField(choices=Role.choices)
    date_joined = serializers.DateTimeField()


def _role_field(role: Role) -> serializers.CharField:
    """The ``role`` of one ``/me`` variant: a one-value enum in the schema, so each
    ``/me`` object matches exactly one branch of the ``Me`` ``oneOf`` (an expert's has
    every client field too, and would otherwise match both, which a validator refuses)."""
    field_class = type(f"{role.name.title()}RoleField", (serializers.CharField,), {})
    return extend_schema_field({"type": "string", "enum": [role.value]})(field_class)()


class ClientMeSerializer(_UserFields):
    role = _role_field(Role.CLIENT)
    timezone = serializers.CharField(source="client_profile.timezone")

    class Meta:
        ref_name = "ClientMe"


class ExpertMeSerializer(_UserFields):
    role = _role_field(Role.EXPERT)
    display_name = serializers.CharField(source="expert_profile.display_name")
    headline = serializers.CharField(source="expert_profile.headline")
    bio = serializers.CharField(source="expert_profile.bio")
    languages = serializers.ListField(child=serializers.CharField(), source="expert_profile.languages")
    categories = serializers.SerializerMethodField()
    slug = serializers.CharField(source="expert_profile.slug")
    timezone = serializers.CharField(source="expert_profile.timezone")
    currency = serializers.ChoiceField(choices=Currency.choices, source="expert_profile.currency")
    min_notice_minutes = serializers.IntegerField(source="expert_profile.min_notice_minutes")
    horizon_days = serializers.IntegerField(source="expert_profile.horizon_days")
    buffer_before_minutes = serializers.IntegerField(source="expert_profile.buffer_before_minutes")
    buffer_after_minutes = serializers.IntegerField(source="expert_profile.buffer_after_minutes")
    daily_limit = serializers.IntegerField(source="expert_profile.daily_limit", allow_null=True)
    years_experience = serializers.IntegerField(source="expert_profile.years_experience")
    social_links = serializers.ListField(child=serializers.URLField(), source="expert_profile.social_links")
    photo_url = serializers.SerializerMethodField()

    class Meta:
        ref_name = "ExpertMe"

    def get_photo_url(self, user: User) -> str | None:
        profile = getattr(user, "expert_profile", None)
        return expert_photo_url(profile) if profile else None

    @extend_schema_field(serializers.ListField(child=serializers.SlugField()))
    def get_categories(self, user: User) -> list[str]:
        profile = getattr(user, "expert_profile", None)
        return [category.slug for category in profile.categories.all()] if profile else []


MeSerializer = PolymorphicProxySerializer(
    component_name="Me",
    serializers={Role.CLIENT.value: ClientMeSerializer, Role.EXPERT.value: ExpertMeSerializer},
    resource_type_field_name="role",
)


def me_data(user: User) -> dict:
    """The ``/me`` object of a user loaded by ``selectors.user_get_with_profile``."""
    serializer = ExpertMeSerializer if user.role == Role.EXPERT else ClientMeSerializer
    return serializer(user).data


class OnlyKnownFields(serializers.Serializer):
    """Input that names every field it will not take, instead of ignoring it: a
    misspelt or read-only field that silently does nothing looks like success."""

    def to_internal_value(self, data):
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError({name: [self._refusal(name)] for name in unknown})
        return super().to_internal_value(data)

    def _refusal(self, name: str) -> str:
        return str(_("Unknown field."))


class _MeUpdateFields(OnlyKnownFields):
    def _refusal(self, name: str) -> str:
        if name in PROFILE_EDITABLE_FIELDS[Role.EXPERT]:
            return str(_("Only experts have this setting."))
        if name in ExpertMeSerializer().fields:
            return str(_("This field cannot be changed here."))
        return str(_("Unknown field."))


class _LowercaseCharField(serializers.CharField):
    """Text whose case carries no meaning (a profile address, a language code): lowered
    before the field's rules check it, as the profile service does, so "Bob-Tax" is saved
    as "bob-tax" instead of being refused for its capitals."""

    def to_internal_value(self, data):
        return super().to_internal_value(data).lower()


class ZoneNameField(serializers.CharField):
    """An IANA zone in any case ("europe/berlin") or legacy spelling ("Asia/Calcutta"),
    taken under its canonical current name, as the slots API reads ``?tz=``; a name
    tzdata does not know is refused."""

    def __init__(self, **kwargs):
        super().__init__(max_length=64, validators=[validate_timezone], **kwargs)

    def to_internal_value(self, data):
        name = super().to_internal_value(data)
        zone = zone_or_none(name)
        return zone.key if zone is not None else name


class _CurrencyField(serializers.ChoiceField):
    """A currency code in any case ("usd"), as the areas API takes one."""

    def to_internal_value(self, data):
        return super().to_internal_value(data.strip().upper() if isinstance(data, str) else data)


class ClientMeUpdateSerializer(_MeUpdateFields):
    full_name = serializers.CharField(max_length=150)
    timezone = ZoneNameField()

    class Meta:
        ref_name = "ClientMeUpdate"


class ExpertMeUpdateSerializer(ClientMeUpdateSerializer):
    display_name = serializers.CharField(max_length=_expert_field("display_name").max_length)
    headline = serializers.CharField(max_length=_expert_field("headline").max_length, allow_blank=True)
    bio = serializers.CharField(max_length=_expert_field("bio").max_length, allow_blank=True)
    languages = serializers.ListField(child=_LowercaseCharField(max_length=8), validators=[validate_languages])
    slug = _LowercaseCharField(max_length=80, validators=[validate_public_slug])
    currency = _CurrencyField(choices=Currency.choices)
    min_notice_minutes = serializers.IntegerField(min_value=0, max_value=60 * 24 * 30)
    horizon_days = serializers.IntegerField(min_value=1, max_value=365)
    buffer_before_minutes = serializers.IntegerField(min_value=0, max_value=240)
    buffer_after_minutes = serializers.IntegerField(min_value=0, max_value=240)
    daily_limit = serializers.IntegerField(min_value=1, max_value=96, allow_null=True)
    categories = serializers.ListField(child=serializers.SlugField(), help_text="Category slugs; replaces the set.")
    years_experience = serializers.IntegerField(min_value=0, max_value=70)
    social_links = serializers.ListField(child=serializers.CharField(max_length=200), validators=[validate_social_links])

    class Meta:
        ref_name = "ExpertMeUpdate"

