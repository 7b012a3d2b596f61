"""The image's build step that collects static files runs with exactly the Dockerfile's
placeholder settings. No Docker engine runs on CI, so this replays that step: a new
variable production requires would otherwise break only `docker compose up --build`."""

import json
import re
import shlex

from tests.infra.project import ROOT, clean_env, run_manage


def collectstatic_build_env() -> dict[str, str]:
    """The NAME=value assignments of the Dockerfile's RUN that calls collectstatic."""
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    run = next(line for line in text.splitlines() if line.startswith("RUN ") and "collectstatic" in line)
    words = shlex.split(run.removeprefix("RUN "))
    return dict(word.split("=", 1) for word in words[: words.index("python")])


def test_the_build_collects_static_files_with_its_placeholder_settings(tmp_path):
    build_env = collectstatic_build_env()
    assert build_env["DJANGO_ENV"] == "production"
    # The image sets PROCUSMEET_VAR_DIR=/app/var; here the files go under tmp_path.
    env = clean_env(**build_env, DJANGO_SETTINGS_MODULE="procusmeet.settings", PROCUSMEET_VAR_DIR=str(tmp_path))
    completed = run_manage(["collectstatic", "--no-input"], env, timeout=300)
    assert completed.returncode == 0, completed.stderr
    manifest = json.loads((tmp_path / "staticfiles" / "staticfiles.json").read_text())["paths"]
    # The committed lobby and call bundles ship in the image (the build has no Node).
    assert {"calls/lobby.js", "calls/call.js", "calls/call.css"} <= set(manifest)
    for name in ("calls/lobby.js", "calls/call.js"):
        assert re.fullmatch(r"calls/\w+\.[0-9a-f]{12}\.js", manifest[name])  # hashed, cached for good
