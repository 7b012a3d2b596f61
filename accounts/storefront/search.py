"""Directory search: the stored ``search_vector`` and ``from_price`` columns and the
query built from what a visitor types.

The vector is kept up to date by the storefront services (one UPDATE per change) and
carries name (weight A), headline and active area titles (B) and bio (C). Stored, so
a search over 10,000 experts is one GIN index scan rather than 10,000 ``to_tsvector``
calls. On SQLite (the embedded default) there is no vector and the selectors fall back
to ``icontains``.
"""

import re
from collections.abc import Iterable

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Min, OuterRef, Subquery, TextField, Value
from django.db.models.functions import Coalesce

from accounts.models import ExpertArea, ExpertProfile
from scheduling.selectors import bookable_until_expression

SEARCH_CONFIG = "english"
MAX_TERMS = 8
_WORD = re.compile(r"[^\W_]+")


def full_text_enabled() -> bool:
    return connection.vendor == "postgresql"


def search_terms(text: str) -> list[str]:
    """Words of the query, lower-cased; punctuation (tsquery operators) never gets through."""
    return _WORD.findall(text.lower())[:MAX_TERMS]


def search_query(text: str) -> SearchQuery | None:
    """Every word must match; the last one as a prefix, so live search finds "consul…"."""
    terms = search_terms(text)
    if not terms:
        return None
    terms[-1] = f"{terms[-1]}:*"
    return SearchQuery(" & ".join(terms), search_type="raw", config=SEARCH_CONFIG)


def expert_directory_refresh(*, expert_ids: Iterable[int] | None = None) -> int:
    """Recompute ``from_price``, ``bookable_until`` (and the search vector on PostgreSQL)
    in one UPDATE.

    ``expert_ids=None`` refreshes every expert (bulk loads, benchmarks).
    """
    profiles = ExpertProfile.objects.all() if expert_ids is None else ExpertProfile.objects.filter(pk__in=list(expert_ids))
    active = ExpertArea.objects.filter(expert=OuterRef("pk"), active=True).order_by().values("expert")
    updates = {
        "from_price": Subquery(active.annotate(lowest=Min("price")).values("lowest")),
        # Bulk loads write availability rows directly; this keeps the directory's view of them.
        "bookable_until": bookable_until_expression(),
    }
    if full_text_enabled():
        titles = Subquery(
            active.annotate(titles=StringAgg("title", Value(" "))).values("titles"), output_field=TextField()
        )
        updates["search_vector"] = (
            SearchVector("display_name", weight="A", config=SEARCH_CONFIG)
            + SearchVector("headline", weight="B", config=SEARCH_CONFIG)
            + SearchVector(Coalesce(titles, Value(""), output_field=TextField()), weight="B", config=SEARCH_CONFIG)
            + SearchVector("bio", weight="C", config=SEARCH_CONFIG)
        )
    return profiles.update(**updates)
