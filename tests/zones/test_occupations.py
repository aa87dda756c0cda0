from django.core.management import call_command
from django.utils import translation

from zones.models import Occupation
from zones.occupations import WORKFORCE_ISCO, read_rows


def test_the_shipped_list_is_loaded_with_turkish_and_english_labels(db):
    welder = Occupation.objects.get(code="7212")
    assert welder.label_tr == "Kaynakçılar ve alevle kesiciler"
    assert welder.label_en == "Welders and flamecutters"
    assert Occupation.objects.count() == len(read_rows())
    assert not Occupation.objects.filter(label_tr="").exists()
    assert not Occupation.objects.filter(label_en="").exists()


def test_every_major_and_sub_major_group_is_there(db):
    assert Occupation.objects.filter(level=Occupation.Level.MAJOR).count() == 10
    assert Occupation.objects.filter(level=Occupation.Level.SUB_MAJOR).count() == 43


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


def test_every_workforce_occupation_maps_onto_a_loaded_unit_group(db):
    codes = set(WORKFORCE_ISCO.values())
    assert codes == {"7212", "7223", "2512", "2163"}
    assert Occupation.objects.filter(code__in=codes, level=Occupation.Level.UNIT).count() == 4


def test_loading_again_changes_nothing(db):
    before = Occupation.objects.count()
    call_command("load_occupations", stdout=open("/dev/null", "w"))
    assert Occupation.objects.count() == before
