"""A person asks to delete their account from the account page (confirming with their
password); staff process the request in admin, which deactivates and anonymises them."""

import pytest
from django.contrib.admin import helpers
from django.contrib.auth import authenticate
from django.urls import reverse

from accounts.models import (
    AccountDeletionRequest,
    DeletionStatus,
    ExpertProfile,
    RefreshSession,
    User,
)
from accounts.services_deletion import account_deletion_complete
from accounts.storefront.services_areas import area_create
from accounts.tokens import session_start
from ops.models import AuditEntry
from procusmeet.api.errors import Conflict
from tests.bookings.helpers import book
from tests.calls.bookings import bookable_day, open_every_day, paid
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def bobs_hour(bob_expert):
    return area_create(expert=open_every_day(bob_expert), title="Career advice", duration_minutes=60, price=1_500_000)


@pytest.fixture
def staff(password_hash, dave_client):
    dave_client.is_staff = dave_client.is_superuser = True
    dave_client.save(update_fields=["is_staff", "is_superuser"])
    return dave_client


def ask(client, user, password=PASSWORD, reason=""):
    client.force_login(user)
    return client.post("/account/delete/", {"password": password, "reason": reason})


def process(client, staff, *requests):
    client.force_login(staff)
    url = reverse("admin:accounts_accountdeletionrequest_changelist")
    data = {"action": "delete_and_anonymise", helpers.ACTION_CHECKBOX_NAME: [str(r.pk) for r in requests]}
    return client.post(url, data)


def test_anonymous_visitors_are_sent_to_log_in_and_nothing_is_recorded(client):
    response = client.post("/account/delete/", {"password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not AccountDeletionRequest.objects.exists()


def test_the_owner_asks_with_their_password_and_the_request_is_recorded(client, alice_client):
    response = ask(client, alice_client, reason="Found what I needed")

    assert response.status_code == 302 and response["Location"] == "/account/"
    request = AccountDeletionRequest.objects.get()
    assert (request.user, request.status, request.reason) == (
        alice_client,
        DeletionStatus.PENDING,
        "Found what I needed",
    )
    entry = AuditEntry.objects.get(action="accounts.accountdeletionrequest.requested")
    assert (entry.actor, entry.target_id) == (alice_client, str(request.pk))
    page = client.get("/account/").content.decode()
    assert "You asked us to delete your account" in page and "Withdraw the request" in page


def test_a_wrong_password_is_refused_with_a_field_error(client, alice_client):
    response = ask(client, alice_client, password="not-my-password")

    assert response.status_code == 400
    assert "The password is not right." in response.content.decode()
    assert not AccountDeletionRequest.objects.exists()
    assert User.objects.get(pk=alice_client.pk).is_active


def test_an_empty_password_is_refused(client, alice_client):
    response = ask(client, alice_client, password="")

    assert response.status_code == 400
    assert not AccountDeletionRequest.objects.exists()


def test_asking_twice_keeps_one_open_request(client, alice_client):
    ask(client, alice_client)
    ask(client, alice_client)

    assert AccountDeletionRequest.objects.filter(status=DeletionStatus.PENDING).count() == 1


def test_the_owner_can_withdraw_and_nobody_else_touches_their_request(client, alice_client, bob_expert):
    ask(client, alice_client)
    client.force_login(bob_expert)
    client.post("/account/delete/withdraw/")
    assert AccountDeletionRequest.objects.get().status == DeletionStatus.PENDING

    client.force_login(alice_client)
    client.post("/account/delete/withdraw/")

    assert AccountDeletionRequest.objects.get().status == DeletionStatus.WITHDRAWN


def test_staff_processing_deactivates_and_anonymises_a_client(client, alice_client, staff):
    session_start(user=alice_client, user_agent="Alice's phone", ip=None)
    ask(client, alice_client)

    process(client, staff, AccountDeletionRequest.objects.get())

    request = AccountDeletionRequest.objects.get()
    assert (request.status, request.processed_by) == (DeletionStatus.COMPLETED, staff)
    alice = User.objects.get(pk=alice_client.pk)
    assert not alice.is_active and not alice.has_usable_password()
    assert (alice.full_name, alice.email) == ("Deleted user", f"deleted-{alice.pk}@deleted.invalid")
    assert not RefreshSession.objects.filter(user=alice).exists()
    assert authenticate(username="alice@example.com", password=PASSWORD) is None
    entry = AuditEntry.objects.get(action="accounts.accountdeletionrequest.delete_and_anonymise")
    assert (
        entry.actor == staff
        and entry.data["before"]["status"] == "pending"
        and entry.data["after"]["status"] == "completed"
    )


def test_processing_an_expert_hides_and_empties_their_public_profile(client, bob_expert, staff):
    ask(client, bob_expert)

    process(client, staff, AccountDeletionRequest.objects.get())

    profile = ExpertProfile.objects.get(user=bob_expert)
    assert not profile.is_listed
    assert (profile.display_name, profile.headline, profile.bio) == ("Deleted user", "", "")
    assert profile.slug == f"deleted-{profile.pk}"
    assert client.get(f"/experts/{profile.slug}/").status_code == 404


def test_a_person_with_an_active_booking_is_not_anonymised(client, alice_client, bobs_hour, staff):
    paid(alice_client, bobs_hour)
    ask(client, alice_client)
    request = AccountDeletionRequest.objects.get()

    with pytest.raises(Conflict):
        account_deletion_complete(request_id=request.pk, staff=staff)
    process(client, staff, request)

    request.refresh_from_db()
    assert request.status == DeletionStatus.PENDING
    assert User.objects.get(pk=alice_client.pk).is_active


def test_an_expert_whose_client_is_still_paying_is_not_anonymised(client, alice_client, bob_expert, bobs_hour, staff):
    # Unpaid, so not yet on the expert's pages; but the client may pay at any moment.
    book(alice_client, bobs_hour, bookable_day())
    ask(client, bob_expert)

    with pytest.raises(Conflict):
        account_deletion_complete(request_id=AccountDeletionRequest.objects.get().pk, staff=staff)
    assert User.objects.get(pk=bob_expert.pk).is_active
    assert ExpertProfile.objects.get(user=bob_expert).display_name != "Deleted user"


def test_a_withdrawn_request_cannot_be_processed(client, alice_client, staff):
    ask(client, alice_client)
    client.post("/account/delete/withdraw/")

    with pytest.raises(Conflict):
        account_deletion_complete(request_id=AccountDeletionRequest.objects.get().pk, staff=staff)
    assert User.objects.get(pk=alice_client.pk).is_active


def test_the_api_records_a_request_with_the_password_and_withdraws_it(api_as, alice_client):
    alice = api_as(alice_client)
    assert alice.get("/api/v1/me/deletion-request").status_code == 404

    created = alice.post("/api/v1/me/deletion-request", {"password": PASSWORD, "reason": "Done"}, format="json")

    assert created.status_code == 201
    assert created.json()["status"] == "pending" and created.json()["reason"] == "Done"
    assert alice.get("/api/v1/me/deletion-request").json()["id"] == created.json()["id"]
    assert alice.delete("/api/v1/me/deletion-request").status_code == 204
    assert AccountDeletionRequest.objects.get().status == DeletionStatus.WITHDRAWN


def test_the_api_refuses_a_wrong_or_missing_password_with_field_errors(api_as, alice_client):
    alice = api_as(alice_client)

    wrong = alice.post("/api/v1/me/deletion-request", {"password": "nope"}, format="json")
    missing = alice.post("/api/v1/me/deletion-request", {}, format="json")

    assert wrong.status_code == 400 and "password" in wrong.json()["error"]["fields"]
    assert missing.status_code == 400 and "password" in missing.json()["error"]["fields"]
    assert not AccountDeletionRequest.objects.exists()


def test_the_api_needs_a_signed_in_user(api):
    assert api.post("/api/v1/me/deletion-request", {"password": PASSWORD}, format="json").status_code == 401
    assert not AccountDeletionRequest.objects.exists()
