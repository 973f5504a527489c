"""Every name the data files give a gap, a function or a unit cost has its entry in
brechas_core.data_labels (and so in the English catalogue, tests/core/test_i18n.py)."""

from brechas_core import data, data_labels, simulation
from brechas_core.i18n import _, using


def test_every_gap_and_function_name_in_the_data_is_marked_for_translation():
    gaps = set(data.load_study_priority_gaps()["label"])
    functions = set(data.load_study_functions()["label"])
    assert gaps <= set(data_labels.GAPS), gaps - set(data_labels.GAPS)
    assert functions <= set(data_labels.FUNCTIONS), functions - set(data_labels.FUNCTIONS)


def test_every_unit_and_kind_of_unit_cost_is_marked_for_translation():
    costs = simulation.load_inputs().unit_costs
    assert set(costs["unit"]) <= set(data_labels.UNITS)
    assert set(costs["kind"]) <= set(data_labels.COST_KINDS)


def test_a_gap_name_reads_in_english():
    with using("en"):
        assert _("Desagüe") == "Sewerage"
        assert _("Niños y niñas con anemia") == "Children with anaemia"


def test_every_reason_of_a_project_rule_is_marked_for_translation():
    from brechas_core.projects import load_rules

    reasons = set(load_rules().table["reason"])
    assert reasons <= set(data_labels.RULE_REASONS), reasons - set(data_labels.RULE_REASONS)


def test_every_default_s_statistic_and_unit_cost_note_is_marked_for_translation():
    statistics = set(data.load_typical_district()["statistic"])
    notes = set(simulation.load_inputs().unit_costs["note"].dropna())
    assert statistics <= set(data_labels.DEFAULT_STATISTICS)
    assert notes <= set(data_labels.COST_NOTES), notes - set(data_labels.COST_NOTES)
