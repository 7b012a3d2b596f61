"""Demo storefront for `make run`: realistic experts in several categories, time zones
and currencies, with photos drawn locally by Pillow (no downloads).

Every write goes through the services; ``demo_storefront_load`` is idempotent (an
expert whose email exists is left as it is).
"""

import colorsys
import io
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw, ImageFont

from accounts.models import Category, ExpertProfile, Role, User
from accounts.services import user_create
from accounts.storefront.services import (
    category_create,
    expert_photo_set,
    expert_profile_update,
)
from accounts.storefront.services_areas import area_create
from scheduling.services import RangeSpec, weekly_ranges_replace

CATEGORIES = ["Business", "Careers", "Design", "Education", "Finance", "Health", "Law", "Marketing", "Technology"]
WORKING_WEEK = [RangeSpec(weekday, 9 * 60, 17 * 60) for weekday in range(5)]


@dataclass(frozen=True)
class DemoExpert:
    email: str
    name: str
    headline: str
    bio: str
    categories: list[str]
    languages: list[str]
    timezone: str
    currency: str
    years: int
    areas: list[tuple[str, str, int, int]]  # title, description, minutes, price in minor units
    links: tuple[str, ...] = ()


EXPERTS = [
    DemoExpert("expert@demo.procusmeet.local", "Ada Obi", "Product designer, 10 years in fintech",
               "I lead design at a Lagos payments company and have hired **over 40 designers**.\n\n"
               "- Portfolio reviews that get you interviews\n- Moving from graphic to product design",
               ["design", "careers"], ["en", "ig"], "Africa/Lagos", "NGN", 10,
               [("Portfolio review", "Honest, specific feedback on your case studies.", 45, 2_500_000),
                ("Design career chat", "Where to go next and how to get there.", 30, 1_500_000)],
               ("https://www.linkedin.com/in/ada-obi-demo",)),
    DemoExpert("chidi@demo.procusmeet.local", "Chidi Okafor", "Founder, raised seed and Series A in Lagos",
               "Two startups, one exit. I help founders prepare pitch decks and talk to investors.",
               ["business", "finance"], ["en", "ig", "pcm"], "Africa/Lagos", "NGN", 12,
               [("Pitch deck teardown", "We go through your deck slide by slide.", 60, 5_000_000),
                ("Fundraising strategy", "Who to talk to, when, and what to ask for.", 45, 3_500_000)]),
    DemoExpert("amina@demo.procusmeet.local", "Amina Bello", "Chartered accountant for small businesses",
               "I keep SMEs on the right side of FIRS. Bookkeeping, VAT and payroll made simple.",
               ["finance"], ["en", "ha"], "Africa/Lagos", "NGN", 15,
               [("Tax health check", "A review of your filings and the risks in them.", 30, 1_200_000)]),
    DemoExpert("kwame@demo.procusmeet.local", "Kwame Asante", "Senior backend engineer (Go, Python)",
               "I build payment systems in Accra and mentor engineers preparing for international roles.",
               ["technology", "careers"], ["en", "tw"], "Africa/Accra", "GHS", 9,
               [("System design interview", "A realistic mock interview with feedback.", 60, 60_000),
                ("Code review", "Bring a pull request; leave with a plan.", 30, 25_000)],
               ("https://github.com/kwame-demo",)),
    DemoExpert("efua@demo.procusmeet.local", "Efua Mensah", "Study-abroad adviser, UK and Canada",
               "I have guided 300 students through applications, scholarships and visas.",
               ["education"], ["en", "tw", "ee"], "Africa/Accra", "GHS", 7,
               [("Application strategy", "Choosing programmes and writing a strong statement.", 45, 40_000)]),
    DemoExpert("thandi@demo.procusmeet.local", "Thandi Nkosi", "Career coach for mid-career changes",
               "Changing careers after thirty is normal. I help you plan the move and tell the story.",
               ["careers"], ["en", "zu", "xh"], "Africa/Johannesburg", "ZAR", 11,
               [("Career change plan", "Map your skills to the roles you want.", 60, 90_000),
                ("CV rewrite session", "We rewrite your CV together, live.", 45, 65_000)]),
    DemoExpert("pieter@demo.procusmeet.local", "Pieter van Wyk", "Property lawyer, Cape Town",
               "Buying, selling or renting property in South Africa: contracts and pitfalls explained.",
               ["law"], ["en", "af"], "Africa/Johannesburg", "ZAR", 18,
               [("Lease agreement review", "Before you sign, know what you agree to.", 30, 75_000)]),
    DemoExpert("wanjiru@demo.procusmeet.local", "Wanjiru Kamau", "Agribusiness consultant",
               "From smallholder to supplier: I help farmers and agri-startups reach buyers.",
               ["business"], ["en", "sw", "ki"], "Africa/Nairobi", "KES", 14,
               [("Market access plan", "Routes to market for your produce.", 60, 450_000)]),
    DemoExpert("otieno@demo.procusmeet.local", "Otieno Ochieng", "Data scientist, machine learning in production",
               "I help analysts become data scientists and teams ship their first models.",
               ["technology"], ["en", "sw"], "Africa/Nairobi", "KES", 8,
               [("Data science career chat", "Skills, portfolio and getting hired.", 30, 250_000),
                ("Model review", "A second pair of eyes on your ML project.", 60, 500_000)]),
    DemoExpert("grace@demo.procusmeet.local", "Grace Mwangi", "Registered dietitian",
               "Practical nutrition for busy people, diabetes and sports.",
               ["health"], ["en", "sw"], "Africa/Nairobi", "KES", 6,
               [("Nutrition consultation", "A plan that fits your life and budget.", 45, 300_000)]),
    DemoExpert("zainab@demo.procusmeet.local", "Zainab Yusuf", "UK immigration solicitor",
               "Skilled worker, student and family visas to the UK, from a solicitor who has done hundreds.",
               ["law"], ["en", "ha", "ar"], "Europe/London", "USD", 13,
               [("UK visa consultation", "Your options and the documents you need.", 45, 9_000),
                ("Application document check", "We check your file before you submit.", 30, 6_000)]),
    DemoExpert("daniel@demo.procusmeet.local", "Daniel Mekonnen", "Product manager at a US fintech",
               "I help engineers and designers move into product management.",
               ["careers", "technology"], ["en", "am"], "America/New_York", "USD", 10,
               [("PM interview practice", "Product sense and execution questions.", 60, 12_000)]),
    DemoExpert("fatou@demo.procusmeet.local", "Fatou Diop", "Brand strategist for African consumer brands",
               "Naming, positioning and launch campaigns, from Dakar to Lagos.",
               ["marketing", "business"], ["fr", "wo", "en"], "Africa/Dakar", "USD", 9,
               [("Brand positioning session", "Sharpen who you are for and why.", 60, 10_000)]),
]  # fmt: skip


def demo_photo(name: str, hue: float) -> bytes:
    """A 512×512 portrait placeholder: a soft two-colour gradient and the initials."""
    size = 512
    top = tuple(int(c * 255) for c in colorsys.hls_to_rgb(hue, 0.45, 0.55))
    bottom = tuple(int(c * 255) for c in colorsys.hls_to_rgb((hue + 0.08) % 1, 0.30, 0.60))
    image = Image.new("RGB", (size, size))
    draw = ImageDraw.Draw(image)
    for y in range(size):
        mix = y / (size - 1)
        draw.line([(0, y), (size, y)], fill=tuple(int(t + (b - t) * mix) for t, b in zip(top, bottom, strict=True)))
    initials = "".join(part[0] for part in name.split()[:2]).upper()
    font = ImageFont.load_default(size=190)
    draw.text((size / 2, size / 2), initials, font=font, fill=(255, 255, 255), anchor="mm")
    output = io.BytesIO()
    image.save(output, "PNG")
    return output.getvalue()


def _categories() -> dict[str, Category]:
    existing = {category.name: category for category in Category.objects.filter(name__in=CATEGORIES)}
    for name in CATEGORIES:
        if name not in existing:
            existing[name] = category_create(name=name)
    return {category.slug: category for category in existing.values()}


def _storefront(profile: ExpertProfile, demo: DemoExpert, hue: float) -> None:
    profile = expert_profile_update(
        profile=profile,
        display_name=demo.name,
        headline=demo.headline,
        bio=demo.bio,
        categories=demo.categories,
        languages=demo.languages,
        timezone=demo.timezone,
        currency=demo.currency,
        years_experience=demo.years,
        social_links=list(demo.links),
    )
    for title, description, minutes, price in demo.areas:
        area_create(expert=profile, title=title, description=description, duration_minutes=minutes, price=price)
    photo = SimpleUploadedFile("demo.png", demo_photo(demo.name, hue), content_type="image/png")
    expert_photo_set(profile=profile, upload=photo)
    weekly_ranges_replace(expert=profile, ranges=WORKING_WEEK)


def demo_storefront_load(*, password: str) -> int:
    """Create the demo experts that do not exist yet; returns how many were created.

    The first one is the pre-existing demo expert account: it gets its storefront the
    first time it has no services.
    """
    _categories()
    created = 0
    for index, demo in enumerate(EXPERTS):
        user = User.objects.filter(email__iexact=demo.email).first()
        if user is None:
            user = user_create(email=demo.email, full_name=demo.name, role=Role.EXPERT, password=password)
        elif user.expert_profile.areas.exists():
            continue
        _storefront(user.expert_profile, demo, hue=index / len(EXPERTS))
        created += 1
    return created
