"""The malloc thresholds for uploads (issue 20 item 4): the blocks of a MiB that an upload passes
through reuse memory instead of mapping (and page-faulting) fresh memory each time. Measured in
a fresh process each, so this test process keeps glibc's defaults."""

import subprocess
import sys

import pytest

from passend.core.geheugen import malloc_afstemmen

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc")

# What a 10 MB upload does with its blocks of a MiB, five times after a warm-up: received,
# joined with what the multipart parser held back, sliced; then the minor page faults.
RONDES = """
import resource, sys
from passend.core.geheugen import malloc_afstemmen
print(malloc_afstemmen(), file=sys.stderr)
def upload():
    rest = b""
    for _ in range(10):
        samen = rest + bytes(bytearray(1024 * 1024))
        rest, deel = samen[-40:], samen[:-40]
        del samen, deel
upload()
voor = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(5):
    upload()
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - voor)
"""


def _paginafouten(env: dict[str, str]) -> tuple[int, str]:
    klaar = subprocess.run(  # noqa: S603  (this Python, a fixed script)
        [sys.executable, "-c", RONDES], env=env, capture_output=True, text=True, check=True
    )
    return int(klaar.stdout), klaar.stderr.strip()


def test_r3_upload_blocks_reuse_memory_instead_of_faulting_in_fresh_pages() -> None:
    afgestemd, gezet = _paginafouten({"PYTHONPATH": ":".join(sys.path)})
    assert gezet == "True"
    # 150 blocks of a MiB or more: without the thresholds some 45,000 faults here.
    assert afgestemd < 1000


def test_r3_the_operators_own_malloc_setting_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MALLOC_TRIM_THRESHOLD_", "1048576")
    assert malloc_afstemmen() is False
    eigen, gezet = _paginafouten(
        {"PYTHONPATH": ":".join(sys.path), "MALLOC_MMAP_THRESHOLD_": "131072"}
    )
    assert gezet == "False"
    # The operator's small threshold: every block a fresh mapping again.
    assert eigen > 10_000
