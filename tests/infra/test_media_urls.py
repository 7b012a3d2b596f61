"""Uploads in object storage: the app writes through its endpoint, browsers load them from
the public address (AWS_S3_CUSTOM_DOMAIN), which the Content-Security-Policy allows."""

from tests.infra.project import clean_env, django_json

MEDIA = """
from django.conf import settings
from django.core.files.storage import default_storage
result = {"url": default_storage.url("photos/ada.webp"),
          "img_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"]}
"""


def media(**env):
    storage = {"AWS_S3_ENDPOINT_URL": "http://minio:9000", "AWS_STORAGE_BUCKET_NAME": "procusmeet"}
    return django_json(MEDIA, clean_env(DJANGO_SETTINGS_MODULE="procusmeet.settings", **storage, **env))


def test_browsers_get_links_to_the_public_bucket_address():
    answer = media(AWS_S3_CUSTOM_DOMAIN="localhost:9000/procusmeet", AWS_S3_URL_PROTOCOL="http:")
    assert answer["url"] == "http://localhost:9000/procusmeet/photos/ada.webp"
    assert "http://localhost:9000" in answer["img_src"] and "http://minio:9000" not in answer["img_src"]


def test_without_a_public_address_links_use_the_endpoint():
    answer = media()
    assert answer["url"].startswith("http://minio:9000/procusmeet/photos/ada.webp")
    assert "http://minio:9000" in answer["img_src"]
