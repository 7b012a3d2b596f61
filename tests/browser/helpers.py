"""What every browser test uses: the axe-core check and logging in through the page."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

BLOCKING_IMPACTS = {"serious", "critical"}
AXE_OPTIONS = {"resultTypes": ["violations"]}  # axe-playwright-python's default

_axe = Axe()


def assert_accessible(page, *, exempt_rules: tuple[str, ...] = (), read_stylesheets: bool = True) -> None:
    """Run axe-core on the page as it is now; fail on any serious or critical violation,
    naming each rule and the elements that break it.

    ``exempt_rules`` (axe rule ids) is only for a third-party widget we do not restyle;
    the caller says which widget breaks the rule and why it is left alone.

    ``read_stylesheets=False`` is only for Django admin's form pages: their CSS uses
    ``@import``, which axe re-injects as an inline ``<style>`` that our CSP blocks (the
    ``page`` fixture would report axe's own request). Only the css-orientation-lock rule
    reads stylesheets."""
    options = {**AXE_OPTIONS, "preload": read_stylesheets}
    results = _axe.run(page, options=options)
    blocking = [
        v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS and v["id"] not in exempt_rules
    ]
    if blocking:
        lines = [f"axe found {len(blocking)} serious/critical violation(s) on {page.url}:"]
        for violation in blocking:
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
            lines.extend(f"    {', '.join(node['target'])}: {node['html'][:200]}" for node in violation["nodes"])
        pytest.fail("\n".join(lines))


def focus_is_visible(page) -> bool:
    """Whether the focused element shows a focus ring (an outline of 2 px or more) on screen."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            const box = el.getBoundingClientRect();
            const outlined = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
            return outlined && box.width > 0 && box.height > 0 && box.top >= 0 && box.bottom <= innerHeight;
        }"""
    )


# Where signing in lands: /dashboard/ for experts, /bookings/ for clients.
HOME_PAGES = re.compile(r".*/(dashboard|bookings)/$")


def sign_up_via_page(page, *, full_name: str, email: str, password: str) -> None:
    """Fill and send the sign-up form already open in ``page`` (the role as chosen)."""
    page.get_by_label("Full name").fill(full_name)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_label("Password (again)").fill(password)
    page.get_by_role("button", name="Create account").click()


def login_via_page(page, email: str, password: str) -> None:
    """Log in the way a person does: the login page, the form, the redirect home (an
    expert's dashboard, a client's bookings)."""
    page.goto("/accounts/login/")
    assert_accessible(page)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(HOME_PAGES)
