"""The slots endpoint reads plain queries without its serializer, and never differently."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.http import QueryDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scheduling.api.views_slots import SlotsApi, plain_query

NOW = dt.datetime(2026, 10, 20, 23, 30, tzinfo=dt.UTC)  # already the 21st east of UTC+00:30


def query(**params: str) -> QueryDict:
    data = QueryDict(mutable=True)
    for name, value in params.items():
        data[name] = value
    return data


def serializer_reading(data: QueryDict) -> dict | None:
    reading = SlotsApi.InputSerializer(data=data)
    return dict(reading.validated_data) if reading.is_valid() else None


def test_a_plain_query_is_read_without_the_serializer(frozen_now):
    frozen_now(NOW)
    assert plain_query(query(area="3", tz="Africa/Lagos", **{"from": "2026-10-21", "to": "2026-10-22"})) == {
        "area": 3,
        "tz": ZoneInfo("Africa/Lagos"),
        "from": dt.date(2026, 10, 21),
        "to": dt.date(2026, 10, 22),
    }
    # defaults: UTC, and the seven days from today in that zone
    assert plain_query(query(area="3")) == {
        "area": 3,
        "tz": ZoneInfo("UTC"),
        "from": dt.date(2026, 10, 20),
        "to": dt.date(2026, 10, 26),
    }


def test_anything_unusual_is_left_to_the_serializer(frozen_now):
    frozen_now(NOW)
    for unusual in [{"area": "007"}, {"area": "3", "tz": " UTC"}, {"area": "3", "from": ""}, {"area": "3", "tz": ""}]:
        assert plain_query(query(**unusual)) is None
        assert serializer_reading(query(**unusual)) is not None  # still a valid query
    for wrong in [{}, {"area": "0"}, {"area": "3", "tz": "Mars/Olympus_Mons"}, {"area": "3", "from": "2026-02-30"},
                  {"area": "3", "from": "2026-10-25", "to": "2026-10-24"}, {"area": "3", "to": "2026-12-31"}]:
        assert plain_query(query(**wrong)) is None
        assert serializer_reading(query(**wrong)) is None


def _dates() -> st.SearchStrategy[str]:
    near = st.dates(min_value=dt.date(2016, 1, 1), max_value=dt.date(2036, 12, 31)).map(dt.date.isoformat)
    odd = st.sampled_from(["", " 2026-10-21", "2026-10-21 ", "2026-1-5", "20261021", "2026-W43-3", "2026-02-30", "٢٠٢٦-١٠-٢١"])
    return near | odd | st.text(max_size=12)


_PARAMS = st.fixed_dictionaries(
    {},
    optional={
        "area": st.integers(-5, 10**19).map(str)
        | st.sampled_from(["007", " 5", "5 ", "5.0", "1e3", "", "٣", "+5"])
        | st.text(max_size=6),
        "tz": st.sampled_from(["UTC", "Africa/Lagos", "Asia/Kathmandu", "Pacific/Chatham", "Etc/GMT+5", " UTC", "utc",
                               "", "localtime", "../../etc/passwd", "America/" + "x" * 70])
        | st.text(max_size=12),
        "from": _dates(),
        "to": _dates(),
    },
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=_PARAMS)
def test_the_plain_reading_agrees_with_the_serializer_whenever_it_answers(frozen_now, params):
    frozen_now(NOW)
    data = query(**params)
    plain = plain_query(data)
    if plain is not None:
        assert serializer_reading(data) == plain
