"""Directory benchmark: search and filters over 10,000 experts (3 services each),
against a bare JSON endpoint of the same app (``/healthz``), in the same run.

Run from the repository root: ``python bench/bench_directory.py``. It uses its own
PostgreSQL database (``BENCH_DATABASE_URL``, default ``procusmeet_bench`` on the local
server), created and migrated when missing; the experts are seeded once with
``bulk_create`` (and the directory columns filled by the same bulk refresh the services
use). Requests go through Django's test client: the whole middleware stack and DRF, no
network. Prints one line per request kind: medians and the ratio request / bare.

Every expert is free on weekdays, so "available this week" keeps all 10,000 in its SQL
part and the slot engine decides only for the page shown; the "cold slot cache" rows
clear the cache before each request, so they pay that engine run for a whole page.
"""

import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/procusmeet_bench")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "procusmeet.settings")
os.environ["RATELIMIT_ENABLE"] = "false"  # thousands of requests from one address
os.environ["DJANGO_DEBUG"] = "false"

import django

EXPERTS = 10_000
DOMAIN = "bench-directory.procusmeet.local"
ROUNDS, PER_ROUND = 20, 5
BARE_URL = "/healthz"
REQUESTS = {
    "search 'visa interview'": "/api/v1/experts?q=visa+interview",
    "search prefix 'fintech prod'": "/api/v1/experts?q=fintech+prod",
    "search, sorted by price": "/api/v1/experts?q=career&sort=price",
    "filters: category+language+price+currency": (
        "/api/v1/experts?category=law&language=yo&currency=NGN&min_price=1000000&max_price=5000000"
    ),
    "category, sorted by price": "/api/v1/experts?category=technology&sort=price",
    "everyone, newest first": "/api/v1/experts",
    "page 50 of everyone": "/api/v1/experts?page=50",
    "directory page (HTML), search": "/experts/?q=product+design",
    "available this week": "/api/v1/experts?available=week",
    "available this week, search, sorted by price": "/api/v1/experts?available=week&q=career&sort=price",
    "directory page (HTML), available this week": "/experts/?available=week",
}
# Every page computes its experts' next free slots, cached per expert (scheduling.next_slots);
# these requests clear the cache first, so each pays the slot engine for its whole page.
COLD_REQUESTS = {
    "available this week, cold slot cache": "/api/v1/experts?available=week",
    "everyone, newest first, cold slot cache": "/api/v1/experts",
}

FIRST = ["Ada", "Chidi", "Amina", "Kwame", "Efua", "Thandi", "Pieter", "Wanjiru", "Otieno", "Zainab", "Daniel",
         "Fatou", "Grace", "Tunde", "Ngozi", "Sipho", "Lerato", "Kofi", "Abena", "Musa", "Halima", "Yaw", "Nia"]
LAST = ["Obi", "Okafor", "Bello", "Asante", "Mensah", "Nkosi", "van Wyk", "Kamau", "Ochieng", "Yusuf", "Mekonnen",
        "Diop", "Mwangi", "Adeyemi", "Eze", "Dlamini", "Moyo", "Boateng", "Owusu", "Abubakar", "Banda", "Ndlovu"]
ROLES = ["lawyer", "software engineer", "product designer", "accountant", "career coach", "data scientist",
         "brand strategist", "dietitian", "founder", "study-abroad adviser", "product manager", "tax adviser"]
FIELDS = ["fintech", "immigration", "agriculture", "health", "education", "e-commerce", "energy", "media",
          "logistics", "real estate", "telecoms", "banking"]
TOPICS = ["Visa interview prep", "Career change plan", "Portfolio review", "Pitch deck review", "Tax health check",
          "System design interview", "Product design critique", "Nutrition consultation", "CV rewrite",
          "Fundraising strategy", "Lease agreement review", "Data science mentoring", "Brand positioning",
          "Study abroad application", "Product management interview", "Code review"]
CATEGORIES = ["Business", "Careers", "Design", "Education", "Finance", "Health", "Law", "Marketing", "Technology"]
CURRENCIES = [("NGN", "Africa/Lagos"), ("GHS", "Africa/Accra"), ("ZAR", "Africa/Johannesburg"),
              ("KES", "Africa/Nairobi"), ("USD", "America/New_York")]
LANGUAGES = ["en", "fr", "yo", "ig", "ha", "tw", "zu", "sw", "am", "af"]  # fmt: skip


def _profile_values(rng: random.Random, n: int) -> dict:
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    role, field = rng.choice(ROLES), rng.choice(FIELDS)
    currency, zone = rng.choice(CURRENCIES)
    return {
        "name": name,
        "slug": f"bench-{n}",
        "headline": f"{role.capitalize()} in {field}",
        "bio": f"I have worked as a {role} in {field} for {rng.randint(2, 25)} years. "
        f"Ask me about {rng.choice(TOPICS).lower()} and {rng.choice(TOPICS).lower()}.",
        "currency": currency,
        "timezone": zone,
        "languages": ["en", *rng.sample(LANGUAGES[1:], rng.randint(0, 2))],
    }


def experts_seed() -> int:
    """10,000 listed experts with 3 services, 1–2 categories and weekly hours (once)."""
    from django.db import transaction

    from accounts.models import Category, ExpertArea, ExpertProfile, Role, User
    from accounts.storefront.bio import bio_render
    from accounts.storefront.search import expert_directory_refresh
    from scheduling.models import WeeklyRange

    existing = User.objects.filter(email__endswith=f"@{DOMAIN}").count()
    if existing >= EXPERTS:
        return existing
    rng = random.Random(10_000)
    with transaction.atomic():
        User.objects.filter(email__endswith=f"@{DOMAIN}").delete()
        categories = [Category.objects.get_or_create(name=name, defaults={"slug": name.lower()})[0] for name in CATEGORIES]
        values = [_profile_values(rng, n) for n in range(EXPERTS)]
        users = User.objects.bulk_create(
            User(email=f"expert{n}@{DOMAIN}", full_name=v["name"], role=Role.EXPERT, password="!")
            for n, v in enumerate(values)
        )
        profiles = ExpertProfile.objects.bulk_create(
            ExpertProfile(
                user=user, display_name=v["name"], slug=v["slug"], headline=v["headline"], bio=v["bio"],
                bio_html=bio_render(v["bio"]), currency=v["currency"], timezone=v["timezone"],
                languages=v["languages"], years_experience=rng.randint(1, 30),
            )
            for user, v in zip(users, values, strict=True)
        )  # fmt: skip
        ExpertArea.objects.bulk_create(
            ExpertArea(
                expert=profile, title=title, description="A focused one-to-one call.", currency=profile.currency,
                duration_minutes=rng.choice((30, 45, 60)), price=rng.randrange(5_000, 10_000_000, 500),
            )
            for profile in profiles
            for title in rng.sample(TOPICS, 3)
        )  # fmt: skip
        through = ExpertProfile.categories.through
        through.objects.bulk_create(
            through(expertprofile_id=profile.pk, category_id=category.pk)
            for profile in profiles
            for category in rng.sample(categories, rng.randint(1, 2))
        )
        WeeklyRange.objects.bulk_create(
            WeeklyRange(expert=profile, weekday=day, start_minute=9 * 60, end_minute=17 * 60)
            for profile in profiles
            for day in range(5)
        )
        expert_directory_refresh(expert_ids=[profile.pk for profile in profiles])
    return EXPERTS


def timed(client, url: str, runs: int, *, cold: bool = False) -> list[float]:
    from django.core.cache import cache

    samples = []
    for _ in range(runs):
        if cold:
            cache.clear()
        started = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
    return samples


def main() -> None:
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    call_command("create_database")  # the bench database, on first use
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    seeded = experts_seed()
    with connection.cursor() as cursor:
        # VACUUM as well: a live server's autovacuum keeps the visibility map current,
        # which the directory's index-only counts rely on; right after a bulk load (or
        # with autovacuum off) nothing would have set it yet.
        cursor.execute("VACUUM ANALYZE")
    print(f"{seeded} experts × 3 services ready in {time.perf_counter() - started:.1f} s")

    client = Client()
    kinds = [
        (BARE_URL, False),
        *((url, False) for url in REQUESTS.values()),
        *((url, True) for url in COLD_REQUESTS.values()),
    ]
    for url, cold in kinds:
        timed(client, url, 3, cold=cold)  # warm connections, imports, plans
    samples = {kind: [] for kind in kinds}
    for _ in range(ROUNDS):  # interleaved: drift in machine load hits every kind alike
        for url, cold in samples:
            samples[url, cold] += timed(client, url, PER_ROUND, cold=cold)
    bare_ms = statistics.median(samples[BARE_URL, False])
    print(f"bare JSON {BARE_URL}: median {bare_ms:.3f} ms")
    labelled = [
        *((label, url, False) for label, url in REQUESTS.items()),
        *((label, url, True) for label, url in COLD_REQUESTS.items()),
    ]
    for label, url, cold in labelled:
        count = client.get(url).json()["count"] if url.startswith("/api/") else "page"
        median = statistics.median(samples[url, cold])
        p95 = statistics.quantiles(samples[url, cold], n=20)[-1]
        print(f"{label} ({count} matches): median {median:.2f} ms, p95 {p95:.2f} ms: ratio {median / bare_ms:.1f}× bare")


if __name__ == "__main__":
    main()
