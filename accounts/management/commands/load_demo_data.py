"""Demo accounts for `make run`: idempotent, so every start can call it."""

from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.models import Role, User
from accounts.services import user_create

DEMO_PASSWORD = "procusmeet-demo"
DEMO_USERS = [
    ("expert@demo.procusmeet.local", "Ada Obi", Role.EXPERT),
    ("client@demo.procusmeet.local", "Kofi Mensah", Role.CLIENT),
]


class Command(BaseCommand):
    help = "Create the demo expert and client (known passwords) unless they exist."

    @transaction.atomic
    def handle(self, *args, **options):
        for email, full_name, role in DEMO_USERS:
            if not User.objects.filter(email__iexact=email).exists():
                user_create(email=email, full_name=full_name, role=role, password=DEMO_PASSWORD)
        self.stdout.write(self.style.SUCCESS("Demo accounts (password for both: %s):" % DEMO_PASSWORD))
        for email, full_name, role in DEMO_USERS:
            self.stdout.write(f"  {role:<6}  {email}  ({full_name})")
