"""Small corpora written for the scale tests, and a run-independent view of a store."""

from __future__ import annotations

from allegedly.errors import InputError
from allegedly.model import Article
from allegedly.settings import Settings

SENTENCES = [
    "Police said {n} people were arrested after the protest in the capital.",
    "The health ministry reported {n} new cases on Friday, officials said.",
    "Rebel commanders claimed that {n} tanks had been destroyed near the river.",
]


def corpus(n: int = 9) -> list[Article | InputError]:
    items: list[Article | InputError] = []
    for i in range(n):
        text = SENTENCES[i % 3].format(n=10 + i)
        items.append(Article(text=text, origin=f"doc{i}.txt", outlet=f"Outlet {i % 2}"))
    items.append(Article(text=items[0].text, origin="mirror/doc0.txt", outlet="Mirror"))
    items.append(InputError("E101", origin="empty.txt"))
    return items


SETTINGS = Settings(store_batch=3, batch_size=2)


def snapshot(store) -> dict[str, list[tuple]]:
    out = {}
    for table in ("articles", "article_locations", "sources", "attributions", "figures",
                  "claims", "relations", "errors"):
        drop = {"run_id", "time"} | ({"id"} if table == "errors" else set())
        rows = [tuple(v for k, v in r.items() if k not in drop) for r in store.rows(table)]
        out[table] = sorted(rows, key=repr)
    return out


