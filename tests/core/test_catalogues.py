"""Every translation catalogue compiles the way ``compilemessages`` compiles it: a
placeholder of the English text that its translation drops or misspells would otherwise
raise at run time or print the placeholder to the reader."""

import shutil
import subprocess
from pathlib import Path

import pytest

CATALOGUES = sorted(Path(__file__).resolve().parents[2].glob("locale/*/LC_MESSAGES/*.po"))


def test_there_are_catalogues_for_turkish_and_persian():
    assert {path.parts[-3] for path in CATALOGUES} >= {"tr", "fa"}


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext's msgfmt is missing")
@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda path: f"{path.parts[-3]}-{path.stem}")
def test_each_catalogue_compiles_with_its_placeholders_checked(catalogue):
    result = subprocess.run(["msgfmt", "--check-format", "-o", "/dev/null", str(catalogue)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
