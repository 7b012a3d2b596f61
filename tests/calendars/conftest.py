import pytest

from tests.calendars.feed_server import FeedServer
from tests.notifications.conftest import bob_hour, bookings  # noqa: F401 (shared fixtures)


@pytest.fixture
def feeds(settings):
    """A local feed server, with private addresses allowed (it runs on 127.0.0.1)."""
    settings.CALENDAR_FETCH_ALLOW_PRIVATE = True
    settings.CALENDAR_FETCH_TIMEOUT_SECONDS = 1
    with FeedServer() as server:
        yield server
