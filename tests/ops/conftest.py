"""Operations fixtures: a staff member with every permission (as operators are)."""

import pytest

from accounts.models import Role
from tests.calls.bookings import bob_hour  # noqa: F401  (fixture reused: bob sells an hour)
from tests.conftest import make_user


@pytest.fixture
def staff(db, password_hash):
    user = make_user(password_hash, email="olu@procusmeet.example", full_name="Olu Staff", role=Role.CLIENT)
    user.is_staff = user.is_superuser = True
    user.save(update_fields=["is_staff", "is_superuser"])
    return user


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client
