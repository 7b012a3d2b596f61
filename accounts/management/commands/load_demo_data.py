"""Demo accounts and storefront for `make run`: idempotent, so every start can call it."""

from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.models import ExpertProfile, Role, User
from accounts.services import user_create
from accounts.storefront.demo import EXPERTS, demo_storefront_load
from scheduling.services import demo_availability_ensure

DEMO_PASSWORD = "procusmeet-demo"
DEMO_USERS = [
    ("expert@demo.procusmeet.local", "Ada Obi", Role.EXPERT),
    ("client@demo.procusmeet.local", "Kofi Mensah", Role.CLIENT),
]


class Command(BaseCommand):
    help = "Create the demo expert and client (known passwords) and the demo experts' storefronts unless they exist."

    @transaction.atomic
    def handle(self, *args, **options):
        for email, full_name, role in DEMO_USERS:
            if not User.objects.filter(email__iexact=email).exists():
                user_create(email=email, full_name=full_name, role=role, password=DEMO_PASSWORD)
        created = demo_storefront_load(password=DEMO_PASSWORD)
        # Demo experts made before availability existed get their weekly hours too.
        for profile in ExpertProfile.objects.filter(user__email__endswith="@demo.procusmeet.local"):
            demo_availability_ensure(expert=profile)
        self.stdout.write(self.style.SUCCESS("Demo accounts (password for both: %s):" % DEMO_PASSWORD))
        for email, full_name, role in DEMO_USERS:
            self.stdout.write(f"  {role:<6}  {email}  ({full_name})")
        self.stdout.write(
            f"  {len(EXPERTS)} demo experts in the directory (same password; {created} set up now), "
            "e.g. kwame@demo.procusmeet.local"
        )
