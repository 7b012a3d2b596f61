"""A fresh checkout starts: the settings create the folders the embedded defaults write to."""

from tests.infra.project import clean_env, django_json


def test_settings_create_the_local_folders(tmp_path):
    var = tmp_path / "fresh" / "var"
    env = clean_env(DJANGO_SETTINGS_MODULE="procusmeet.settings", PROCUSMEET_VAR_DIR=str(var))
    database = django_json("from django.conf import settings\nresult = str(settings.DATABASES['default']['NAME'])", env)
    assert database == str(var / "db.sqlite3")
    assert {path.relative_to(var).as_posix() for path in var.rglob("*")} == {
        "cache", "broker", "broker/control", "media",
    }  # fmt: skip


def test_server_backed_settings_create_no_local_cache_or_broker(tmp_path):
    var = tmp_path / "var"
    env = clean_env(
        DJANGO_SETTINGS_MODULE="procusmeet.settings",
        PROCUSMEET_VAR_DIR=str(var),
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/procusmeet",
        REDIS_URL="redis://127.0.0.1:6379/3",
    )
    django_json("result = None", env)
    assert [path.name for path in var.iterdir()] == ["media"]
