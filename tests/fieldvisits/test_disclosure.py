"""Disclosure control: no published cell lets a reader learn about one firm."""

from fieldvisits.disclosure import (
    PRIMARY_DOMINANCE,
    PRIMARY_THRESHOLD,
    SECONDARY,
    Cell,
    protect_cell,
    protect_series,
    protect_table,
)


def test_a_count_of_four_firms_is_hidden_and_five_is_shown():
    assert protect_cell(Cell(firms=4)).value is None
    assert protect_cell(Cell(firms=4)).reason == PRIMARY_THRESHOLD
    assert protect_cell(Cell(firms=5)).value == 5


def test_a_total_where_one_firm_makes_more_than_sixty_percent_is_hidden():
    cell = Cell(firms=8, total=100.0, largest=61.0, second=10.0)
    assert protect_cell(cell).reason == PRIMARY_DOMINANCE
    assert protect_cell(Cell(firms=8, total=100.0, largest=60.0, second=20.0)).value == 100.0


def test_a_total_where_two_firms_make_more_than_ninety_percent_is_hidden():
    assert protect_cell(Cell(firms=9, total=100.0, largest=55.0, second=36.0)).value is None
    assert protect_cell(Cell(firms=9, total=100.0, largest=55.0, second=35.0)).value == 100.0


def test_a_lone_hidden_group_takes_the_smallest_other_group_with_it():
    protected = protect_series({"Kocasinan": Cell(firms=40), "Melikgazi": Cell(firms=3),
                                "Talas": Cell(firms=6), "Develi": Cell(firms=12)})
    assert {group: cell.value for group, cell in protected.items()} == {
        "Kocasinan": 40, "Melikgazi": None, "Talas": None, "Develi": 12}
    assert protected["Talas"].reason == SECONDARY


def test_empty_groups_neither_hide_nor_protect():
    protected = protect_series({"A": Cell(firms=0), "B": Cell(firms=2), "C": Cell(firms=9),
                                "D": Cell(firms=7)})
    assert [cell.value for cell in protected.values()] == [0, None, 9, None]


def test_secondary_suppression_repeats_until_no_row_or_column_has_a_lone_hidden_cell():
    cells = {
        ("25", "Kocasinan"): Cell(firms=20), ("25", "Melikgazi"): Cell(firms=3),
        ("25", "Talas"): Cell(firms=8),
        ("28", "Kocasinan"): Cell(firms=15), ("28", "Melikgazi"): Cell(firms=9),
        ("28", "Talas"): Cell(firms=11),
    }
    protected = protect_table(cells)
    hidden = sorted(key for key, cell in protected.items() if cell.hidden)
    # Melikgazi/25 is hidden; row 25 then hides Talas/25 (8 < 20); column Melikgazi hides
    # 28/Melikgazi, column Talas hides 28/Talas: every row and column has 0 or ≥ 2 hidden.
    assert hidden == [("25", "Melikgazi"), ("25", "Talas"), ("28", "Melikgazi"),
                      ("28", "Talas")]
    for index in (0, 1):
        for line in {key[index] for key in cells}:
            count = sum(1 for key in hidden if key[index] == line)
            assert count != 1
