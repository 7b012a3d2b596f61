"""Users, client profiles and API sessions (refresh tokens)."""

from django.conf import settings
from django.contrib.auth.models import (
    AbstractBaseUser,
    BaseUserManager,
    PermissionsMixin,
)
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from scheduling.timezones import zone_names


class Role(models.TextChoices):
    CLIENT = "client", _("Client")
    EXPERT = "expert", _("Expert")


class Currency(models.TextChoices):
    NGN = "NGN", "NGN"
    GHS = "GHS", "GHS"
    ZAR = "ZAR", "ZAR"
    KES = "KES", "KES"
    USD = "USD", "USD"


def validate_timezone(value: str) -> None:
    if value not in zone_names():
        raise ValidationError(_("“%(value)s” is not an IANA time zone."), params={"value": value})


class UserManager(BaseUserManager):
    """Normalises emails to lower case so the login is case-insensitive.

    ``create_user`` and ``create_superuser`` (``manage.py createsuperuser``, tests) go
    through ``accounts.services.user_create`` like every other sign-up, so the user gets
    the profile of their role in the same transaction (SPEC §1).
    """

    use_in_migrations = True

    @classmethod
    def normalize_email(cls, email):
        """The one spelling of an address: lower case, with the domain as mail is sent to it.

        Django delivers to ``domain.encode("idna")`` (IDNA 2003), which folds spellings
        of one domain together: ``xn--`` punycode, full-width letters, a zero-width space,
        "ß" for "ss". Each of those must name the same account, not a second one that
        receives the first one's mail.
        """
        email = (super().normalize_email(email) or "").strip()
        name, at, domain = email.rpartition("@")
        if at:
            try:
                domain = domain.encode("idna").decode("idna")
            except UnicodeError:  # not a domain mail could be sent to; validation refuses it
                pass
        return f"{name}{at}{domain}".lower()

    def get_by_natural_key(self, username):
        # The address as typed first: an account whose address was saved before it had
        # one spelling (a web sign-up) keeps signing in as it did.
        typed = (username or "").strip()
        for spelling in dict.fromkeys([typed, self.normalize_email(typed)]):
            user = self.filter(email__iexact=spelling).first()
            if user is not None:
                return user
        raise self.model.DoesNotExist(f"No user with the email {typed!r}.")

    def create_user(self, email, password=None, *, full_name="", role=Role.CLIENT, **flags):
        # Imported here: the services import this module.
        from accounts.services import user_create

        return user_create(email=email, full_name=full_name, role=role, password=password, **flags)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("email"), max_length=254, unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.CLIENT)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("staff"), default=False)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    # Raised by "log out everywhere" (``accounts.services.user_logout_everywhere``). It is
    # part of the session auth hash, which Django checks on every request, so each browser
    # session signed in before the raise stops matching and is logged out.
    session_generation = models.PositiveIntegerField(default=0, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]
        # Public pages join every expert to their user (active, still an expert): this
        # small index lets the directory's counts read it without scanning all users.
        indexes = [
            models.Index(
                fields=["id"], condition=models.Q(is_active=True, role=Role.EXPERT), name="user_active_expert_idx"
            )
        ]

    def __str__(self) -> str:
        return self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_session_auth_hash(self) -> str:
        return self._session_hash(secret=None)

    def get_session_auth_fallback_hash(self):
        for fallback_secret in settings.SECRET_KEY_FALLBACKS:
            yield self._session_hash(secret=fallback_secret)

    def _session_hash(self, *, secret) -> str:
        # Generation 0 gives Django's own hash, so sessions from before the field stay valid.
        value = f"{self.password}:{self.session_generation}" if self.session_generation else self.password
        key_salt = "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash"
        return salted_hmac(key_salt, value, secret=secret, algorithm="sha256").hexdigest()

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def is_expert(self) -> bool:
        return self.role == Role.EXPERT

    @property
    def is_client(self) -> bool:
        return self.role == Role.CLIENT


class ClientProfile(models.Model):
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="client_profile")
    timezone = models.CharField(max_length=64, default="UTC", validators=[validate_timezone])
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Client {self.user.email}"


class RefreshSession(models.Model):
    """One API session: a refresh token stored only as its SHA-256 hash."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="refresh_sessions")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    user_agent = models.CharField(max_length=300, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "expires_at"])]

    def __str__(self) -> str:
        return f"Session {self.pk} of {self.user_id}"
