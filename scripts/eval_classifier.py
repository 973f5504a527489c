"""Measure the project classifier on the hand-labelled, held-out names.

Usage::

    python scripts/eval_classifier.py            # accuracy, per-gap recall and precision
    python scripts/eval_classifier.py --errors   # also list every disagreement
    python scripts/eval_classifier.py --draw --sample 2   # re-draw a sample (needs raw)

The labelled set is ``tests/data/projects_labelled.csv`` (provenance in
``tests/data/README.md``). The rules in ``data/project_rules.csv`` were written reading only
names from the RULE_DEPARTMENTS; the labelled names are a seeded random sample of
local-government projects from the other seven departments, labelled by reading each name
before running the classifier on them.

A project counts as correct when its set of gaps is the label's set: a water-and-sewage
project labelled ``agua`` + ``desague`` must get both (in either order). Per-gap recall and
precision count a project once for each gap in its label / prediction.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from brechas_core.projects import classify, gap_classes, load_rules  # noqa: E402

LABELLED = REPO_ROOT / "tests" / "data" / "projects_labelled.csv"
RULE_DEPARTMENTS = ("Moquegua", "Pasco", "Tacna")
# Sample 1 measured the rules as first written; its errors then shaped revision 2 of the
# rules, so sample 2 (new names, CUIs of sample 1 excluded) measures revision 2 blind.
SAMPLES = {1: (20261127, 340), 2: (20261128, 200)}


def draw(raw: Path, sample: int) -> pd.DataFrame:
    """An unlabelled sample: distinct local-government projects outside RULE_DEPARTMENTS."""
    sys.path.insert(0, str(REPO_ROOT / "scripts"))
    from build_projects import LOCAL, read_invierte

    rows = read_invierte(raw)
    rows = rows[rows["sector"].eq(LOCAL) & rows["cui"].notna()]
    rows = rows[~rows["source"].isin(RULE_DEPARTMENTS)].copy()
    rows["cui"] = rows["cui"].astype("int64")
    rows = rows.drop_duplicates("cui").sort_values("cui")
    for earlier in range(1, sample):
        seed, size = SAMPLES[earlier]
        rows = rows.drop(rows.sample(size, random_state=seed).index)
    seed, size = SAMPLES[sample]
    drawn = rows.sample(size, random_state=seed)
    drawn["name"] = drawn["name"].astype(str).str.split().str.join(" ")
    return drawn[["cui", "source", "name"]].reset_index(drop=True).assign(sample=sample)


def label_sets(gap: pd.Series, also: pd.Series) -> list[frozenset[str]]:
    return [frozenset(x for x in (g, a) if x) for g, a in zip(gap, also, strict=True)]


def evaluate(labelled: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, float]:
    """Per-gap table (support, recall, precision), the per-name frame, and accuracy."""
    c = classify(labelled["name"].tolist(), load_rules())
    truth = label_sets(labelled["label"], labelled["label_also"].fillna(""))
    pred = label_sets(pd.Series(c.gap_id), pd.Series(c.also_gap_id))
    per_name = labelled.assign(
        predicted=c.gap_id, predicted_also=c.also_gap_id, rule_id=c.rule_id, matched=c.matched
    )
    per_name["correct"] = [t == p for t, p in zip(truth, pred, strict=True)]
    rows = []
    for gap in gap_classes():
        in_truth = np.array([gap in t for t in truth])
        in_pred = np.array([gap in p for p in pred])
        hit = (in_truth & in_pred).sum()
        rows.append(
            {
                "gap_id": gap,
                "support": int(in_truth.sum()),
                "predicted": int(in_pred.sum()),
                "recall": hit / in_truth.sum() if in_truth.any() else np.nan,
                "precision": hit / in_pred.sum() if in_pred.any() else np.nan,
            }
        )
    return pd.DataFrame(rows), per_name, float(per_name["correct"].mean())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draw", action="store_true", help="print the unlabelled sample")
    parser.add_argument("--raw", type=Path, default=REPO_ROOT.parent / "shared" / "data" / "raw")
    parser.add_argument("--sample", type=int, default=2, choices=sorted(SAMPLES))
    parser.add_argument("--errors", action="store_true", help="list every disagreement")
    args = parser.parse_args(argv)
    if args.draw:
        draw(args.raw, args.sample).to_csv(sys.stdout, index=False, lineterminator="\n")
        return 0
    labelled = pd.read_csv(LABELLED, dtype=str, keep_default_na=False)
    notes = {
        "1": "seen: its errors shaped revision 2 of the rules",
        "2": "blind: drawn and labelled after revision 2, never used to write rules",
    }
    for sample, group in labelled.groupby("sample", sort=True):
        table, per_name, accuracy = evaluate(group)
        seed, _ = SAMPLES[int(sample)]
        print(f"sample {sample} ({notes.get(sample, '')}; seed {seed}): {len(per_name)} names")
        print(f"accuracy: {accuracy:.3f} ({int(per_name['correct'].sum())}/{len(per_name)})")
        print(table.to_string(index=False, float_format=lambda v: f"{v:.3f}", na_rep="-"))
        if args.errors:
            wrong = per_name[~per_name["correct"]]
            for _, r in wrong.iterrows():
                print(
                    f"- {r['label']}+{r['label_also'] or '-'} vs {r['predicted']}+"
                    f"{r['predicted_also'] or '-'} [{r['rule_id']}: {r['matched']}] "
                    f"{r['name'][:100]}"
                )
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
