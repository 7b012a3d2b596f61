"""Review fixtures: alice's completed call with bob (seeded history)."""

import pytest

from scheduling.models_booking import BookingStatus
from tests.payouts.factories import seeded_booking


@pytest.fixture
def completed(alice_client, bob_expert):
    """Alice's call with bob that took place."""
    return seeded_booking(expert=bob_expert, client=alice_client, status=BookingStatus.COMPLETED)


@pytest.fixture
def reviewed(completed, alice_client):
    """Alice rated that call 4 with a few words."""
    from reviews.services import review_create

    return review_create(booking_id=completed.pk, client=alice_client, rating=4, text="Clear and practical.")
