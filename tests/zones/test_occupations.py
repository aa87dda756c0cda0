import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from zones.models import Occupation
from zones.occupations import DATA_FILE, WORKFORCE_ISCO, read_rows


def test_every_isco_unit_group_is_loaded_with_turkish_and_english_labels(db):
    units = Occupation.objects.filter(level=Occupation.Level.UNIT)
    assert units.count() == 436
    assert not units.filter(label_tr="").exists()
    assert not units.filter(label_en="").exists()
    welder = Occupation.objects.get(code="7212")
    assert (welder.label_tr, welder.label_en) == ("Kaynakçılar ve alevle kesiciler",
                                                  "Welders and flamecutters")


def test_every_group_of_each_level_is_there(db):
    counts = {level: Occupation.objects.filter(level=level).count()
              for level in Occupation.Level.values}
    assert counts == {1: 10, 2: 43, 3: 130, 4: 436}
    assert Occupation.objects.count() == len(read_rows())


def test_the_file_says_every_turkish_label_is_the_projects_translation(db):
    origins = {row["label_tr_origin"] for row in read_rows()}
    assert origins <= {"project", "tuik"}
    assert "project" in origins


def test_a_unit_group_hangs_under_its_minor_sub_major_and_major_group(db):
    developer = Occupation.objects.get(code="2512")
    assert [developer.parent.code, developer.parent.parent.code,
            developer.parent.parent.parent.code] == ["251", "25", "2"]


def test_the_label_follows_the_readers_language(db):
    setter = Occupation.objects.get(code="7223")
    with translation.override("tr"):
        assert setter.label == "Metal işleme takım tezgâhı ayarlayıcıları ve operatörleri"
    with translation.override("en"):
        assert setter.label == "Metal working machine tool setters and operators"


@pytest.mark.parametrize(("need", "code", "english"), [
    ("welder", "7212", "Welders and flamecutters"),
    ("cnc_operator", "7223", "Metal working machine tool setters and operators"),
    # A turner sets and runs a lathe: a machine-tool setter (7223), not a grinder (7224).
    ("turner", "7223", "Metal working machine tool setters and operators"),
    ("software_developer", "2512", "Software developers"),
    # The firms' designers design products (2163), not interiors (3432).
    ("designer", "2163", "Product and garment designers"),
])
def test_each_workforce_need_maps_onto_its_unit_group(db, need, code, english):
    assert WORKFORCE_ISCO[need] == code
    occupation = Occupation.objects.get(code=code)
    assert (occupation.level, occupation.label_en) == (Occupation.Level.UNIT, english)


def test_the_alternatives_considered_for_turner_and_designer_are_loaded_too(db):
    labels = dict(Occupation.objects.filter(code__in=["7224", "3432"])
                  .values_list("code", "label_en"))
    assert labels == {"7224": "Metal polishers, wheel grinders and tool sharpeners",
                      "3432": "Interior designers and decorators"}


def test_loading_again_changes_nothing(db, django_assert_max_num_queries):
    before = list(Occupation.objects.values_list("pk", "code", "parent", "label_tr"))
    with django_assert_max_num_queries(12):
        call_command("load_occupations", stdout=open("/dev/null", "w"))
    assert list(Occupation.objects.values_list("pk", "code", "parent", "label_tr")) == before


def test_a_changed_label_is_updated_by_code(db, tmp_path):
    rows = DATA_FILE.read_text(encoding="utf-8").replace(
        "Kaynakçılar ve alevle kesiciler", "Kaynakçılar ve alev ile kesiciler")
    changed = tmp_path / "isco.csv"
    changed.write_text(rows, encoding="utf-8")
    call_command("load_occupations", file=str(changed), stdout=open("/dev/null", "w"))
    assert Occupation.objects.get(code="7212").label_tr == "Kaynakçılar ve alev ile kesiciler"
    assert Occupation.objects.count() == 619


def test_a_row_without_its_parent_loads_nothing(db, tmp_path):
    broken = tmp_path / "isco.csv"
    broken.write_text("code,parent,label_en,label_tr,label_tr_origin\n"
                      "7299,729,Other metal workers,Diğer metal işçileri,project\n",
                      encoding="utf-8")
    with pytest.raises(CommandError, match="line 2: 7299 must hang under “729”"):
        call_command("load_occupations", file=str(broken))
    assert not Occupation.objects.filter(code="7299").exists()
