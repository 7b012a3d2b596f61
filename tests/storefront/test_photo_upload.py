"""``POST /api/v1/me/photo`` and the page form, on local files and on S3 (moto)."""

import io

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from accounts.models import ExpertProfile
from accounts.storefront.photos import MAX_BYTES
from tests.storefront.conftest import BUCKET
from tests.storefront.helpers import image_bytes, upload

pytestmark = pytest.mark.django_db

STORAGES = ["local_storage", "s3_storage"]


def _stored_names(storage_fixture, request) -> set[str]:
    if storage_fixture == "local_storage":
        root = request.getfixturevalue("local_storage")
        return {str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()}
    client = request.getfixturevalue("s3_storage")
    return {item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


@pytest.mark.parametrize("storage_fixture", STORAGES)
def test_a_good_photo_is_stored_square_under_a_random_name(request, storage_fixture, api_as, bob_expert):
    request.getfixturevalue(storage_fixture)
    response = api_as(bob_expert).post(
        "/api/v1/me/photo", {"photo": upload(image_bytes("JPEG", size=(1200, 800)))}, format="multipart"
    )
    assert response.status_code == 200, response.json()
    profile = ExpertProfile.objects.get(user=bob_expert)
    name = profile.photo.name
    assert name.startswith("experts/photos/") and name.endswith(".webp") and "photo" not in name.rsplit("/", 1)[1]
    assert _stored_names(storage_fixture, request) == {name}
    with default_storage.open(name) as stored:
        assert Image.open(io.BytesIO(stored.read())).size == (512, 512)
    assert response.json()["photo_url"].endswith(name)
    assert api_as(bob_expert).get("/api/v1/me").json()["photo_url"] == response.json()["photo_url"]


@pytest.mark.parametrize("storage_fixture", STORAGES)
def test_a_new_photo_replaces_the_old_file(request, storage_fixture, api_as, bob_expert, django_capture_on_commit_callbacks):
    request.getfixturevalue(storage_fixture)
    client = api_as(bob_expert)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/api/v1/me/photo", {"photo": upload(image_bytes("PNG", size=(300, 300)), "a.png")}, format="multipart")
    first = ExpertProfile.objects.get(user=bob_expert).photo.name
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/api/v1/me/photo", {"photo": upload(image_bytes("WEBP", size=(400, 400)), "b.webp")}, format="multipart")
    second = ExpertProfile.objects.get(user=bob_expert).photo.name
    assert second != first
    assert _stored_names(storage_fixture, request) == {second}


@pytest.mark.parametrize("storage_fixture", STORAGES)
@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"this is a text file", "notes.jpg"),
        (image_bytes("GIF", size=(400, 400)), "anim.gif"),
        (image_bytes("JPEG", size=(120, 120)), "tiny.jpg"),
    ],
)
def test_a_bad_file_is_a_400_and_the_old_photo_stays(request, storage_fixture, api_as, bob_expert, data, name):
    request.getfixturevalue(storage_fixture)
    client = api_as(bob_expert)
    client.post("/api/v1/me/photo", {"photo": upload(image_bytes())}, format="multipart")
    kept = ExpertProfile.objects.get(user=bob_expert).photo.name

    response = client.post("/api/v1/me/photo", {"photo": upload(data, name)}, format="multipart")
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["photo"]
    assert ExpertProfile.objects.get(user=bob_expert).photo.name == kept
    assert _stored_names(storage_fixture, request) == {kept}


@pytest.mark.parametrize("storage_fixture", STORAGES)
def test_an_oversized_file_is_refused_and_nothing_is_stored(request, storage_fixture, api_as, bob_expert):
    request.getfixturevalue(storage_fixture)
    big = image_bytes("PNG", size=(1500, 1500)) + b"\0" * (MAX_BYTES + 1)
    response = api_as(bob_expert).post("/api/v1/me/photo", {"photo": upload(big, "big.png")}, format="multipart")
    assert response.status_code == 400
    assert "5 MB" in response.json()["error"]["fields"]["photo"][0]
    assert _stored_names(storage_fixture, request) == set()


def test_a_missing_file_is_a_field_error(api_as, bob_expert, local_storage):
    response = api_as(bob_expert).post("/api/v1/me/photo", {}, format="multipart")
    assert response.status_code == 400
    assert "photo" in response.json()["error"]["fields"]


def test_the_photo_can_be_removed(api_as, bob_expert, local_storage, django_capture_on_commit_callbacks):
    client = api_as(bob_expert)
    client.post("/api/v1/me/photo", {"photo": upload(image_bytes())}, format="multipart")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.delete("/api/v1/me/photo").status_code == 204
    assert not ExpertProfile.objects.get(user=bob_expert).photo
    assert not any(path.is_file() for path in local_storage.rglob("*"))


def test_only_experts_upload_photos(api, api_as, alice_client, local_storage):
    assert api.post("/api/v1/me/photo", {"photo": upload(image_bytes())}, format="multipart").status_code == 401
    assert api_as(alice_client).post("/api/v1/me/photo", {"photo": upload(image_bytes())}, format="multipart").status_code == 403


@pytest.mark.parametrize("storage_fixture", STORAGES)
def test_the_page_form_uploads_too_and_shows_errors(request, storage_fixture, client, bob_expert):
    request.getfixturevalue(storage_fixture)
    client.force_login(bob_expert)
    bad = client.post("/experts/me/photo/", {"photo": upload(b"nope", "x.jpg")})
    assert bad.status_code == 400
    assert "not an image we can read" in bad.content.decode()
    assert not ExpertProfile.objects.get(user=bob_expert).photo

    good = client.post("/experts/me/photo/", {"photo": upload(image_bytes())})
    assert good.status_code == 302
    assert ExpertProfile.objects.get(user=bob_expert).photo.name in _stored_names(storage_fixture, request)
