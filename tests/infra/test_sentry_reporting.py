"""Sentry reports errors when SENTRY_DSN is set, and stays off otherwise."""

from tests.infra.project import clean_env, django_json

# Nothing listens on port 9: the client initialises without ever reaching a server.
DSN = "https://public@127.0.0.1:9/1"
CLIENT_STATE = (
    "import sentry_sdk\n"
    "client = sentry_sdk.get_client()\n"
    "result = {'active': client.is_active(), 'dsn': client.dsn,"
    " 'environment': client.options.get('environment'), 'django': 'django' in client.integrations,"
    " 'pii': client.options.get('send_default_pii')}"
)


def test_sentry_is_initialised_with_the_dsn():
    env = clean_env(DJANGO_SETTINGS_MODULE="procusmeet.settings", SENTRY_DSN=DSN)
    state = django_json(CLIENT_STATE, env)
    assert state == {"active": True, "dsn": DSN, "environment": "development", "django": True, "pii": False}


def test_sentry_stays_off_without_a_dsn():
    state = django_json(CLIENT_STATE, clean_env(DJANGO_SETTINGS_MODULE="procusmeet.settings"))
    assert state["active"] is False
