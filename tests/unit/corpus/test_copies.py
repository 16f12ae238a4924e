import datetime as dt

from allegedly.corpus.copies import (
    ArticleInfo,
    exact_clusters,
    near_clusters,
    near_duplicates,
)

STORY = ("The regional council voted on Tuesday to close the old river bridge to lorries "
         "after engineers found cracks in two of its supports. Repairs are expected to take "
         "at least four months and will cost the council about two million crowns, the "
         "transport committee chairman told reporters after the vote. Buses will use the "
         "northern ring road until the work is finished, and cyclists may still cross.")


def _art(i, text, day, outlet, wire=None):
    return ArticleInfo(f"id{i}", text, outlet, f"https://{outlet}.example/{i}",
                       dt.date(2025, 5, day), wire, f"file{i}")


def test_near_duplicates_cluster_with_the_first_publisher():
    first = _art(1, STORY, 2, "wire", wire="XPA")
    edited = _art(2, STORY.replace("on Tuesday", "this week").replace("told reporters",
                                                                      "said"), 3, "paper")
    other = _art(3, "Completely different story about a football match and its result in "
                 "the cup final on Sunday, where the home side won after extra time " * 2, 3,
                 "sport")
    pairs = near_duplicates([edited, other, first], threshold=0.6)
    assert [(a.id, b.id) for a, b, _s in pairs] == [("id1", "id2")]
    (cluster,) = near_clusters(pairs)
    assert cluster.first.id == "id1" and cluster.kind == "wire" and cluster.wire == "XPA"
    assert [m.article.id for m in cluster.members] == ["id1", "id2"]
    assert 0.6 <= cluster.members[1].similarity < 1
    # a reprint of the first half is a copy (containment), though its Jaccard is about 0.5
    half = _art(4, STORY[: len(STORY) // 2 + 40], 4, "digest")
    assert [b.id for _a, b, _s in near_duplicates([first, half], threshold=0.8)] == ["id4"]


def test_headlines_are_not_copies_and_rereads_are_not_copies():
    short = [_art(i, "Bridge closed to lorries", 2, f"o{i}") for i in range(3)]
    assert near_duplicates(short) == []
    art = _art(1, STORY, 2, "paper")
    reread = [{"article_id": "id1", "origin": "file1", "url": art.url, "outlet": "paper"},
              {"article_id": "id1", "origin": "copy/of/file1", "url": art.url,
               "outlet": "paper"}]
    assert exact_clusters({"id1": art}, reread) == []
    elsewhere = reread[:1] + [{"article_id": "id1", "origin": "feed#3",
                               "url": "https://other.example/x", "outlet": "other"}]
    (c,) = exact_clusters({"id1": art}, elsewhere)
    assert c.kind == "exact" and [m.location for m in c.members] == ["", "feed#3"]
