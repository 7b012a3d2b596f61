"""The slot engine imports nothing but the standard library: no Django, no database."""

import json
import subprocess
import sys
import sysconfig
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PROBE = """
import json, sys
before = set(sys.modules)
import scheduling.slots
new = sorted(set(sys.modules) - before)
print(json.dumps({name: getattr(sys.modules[name], "__file__", None) for name in new}))
"""


def test_importing_the_engine_loads_only_the_standard_library():
    environment = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=REPO, env=environment, capture_output=True, text=True, check=True
    )
    loaded = json.loads(result.stdout)
    assert "scheduling.slots.engine" in loaded
    assert not any(name == "django" or name.startswith("django.") for name in loaded)
    # the interpreter's own library (not the virtualenv, whose lib/ holds site-packages)
    allowed = (sysconfig.get_path("stdlib"), str(REPO / "scheduling"))
    outside = {name: path for name, path in loaded.items() if path and not path.startswith(allowed)}
    assert outside == {}
