"""The calls fixtures (confirmed calls, the harness token endpoint, LiveKit addresses the
page may reach) for the browser tests of the lobby and call pages kept here."""

from tests.calls.bookings import bob_call, bob_hour  # noqa: F401
from tests.calls.conftest import allow_connections_to, token_endpoint  # noqa: F401
