"""A plain ``pytest``: stale catalogues are compiled; without msgfmt the run stops in one line."""

import os
import shutil
import time

import pytest

from tests.conftest import compile_catalogues

PO = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Saved."\nmsgstr "Đã lưu."\n'


@pytest.fixture
def catalogue(tmp_path):
    po = tmp_path / "shop" / "locale" / "vi" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    po.write_text(PO, encoding="utf-8")
    return po


def test_without_msgfmt_a_stale_catalogue_stops_the_run_in_one_line_that_says_why(catalogue, tmp_path):
    with pytest.raises(pytest.exit.Exception, match=r"^1 translation catalogue\(s\) are not compiled") as stop:
        compile_catalogues(tmp_path, None)
    assert stop.value.msg == (
        "1 translation catalogue(s) are not compiled (e.g. shop/locale/vi/LC_MESSAGES/django.po) "
        "and msgfmt is missing: install gettext (apt-get install gettext), then run pytest again."
    )
    assert stop.value.returncode == 4
    assert not catalogue.with_suffix(".mo").exists()


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="msgfmt is not installed")
def test_stale_catalogues_are_compiled_and_fresh_ones_need_no_msgfmt(catalogue, tmp_path):
    assert compile_catalogues(tmp_path, shutil.which("msgfmt")) == [catalogue]
    assert b"\xc4\x90\xc3\xa3 l\xc6\xb0u." in catalogue.with_suffix(".mo").read_bytes()  # "Đã lưu."
    assert compile_catalogues(tmp_path, None) == []  # up to date: nothing to compile, no msgfmt asked for
    later = time.time() + 10
    os.utime(catalogue, (later, later))
    with pytest.raises(pytest.exit.Exception, match="msgfmt is missing"):
        compile_catalogues(tmp_path, None)
