"""Tables of the corpus layer (schema migration 5): claim groups, members, links, figure
comparisons, copies, corrections, link runs.

All but ``corrections`` are *derived*: ``allegedly link`` rewrites them from the analysis
tables in one transaction. ``corrections`` holds people's decisions (who, when, why); no run
ever changes or deletes a row of it, and every run applies them.
"""

from __future__ import annotations

#: Column name -> SQLite type, per table, in column order.
CORPUS_COLUMNS: dict[str, dict[str, type]] = {
    "link_runs": {
        "id": int, "started": str, "finished": str, "mode": str, "claims": int,
        "linkable": int, "candidates": int, "scored": int, "links": int, "groups": int,
        "comparisons": int, "copies": int, "embedding": str, "seconds": float,
        "settings": str,
    },
    "claim_links": {
        "a_article": str, "a_claim": str, "b_article": str, "b_claim": str, "score": float,
        "features": str, "method": str, "link_run": int,
    },
    "claim_groups": {
        "id": str, "claim": str, "seed_article": str, "seed_claim": str, "reports": int,
        "outlets": int, "outlet_names": str, "independent_origins": int, "origins": str,
        "one_origin": int, "first_seen": str, "last_seen": str, "members": int,
        "conflicts": int, "link_run": int, "event": str, "event_how": str,
    },
    "group_members": {
        "id": str, "group_id": str, "article_id": str, "claim_id": str, "status": str,
        "score": float, "method": str, "origins": str, "inherited": int, "correction": int,
    },
    "figure_comparisons": {
        "group_id": str, "seq": int, "key": str, "kind": str, "reason": str,
        "a_article": str, "a_figure": str, "a_claim": str, "a_origin": str,
        "b_article": str, "b_figure": str, "b_claim": str, "b_origin": str,
    },
    "article_copies": {
        "cluster": str, "article_id": str, "kind": str, "first_article": str,
        "similarity": float, "wire": str, "location": str,
    },
    "corrections": {
        "id": int, "member_id": str, "group_id": str, "article_id": str, "claim_id": str,
        "anchor_article": str, "anchor_claim": str, "decision": str, "by": str, "why": str,
        "time": str,
    },
    "linked_articles": {"article_id": str, "link_run": int},
}

CORPUS_PKS: dict[str, tuple[str, ...]] = {
    "link_runs": ("id",),
    "claim_links": ("a_article", "a_claim", "b_article", "b_claim"),
    "claim_groups": ("id",),
    "group_members": ("id",),
    "figure_comparisons": ("group_id", "seq"),
    "article_copies": ("cluster", "article_id", "location"),
    "corrections": ("id",),
    "linked_articles": ("article_id",),
}

#: Derived tables, rewritten by every link run (in this order; children first on delete).
DERIVED = ("figure_comparisons", "group_members", "claim_groups", "article_copies")

_FOREIGN_KEYS: dict[str, list[tuple[str, str, str]]] = {
    "group_members": [("group_id", "claim_groups", "id"), ("article_id", "articles", "id")],
    "figure_comparisons": [("group_id", "claim_groups", "id")],
    "article_copies": [("article_id", "articles", "id")],
    "linked_articles": [("article_id", "articles", "id")],
}

INDEXES: list[tuple[str, list[str]]] = [
    ("group_members", ["group_id"]), ("group_members", ["article_id", "claim_id"]),
    ("group_members", ["status"]), ("figure_comparisons", ["kind"]),
    ("figure_comparisons", ["key"]), ("claim_groups", ["one_origin"]),
    ("claim_groups", ["event"]),
    ("article_copies", ["article_id"]), ("corrections", ["article_id", "claim_id"]),
    ("claim_links", ["b_article", "b_claim"]),
]


def create_corpus_tables(db) -> None:
    """Create the corpus tables and indexes (idempotent)."""
    for table, columns in CORPUS_COLUMNS.items():
        db[table].create(columns, pk=CORPUS_PKS[table], if_not_exists=True,
                         foreign_keys=_FOREIGN_KEYS.get(table))
        have = set(db[table].columns_dict)
        for column, kind in columns.items():  # stores made by a development build
            if column not in have:
                db[table].add_column(column, kind)
    for table, cols in INDEXES:
        db[table].create_index(cols, if_not_exists=True)
