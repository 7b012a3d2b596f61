import pytest


@pytest.mark.django_db
def test_visitors_see_find_experts_log_in_and_sign_up(client):
    body = client.get("/").content.decode()

    assert 'href="/experts/"' in body
    assert 'href="/accounts/login/"' in body and 'href="/accounts/signup/"' in body
    assert "Log out" not in body


@pytest.mark.django_db
def test_the_landing_page_search_box_goes_to_the_directory(client):
    body = client.get("/").content.decode()

    assert '<form class="search-form" method="get" action="/experts/" role="search">' in body
    assert 'name="q"' in body


@pytest.mark.django_db
def test_signed_in_people_get_an_account_menu_with_a_post_logout(client, alice_client):
    client.force_login(alice_client)

    body = client.get("/").content.decode()

    assert 'action="/accounts/logout/"' in body and 'method="post"' in body
    assert 'href="/accounts/login/"' not in body


@pytest.mark.django_db
@pytest.mark.parametrize(("person", "sees_account_link"), [("alice_client", False), ("bob_expert", True)])
def test_the_navigation_knows_the_role(client, request, person, sees_account_link):
    client.force_login(request.getfixturevalue(person))

    body = client.get("/").content.decode()

    assert ('class="site-nav__link">Account</a>' in body) is sees_account_link


@pytest.mark.django_db
def test_every_page_loads_htmx_and_the_site_script_from_our_own_static_files(client):
    body = client.get("/accounts/login/").content.decode()

    assert '<script src="/static/vendor/htmx.min.js" defer></script>' in body
    assert '<script src="/static/js/site.js" defer></script>' in body
    assert "<script>" not in body and "style=" not in body
