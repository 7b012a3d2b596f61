"""A service that has been booked is deactivated, never deleted (its calls keep it)."""

import pytest

from accounts.models import ExpertArea
from accounts.storefront.services_areas import area_delete
from tests.bookings.helpers import book

pytestmark = pytest.mark.django_db(transaction=True)


def test_deleting_a_booked_area_only_deactivates_it(alice_client, bob_hour, slot):
    book(alice_client, bob_hour, slot)
    assert area_delete(area=bob_hour) is False
    assert ExpertArea.objects.get(pk=bob_hour.pk).active is False


def test_an_area_never_booked_is_deleted(bob_hour):
    assert area_delete(area=bob_hour) is True
    assert not ExpertArea.objects.filter(pk=bob_hour.pk).exists()
