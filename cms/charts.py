"""Bar charts of the indicators, drawn with plain HTML and CSS (no script, no fixed
direction): each bar's height is its share of the chart's largest value."""

from django.utils.translation import gettext


def indicator_chart(indicator):
    """Bars of the baseline, each locked actual and each yearly target of ``indicator``,
    in time order: ``[{"label", "kind", "value", "height"}]`` with height 0–100."""
    bars = [{"label": str(indicator.baseline_year), "kind": "baseline",
             "kind_label": gettext("Baseline"), "value": indicator.baseline_value}]
    bars += [{"label": value.period.label, "kind": "actual", "kind_label": gettext("Actual"),
              "value": value.value} for value in indicator.locked_values]
    bars += [{"label": str(target.year), "kind": "target", "kind_label": gettext("Target"),
              "value": target.value} for target in indicator.year_targets]
    top = max((bar["value"] for bar in bars), default=0) or 1
    for bar in bars:
        bar["height"] = max(2, round(100 * float(bar["value"]) / float(top)))
    return bars
