"""The memo of results in the feature cache's file: a hit only for the same file state and the same key."""

from __future__ import annotations

import os
import warnings
from pathlib import Path

from sakura_sorter.results import PhotoResult
from sakura_sorter.vision.cache import FeatureCache
from sakura_sorter.vision.result_memo import ResultMemo


def photos(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        path = folder / f"写真{i}.jpg"
        path.write_bytes(b"\xff\xd8" + bytes([i]) * 100)
        out.append(path)
    return out


def result(path: Path, label: str = "sakura") -> PhotoResult:
    return PhotoResult(path, label, 0.875, {"cosmos": 0.125, "sakura": 0.875}, sha256="ab" * 32)


def remember(db: Path, paths: list[Path], key: str) -> int:
    FeatureCache(db, "extractor-a").close()  # the file, as the feature cache makes it
    memo = ResultMemo(db, "extractor-a")
    _found, missing = memo.lookup(paths, key)
    stored = memo.store([result(p) for p in missing], key)
    memo.close()
    return stored


def test_a_second_lookup_finds_every_result_in_order(tmp_path: Path) -> None:
    db, paths = tmp_path / "features.sqlite3", photos(tmp_path / "folder", 4)
    assert remember(db, paths, "model-1") == 4
    memo = ResultMemo(db, "extractor-a")
    found, missing = memo.lookup(list(reversed(paths)), "model-1")
    assert missing == [] and [r.path for r in found] == list(reversed(paths))
    assert all((r.label, r.confidence, r.scores, r.ok) == ("sakura", 0.875, result(r.path).scores, True) for r in found)
    assert found[0].sha256 == "ab" * 32 and found[0].feature is None


def test_a_changed_file_another_model_or_extractor_is_a_miss(tmp_path: Path) -> None:
    db, paths = tmp_path / "features.sqlite3", photos(tmp_path / "folder", 3)
    remember(db, paths, "model-1")
    st = paths[0].stat()
    os.utime(paths[0], ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))  # touched: may have new content
    memo = ResultMemo(db, "extractor-a")
    assert memo.lookup(paths, "model-1")[1] == [paths[0]]
    assert memo.lookup(paths, "model-2")[1] == paths  # another model (or another version of it)
    assert ResultMemo(db, "extractor-b").lookup(paths, "model-1")[1] == paths


def test_a_file_changed_while_it_was_classified_is_not_remembered(tmp_path: Path) -> None:
    db, paths = tmp_path / "features.sqlite3", photos(tmp_path / "folder", 2)
    FeatureCache(db, "extractor-a").close()
    memo = ResultMemo(db, "extractor-a")
    assert memo.lookup(paths, "model-1")[1] == paths
    paths[1].write_bytes(b"\xff\xd8" + b"new content, new size")
    errors = [PhotoResult(paths[0], error="truncated")]  # a photo that could not be read: read again next time
    assert memo.store([*errors, result(paths[1])], "model-1") == 0
    assert memo.lookup(paths, "model-1")[1] == paths


def test_the_memo_shares_the_feature_cache_file_without_harming_it(tmp_path: Path) -> None:
    db, paths = tmp_path / "features.sqlite3", photos(tmp_path / "folder", 2)
    remember(db, paths, "model-1")
    cache = FeatureCache(db, "extractor-a")
    assert cache.available  # the extra table is not taken for a foreign or damaged file
    cache.close()
    assert ResultMemo(db, "extractor-a").lookup(paths, "model-1")[1] == []


def test_an_unusable_file_leaves_the_memo_unavailable_silently_and_the_file_as_it_was(tmp_path: Path) -> None:
    paths = photos(tmp_path / "folder", 2)
    for db, content in ((tmp_path / "none.sqlite3", None), (tmp_path / "junk.sqlite3", b"not a database" * 100)):
        if content is not None:
            db.write_bytes(content)
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # the feature cache says what is wrong with its file, once
            memo = ResultMemo(db, "extractor-a")
            assert not memo.available
            assert memo.lookup(paths, "model-1") == ([], paths)
            assert memo.store([result(p) for p in paths], "model-1") == 0
        assert (db.read_bytes() if db.exists() else None) == content  # not moved aside, not created


def test_the_first_run_is_remembered_once_the_feature_cache_has_made_the_file(tmp_path: Path) -> None:
    db, paths = tmp_path / "features.sqlite3", photos(tmp_path / "folder", 2)
    memo = ResultMemo(db, "extractor-a")
    assert memo.lookup(paths, "model-1") == ([], paths) and not memo.available
    FeatureCache(db, "extractor-a").close()  # what the first run's classification does
    assert memo.store([result(p) for p in paths], "model-1") == 2
    assert ResultMemo(db, "extractor-a").lookup(paths, "model-1")[1] == []
