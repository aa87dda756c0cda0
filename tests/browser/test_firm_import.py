"""The coordinator imports a firm file: reads the errors, fixes the file, confirms, finds
the firms."""

from pathlib import Path

import pytest

from tests.browser.conftest import in_turkish, keep_screenshot, log_in
from tests.conftest import PASSWORD
from tests.factories import valid_vkn
from tests.object_storage import use_local_storage

HEADER = "Vergi kimlik numarası (VKN);Ticari unvan;Sektör (NACE Rev.2);İlçe;Çalışan sayısı"


def firm_file(folder, name, rows):
    path = Path(folder) / name
    path.write_bytes(("\r\n".join([HEADER, *rows])).encode("cp1254"))
    return path


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_coordinator_fixes_two_bad_rows_and_imports_the_firms(desktop_page, personas,
                                                                   tmp_path, settings):
    use_local_storage(settings, "imports", tmp_path / "imports")
    good = [f"{valid_vkn(1)};Şahin Makine A.Ş.;28.30;Kocasinan;45",
            f"{valid_vkn(2)};Öztürk Mobilya Ltd. Şti.;31.09;Melikgazi;120"]
    bad = firm_file(tmp_path, "firmalar.csv", [
        *good, "1111111110;Hatalı Vergi No;25.62;Talas;10",
        f"{valid_vkn(3)};Yanlış Sektör;mobilya;İncesu;kırk"])
    page = desktop_page
    log_in(page, "coordinator", PASSWORD)
    page.goto("/admin/firms/")
    page.get_by_role("link", name=in_turkish("Import")).first.click()
    page.set_input_files("input[type=file]", str(bad))
    with page.expect_navigation():
        page.get_by_role("button", name=in_turkish("Check the file")).click()

    errors = page.locator("table.import-errors tbody tr")
    assert errors.count() == 3
    text = errors.all_inner_texts()
    assert text[0].startswith("4") and "1111111110" in text[0]
    assert "Sektör “mobilya”" in text[1] and "“kırk”" in text[2]
    assert page.get_by_role("button", name=in_turkish("Confirm and import")).count() == 0
    keep_screenshot(page, "import-preview-errors.png")

    fixed = firm_file(tmp_path, "firmalar-duzeltildi.csv", [
        *good, f"{valid_vkn(4)};Doğru Vergi No;25.62;Talas;10",
        f"{valid_vkn(3)};Doğru Sektör;31.09;İncesu;40"])
    page.get_by_role("link", name=in_turkish("Upload a file")).click()
    page.set_input_files("input[type=file]", str(fixed))
    with page.expect_navigation():
        page.get_by_role("button", name=in_turkish("Check the file")).click()
    assert in_turkish("Ready to confirm") in page.content()
    with page.expect_navigation():
        page.get_by_role("button", name=in_turkish("Confirm and import")).click()
    assert in_turkish("Imported: %(new)s new, %(updated)s updated, %(unchanged)s unchanged.",
                      new=4, updated=0, unchanged=0) in page.content()

    page.goto("/admin/firms/?q=" + valid_vkn(3))
    assert page.get_by_text("Doğru Sektör").count() == 1
