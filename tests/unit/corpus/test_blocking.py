import datetime as dt

from allegedly.corpus.blocking import Blocker, BlockingOptions, blocking_keys
from allegedly.corpus.linker import LinkStats, link_claims, prepare
from tests.unit.corpus.conftest import claim, fig


def _skewed(n: int) -> list:
    """n claims over 90 days; every claim has the same figure key (the worst skew)."""
    out = []
    for i in range(n):
        day = dt.date(2025, 1, 1) + dt.timedelta(days=i * 90 // n)
        out.append(claim(f"art{i}", f"Report {i} says {i % 7 + 2} people were killed in "
                         f"place{i % 50}", day=day, figures=[fig(i % 7 + 2, article=f"art{i}")]))
    return out


def test_candidates_per_claim_are_bounded_under_key_skew():
    per_claim = []
    for n in (100, 800):
        claims = _skewed(n)
        stats = LinkStats()
        list(link_claims(claims, prepare(claims), threshold=0.99, stats=stats))
        assert stats.linkable == n
        per_claim.append(stats.candidates / n)
    # near-identical texts under one key: bounded per claim (LSH hits capped, keys x
    # neighbours), so 8x the claims is not 8x the candidates per claim
    assert per_claim[1] < 40 and per_claim[1] < 1.5 * per_claim[0], per_claim


def test_same_article_and_out_of_window_claims_are_never_candidates():
    a1 = claim("a", "Shelling killed 12 people in Brastovo", day=1, claim_id="c1")
    a2 = claim("a", "Shelling killed 12 people in Brastovo today", day=1, claim_id="c2")
    far = claim("b", "Shelling killed 12 people in Brastovo", day=dt.date(2025, 12, 1))
    near = claim("c", "Shelling killed 12 people in Brastovo", day=2)
    prepared = prepare([a1, a2, near, far])
    blocker = Blocker(prepared.df, BlockingOptions(window_days=30))
    pairs = list(blocker.add(list(enumerate([a1, a2, near, far]))))
    assert (0, 1) not in pairs  # same article
    assert (0, 2) in pairs and (1, 2) in pairs
    assert not [p for p in pairs if 3 in p]  # 7 months later


def test_blocking_keys_use_rare_names_figure_keys_and_origin():
    c = claim("a", "Colonel Radu Belsky said shelling killed 34 people in Brastovo", day=1,
              chain=[("Radu Belsky", "person")], figures=[fig(34)])
    keys = blocking_keys(c, prepare([c]).df)
    assert ("n", "brastovo") in keys and ("f", "people|fatal") in keys
    assert ("o", "radu belsky") in keys
    assert any(k[0] == "e" and k[1] == "attack" for k in keys)


def test_word_sketches_equal_datasketch_minhashes_of_the_same_words():
    from datasketch import MinHash

    from allegedly.corpus.blocking import WordSketches

    sets = [frozenset({"shelling", "brastovo", "34"}), frozenset(), frozenset({"brastovo"}),
            frozenset({"flood", "karsk", "shelling", "market", "ministry"})]
    sketches = WordSketches(num_perm=64, max_words=5)  # small: the cache restarts mid-way
    got = sketches.minhashes(sets[:2]) + sketches.minhashes(sets[2:])
    for words, lean in zip(sets, got, strict=True):
        m = MinHash(num_perm=64)
        m.update_batch([w.encode("utf-8") for w in sorted(words)] or [b"\x00empty"])
        assert (lean.hashvalues == m.hashvalues).all() and lean.jaccard(m) == 1.0
    # restarted with the second batch's words only (more than max_words: kept for the batch)
    assert set(sketches.rows) == sets[2] | sets[3]


def test_the_lsh_window_forgets_claims_of_partitions_out_of_the_window():
    options = BlockingOptions(window_days=30, partition_days=10)
    claims = [claim(f"art{i}", f"Shelling killed {i + 2} people in Brastovo market",
                    day=dt.date(2025, 1, 1) + dt.timedelta(days=3 * i)) for i in range(60)]
    blocker = Blocker(prepare(claims).df, options)
    pairs = list(blocker.add(list(enumerate(claims))))
    # every pair is within the window, and the index holds only the live partitions' claims
    assert pairs and all(3 * (j - i) <= 30 + 10 for i, j in pairs)
    window = blocker.window
    assert len(window.partition_of) <= 4 * 10 // 3 + 1 < 60
    assert set(window.partition_of) <= set(blocker.live)
    assert len(window.index) == len(window.partition_of)


def test_the_band_index_answers_every_query_as_datasketch_s_minhash_lsh():
    import random

    from datasketch import MinHashLSH

    from allegedly.corpus.blocking import BandIndex, WordSketches

    rng = random.Random(3)
    vocab = [f"w{i}" for i in range(40)]  # few words: many shared buckets, many lists
    sets = [frozenset(rng.sample(vocab, rng.randint(0, 9))) for _ in range(300)]
    sketches = WordSketches(num_perm=64)
    hashes, values = sketches.minhashes(sets), sketches.values(sets)
    plain, index = MinHashLSH(threshold=0.4, num_perm=64), BandIndex(0.4, 64)
    assert (index.b, index.r) == (plain.b, plain.r) == (16, 4)
    bands = index.band_keys(values)
    live: list[int] = []
    for idx, m in enumerate(hashes):
        assert sorted(plain.query(m)) == sorted(index.query(bands[idx]))
        plain.insert(idx, m, check_duplication=False)
        index.insert(idx, bands[idx])
        live.append(idx)
        if idx % 3 == 2:  # remove an older claim now and then (a partition leaving)
            gone = live.pop(rng.randrange(len(live)))
            plain.remove(gone)
            index.remove(gone)
    assert max(len(v) for t in index.tables for v in t.values()
               if isinstance(v, list)) > 2  # buckets grew and shrank
    for idx, m in enumerate(hashes):
        assert sorted(plain.query(m)) == sorted(index.query(bands[idx]))
    for table, ours in zip(plain.hashtables, index.tables, strict=True):
        assert table.itemcounts() == {k: len(v) if isinstance(v, list) else 1
                                      for k, v in ours.items()}
    assert len(index) == len(live)


def test_evicting_old_partitions_loses_no_link_inside_the_window():
    # pairs of reports of one story 5 ... 100 days apart, few claims a key (no cap is reached)
    start = dt.date(2025, 1, 1)
    places = ["Brastovo", "Velmor", "Kaltresk", "Drumava", "Osterlin", "Pomarka", "Zelbrod",
              "Hravna", "Tesmolik", "Urvanta"]
    claims = []
    for k, place in enumerate(places):
        gap = (5, 20, 40, 70, 100)[k % 5]
        for n, day in enumerate((3 * k, 3 * k + gap)):
            claims.append(claim(f"s{k}r{n}", f"Shelling of the {place} depot killed {k + 12} "
                                f"workers, the {place} governor said",
                                day=start + dt.timedelta(days=day),
                                figures=[fig(k + 12, counted="workers")]))
    claims.sort(key=lambda c: c.published)
    prepared = prepare(claims)
    options = BlockingOptions()
    keep = -(-options.window_days // options.partition_days)

    def links(opts):
        return {(x.a, x.b) for x in link_claims(claims, prepared, threshold=0.3, options=opts)}

    def partition(uid):
        c = next(c for c in claims if c.uid == uid)
        return c.published.toordinal() // options.partition_days

    windowed, everything = links(options), links(BlockingOptions(window_days=100_000))
    inside = {(a, b) for a, b in everything if partition(b) - partition(a) <= keep}
    assert windowed == inside and len(inside) >= 6
    assert everything - inside  # the 100-day pairs: out of the window, so never linked
