"""Feature cache: hits, misses, moved files, discarded files, settings and concurrent runs."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
import warnings
from pathlib import Path

import numpy as np
import pytest

from sakura_sorter.userdirs import user_cache_dir
from sakura_sorter.vision import cache as fc
from sakura_sorter.vision import cache_file
from sakura_sorter.vision.cache import CacheWarning, FeatureCache

DIM = 512
REPO_ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(1234)


def make_files(folder: Path, count: int, rng: np.random.Generator, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + count):
        path = folder / f"photo_{i:04d}.jpg"
        path.write_bytes(rng.bytes(2000 + 37 * i))  # distinct sizes and contents
        paths.append(path)
    return paths


def vectors(count: int, rng: np.random.Generator) -> list[np.ndarray]:
    return [rng.standard_normal(DIM).astype(np.float32) for _ in range(count)]


def bump_mtime(path: Path, seconds: int = 5) -> None:
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + seconds * 1_000_000_000))


@pytest.fixture
def cache(tmp_path: Path):
    with FeatureCache(tmp_path / "cache" / "features.sqlite3", "vgg16|test", dim=DIM) as c:
        yield c


def test_unchanged_files_hit_without_hashing(cache, tmp_path, rng):
    paths = make_files(tmp_path / "photos", 6, rng)
    vecs = vectors(6, rng)
    assert cache.lookup(paths) == {}
    assert cache.store(list(zip(paths, vecs))) == 6
    hashed = cache.counters.files_hashed

    hits = cache.lookup(paths)

    assert set(hits) == set(paths)
    for path, vec in zip(paths, vecs):
        assert hits[path].dtype == np.float32 and hits[path].shape == (DIM,)
        np.testing.assert_array_equal(hits[path], vec)
    assert cache.counters.stat_hits == 6
    assert cache.counters.files_hashed == hashed  # the fast path reads no file


def test_second_run_reopens_and_hits(tmp_path, rng):
    db = tmp_path / "features.sqlite3"
    paths = make_files(tmp_path / "photos", 4, rng)
    vecs = vectors(4, rng)
    with FeatureCache(db, "id") as first:
        first.store(list(zip(paths, vecs)))
    with FeatureCache(db, "id") as second:
        hits = second.lookup(paths)
        assert second.counters.misses == 0
    np.testing.assert_array_equal(np.stack([hits[p] for p in paths]), np.stack(vecs))


def test_new_file_uses_large_pages_and_wal(tmp_path, rng):
    db = tmp_path / "features.sqlite3"
    paths = make_files(tmp_path / "photos", 240, rng)
    vecs = vectors(240, rng)
    sizes = []
    for half in (slice(0, 120), slice(120, 240)):
        with FeatureCache(db, "id") as c:  # closing checkpoints the WAL into the file
            c.store(list(zip(paths[half], vecs[half])))
        sizes.append(db.stat().st_size)
    conn = sqlite3.connect(db)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
    conn.close()
    assert (page_size, mode) == (cache_file._PAGE_SIZE, "wal")
    per_entry = (sizes[1] - sizes[0]) / 120
    assert 4 * DIM < per_entry < 3 * 1024  # 2 KiB vectors packed several to a page


def test_changed_content_same_size_misses(cache, tmp_path, rng):
    (path,) = make_files(tmp_path / "photos", 1, rng)
    cache.store([(path, vectors(1, rng)[0])])
    path.write_bytes(rng.bytes(path.stat().st_size))  # same size, new bytes
    bump_mtime(path)

    assert cache.lookup([path]) == {}
    assert cache.counters.files_hashed == 2  # once by store, once by the same-size fallback


def test_changed_size_misses_without_hashing(cache, tmp_path, rng):
    (path,) = make_files(tmp_path / "photos", 1, rng)
    cache.store([(path, vectors(1, rng)[0])])
    hashed = cache.counters.files_hashed
    with path.open("ab") as fh:
        fh.write(b"more")

    assert cache.lookup([path]) == {}
    assert cache.counters.files_hashed == hashed  # no entry of that size: nothing to hash


def test_touched_identical_file_hits_by_hash_then_by_stat(cache, tmp_path, rng):
    (path,) = make_files(tmp_path / "photos", 1, rng)
    (vec,) = vectors(1, rng)
    cache.store([(path, vec)])
    bump_mtime(path)

    np.testing.assert_array_equal(cache.lookup([path])[path], vec)
    assert cache.counters.hash_hits == 1
    hashed = cache.counters.files_hashed
    np.testing.assert_array_equal(cache.lookup([path])[path], vec)
    assert cache.counters.stat_hits == 1
    assert cache.counters.files_hashed == hashed


def test_moved_file_hits_by_hash_and_is_relinked(cache, tmp_path, rng):
    paths = make_files(tmp_path / "photos", 3, rng)
    vecs = vectors(3, rng)
    cache.store(list(zip(paths, vecs)))
    moved = tmp_path / "elsewhere" / "renamed.jpg"
    moved.parent.mkdir()
    paths[1].rename(moved)

    hits = cache.lookup([moved])
    np.testing.assert_array_equal(hits[moved], vecs[1])
    assert cache.counters.hash_hits == 1

    hashed = cache.counters.files_hashed
    np.testing.assert_array_equal(cache.lookup([moved])[moved], vecs[1])
    assert cache.counters.stat_hits == 1
    assert cache.counters.files_hashed == hashed


def rows(db: Path) -> int:
    """How many vectors the cache file holds, for every extractor."""
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM features").fetchone()[0]


def test_other_extractor_id_misses(tmp_path, rng):
    db = tmp_path / "features.sqlite3"
    paths = make_files(tmp_path / "photos", 2, rng)
    vecs_a, vecs_b = vectors(2, rng), vectors(2, rng)
    with FeatureCache(db, "vgg16|float32") as a:
        a.store(list(zip(paths, vecs_a)))
    with FeatureCache(db, "vgg16|bfloat16") as b:
        assert b.lookup(paths) == {}
        b.store(list(zip(paths, vecs_b)))
        np.testing.assert_array_equal(b.lookup(paths)[paths[0]], vecs_b[0])
        assert rows(db) == 4  # both extractors' vectors are kept side by side
    with FeatureCache(db, "vgg16|float32") as a:
        np.testing.assert_array_equal(a.lookup(paths)[paths[0]], vecs_a[0])


def test_missing_file_is_a_miss(cache, tmp_path, rng):
    (path,) = make_files(tmp_path / "photos", 1, rng)
    cache.store([(path, vectors(1, rng)[0])])
    gone = tmp_path / "photos" / "gone.jpg"
    hits = cache.lookup([path, gone])
    assert set(hits) == {path}
    assert cache.store([(gone, vectors(1, rng)[0])]) == 0


def test_file_changed_between_lookup_and_store_is_not_stored(cache, tmp_path, rng):
    (path,) = make_files(tmp_path / "photos", 1, rng)
    assert cache.lookup([path]) == {}
    path.write_bytes(rng.bytes(123))  # edited while its old bytes were being classified
    assert cache.store([(path, vectors(1, rng)[0])]) == 0
    assert cache.counters.skipped == 1
    assert cache.lookup([path]) == {}


def test_precomputed_hash_avoids_reading_the_file(cache, tmp_path, rng):
    (path,) = make_files(tmp_path / "photos", 1, rng)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    cache.store([(path, vectors(1, rng)[0])], hashes={path: digest})
    assert cache.counters.files_hashed == 0
    moved = path.with_name("moved.jpg")
    path.rename(moved)
    assert set(cache.lookup([moved])) == {moved}  # the given hash is the one recorded


def test_bad_vectors(cache, tmp_path, rng):
    (path,) = make_files(tmp_path / "photos", 1, rng)
    with pytest.raises(ValueError):
        cache.store([(path, np.zeros(DIM - 1, np.float32))])
    with pytest.raises(ValueError):
        cache.store([(path, np.zeros((1, DIM), np.float32))])
    bad = np.zeros(DIM, np.float32)
    bad[3] = np.nan
    assert cache.store([(path, bad)]) == 0
    assert cache.lookup([path]) == {}


def test_malformed_row_reads_as_miss_and_is_overwritten(tmp_path, rng):
    db = tmp_path / "features.sqlite3"
    (path,) = make_files(tmp_path / "photos", 1, rng)
    vec_a, vec_b = vectors(2, rng)
    with FeatureCache(db, "id", dim=DIM) as c:
        c.store([(path, vec_a)])
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE features SET vector = ?", (b"\x00" * 100,))
    conn.close()
    with FeatureCache(db, "id", dim=DIM) as c:
        assert c.lookup([path]) == {}
        c.store([(path, vec_b)])
        np.testing.assert_array_equal(c.lookup([path])[path], vec_b)


def _discarded(db: Path) -> list[Path]:
    return sorted(db.parent.glob(db.name + ".discarded-*"))


def _foreign_sqlite(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE photos (name TEXT)")
    conn.execute("INSERT INTO photos VALUES ('keep me')")
    conn.commit()
    conn.close()


def _newer_schema(db: Path) -> None:
    FeatureCache(db, "id").close()
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {cache_file.SCHEMA_VERSION + 1}")
    conn.close()


@pytest.mark.parametrize(
    ("make_bad", "reason"),
    [
        (lambda db: db.write_bytes(np.random.default_rng(7).bytes(8192)), "not a readable SQLite"),
        (lambda db: db.write_text("photos:\n  - a.jpg\n" * 50), "not a readable SQLite"),
        (_foreign_sqlite, "another application"),
        (_newer_schema, "newer than"),
    ],
    ids=["random-bytes", "text", "foreign-sqlite", "newer-schema"],
)
def test_bad_file_is_moved_aside_with_a_warning(tmp_path, rng, make_bad, reason):
    db = tmp_path / "features.sqlite3"
    make_bad(db)
    original = db.read_bytes()
    (path,) = make_files(tmp_path / "photos", 1, rng)

    with pytest.warns(CacheWarning, match=reason), FeatureCache(db, "id") as c:
        assert c.available
        assert c.lookup([path]) == {}
        c.store([(path, vectors(1, rng)[0])])
        assert set(c.lookup([path])) == {path}

    (aside,) = _discarded(db)
    assert aside.read_bytes() == original


def test_corruption_found_mid_run_restarts_fresh(tmp_path, rng):
    db = tmp_path / "features.sqlite3"
    paths = make_files(tmp_path / "photos", 30, rng)
    with FeatureCache(db, "id") as c:
        c.store(list(zip(paths, vectors(30, rng))))
    page = 4096
    data = bytearray(db.read_bytes())
    assert len(data) > 4 * page
    data[2 * page :] = rng.bytes(len(data) - 2 * page)  # keep the header and schema page, trash the rest
    db.write_bytes(bytes(data))

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        c = FeatureCache(db, "id")
        hits = c.lookup(paths)  # must not raise
        c.store([(paths[0], vectors(1, rng)[0])])
        after = c.lookup(paths[:1])
        c.close()
    assert hits == {}
    assert set(after) == {paths[0]}
    assert any(issubclass(w.category, CacheWarning) and "corrupt" in str(w.message) for w in caught)
    assert _discarded(db)


def test_unopenable_location_disables_with_warning(tmp_path, rng):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    (path,) = make_files(tmp_path / "photos", 1, rng)
    with pytest.warns(CacheWarning, match="disabled"):
        c = FeatureCache(blocker / "features.sqlite3", "id")
    assert not c.available
    assert c.lookup([path]) == {}
    assert c.store([(path, vectors(1, rng)[0])]) == 0
    assert blocker.read_text() == "x"
    with pytest.warns(CacheWarning):
        assert FeatureCache.open_default("id", blocker / "features.sqlite3") is None


# ---------------------------------------------------------------- concurrency

_WORKER = """
import json, sys, time
from pathlib import Path
import numpy as np
from sakura_sorter.vision.cache import FeatureCache
db, folder, worker, go = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4])
paths = sorted(folder.glob("*.jpg"))
rng = np.random.default_rng(worker)
while not go.exists():
    time.sleep(0.005)
cache = FeatureCache(db, "shared-id", dim=512)
stored = 0
for i in range(0, len(paths), 5):
    batch = paths[i : i + 5]
    cache.lookup(paths)
    stored += cache.store([(p, np.full(512, worker, np.float32)) for p in batch])
hits = len(cache.lookup(paths))
cache.close()
print(json.dumps({"stored": stored, "hits": hits}))
"""


def test_concurrent_processes_share_a_fresh_cache(tmp_path, rng):
    db = tmp_path / "cache" / "features.sqlite3"
    go = tmp_path / "go"
    folders = []
    for worker in range(3):
        folder = tmp_path / f"photos{worker}"
        make_files(folder, 40, rng, start=worker * 100)
        folders.append(folder)
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "PYTHONWARNINGS": "error::UserWarning"}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _WORKER, str(db), str(folder), str(worker), str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for worker, folder in enumerate(folders)
    ]
    time.sleep(0.3)  # let them all import and wait at the gate, then release at once
    go.touch()
    outputs = [proc.communicate(timeout=60) for proc in procs]

    for proc, (out, err) in zip(procs, outputs):
        assert proc.returncode == 0, err
        assert json.loads(out) == {"stored": 40, "hits": 40}
    with FeatureCache(db, "shared-id") as c:
        for worker, folder in enumerate(folders):
            hits = c.lookup(sorted(folder.glob("*.jpg")))
            assert len(hits) == 40
            assert all(float(v[0]) == worker for v in hits.values())
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_concurrent_threads_same_files(tmp_path, rng):
    db = tmp_path / "features.sqlite3"
    paths = make_files(tmp_path / "photos", 60, rng)
    errors: list[BaseException] = []

    def work(seed: int) -> None:
        try:
            with FeatureCache(db, "id", dim=DIM) as c:
                local = np.random.default_rng(seed)
                for i in range(0, len(paths), 6):
                    batch = paths[i : i + 6]
                    c.lookup(batch)
                    c.store([(p, local.standard_normal(DIM).astype(np.float32)) for p in batch])
        except BaseException as exc:
            errors.append(exc)

    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheWarning)
        threads = [threading.Thread(target=work, args=(seed,)) for seed in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert errors == []
    with FeatureCache(db, "id", dim=DIM) as c:
        assert len(c.lookup(paths)) == 60
    assert rows(db) == 60


def test_simultaneous_creation_never_discards_the_other_runs_file(tmp_path):
    """Many openers of one new file at the same instant: none may mistake it for a foreign file."""
    problems: list[str] = []
    for round_ in range(12):
        db = tmp_path / f"round{round_}" / "features.sqlite3"
        barrier = threading.Barrier(8)

        def open_at_once(db: Path = db, barrier: threading.Barrier = barrier) -> None:
            barrier.wait()
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                FeatureCache(db, "id").close()
            problems.extend(str(w.message) for w in caught)

        threads = [threading.Thread(target=open_at_once) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not _discarded(db)
    assert problems == []


# ---------------------------------------------------------------- settings and location


def test_xdg_cache_home_is_honoured(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.delenv(fc.ENV_VAR, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert fc.resolve_cache_path() == tmp_path / "xdg" / "sakura-sorter" / "features.sqlite3"
    with FeatureCache.open_default("id") as c:
        assert c.path == tmp_path / "xdg" / "sakura-sorter" / "features.sqlite3"
    assert c.path.is_file()


def test_relative_xdg_and_other_platforms(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/dir")
    monkeypatch.setattr(sys, "platform", "linux")
    assert user_cache_dir() == tmp_path / ".cache" / "sakura-sorter"
    monkeypatch.setattr(sys, "platform", "darwin")
    assert user_cache_dir() == tmp_path / "Library" / "Caches" / "sakura-sorter"
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "Local"))
    assert user_cache_dir() == tmp_path / "Local" / "sakura-sorter"


@pytest.mark.parametrize("value", ["off", "OFF", "0", "", "false", "none"])
def test_env_disables(monkeypatch, value):
    monkeypatch.setenv(fc.ENV_VAR, value)
    assert fc.resolve_cache_path() is None
    assert FeatureCache.open_default("id") is None


def test_env_and_setting_choose_the_file(monkeypatch, tmp_path):
    monkeypatch.setenv(fc.ENV_VAR, str(tmp_path / "from-env.db"))
    assert fc.resolve_cache_path() == tmp_path / "from-env.db"
    assert fc.resolve_cache_path(tmp_path / "explicit.db") == tmp_path / "explicit.db"
    assert fc.resolve_cache_path("off") is None
    folder = tmp_path / "folder"
    folder.mkdir()
    assert fc.resolve_cache_path(folder) == folder / fc.DEFAULT_FILE_NAME
    with FeatureCache.open_default("id") as c:
        assert c.path == tmp_path / "from-env.db"


def test_import_loads_no_tensorflow_keras_or_qt():
    code = (
        "import sys, sakura_sorter.vision.cache\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('tensorflow', 'keras', 'PySide6')]\n"
        "print(bad)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True, timeout=120)
    assert out.stdout.strip() == "[]"


def test_lookup_gives_the_content_hash_of_each_hit_without_reading_unchanged_files(cache, tmp_path, rng):
    paths = make_files(tmp_path / "photos", 3, rng)
    sha = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}
    cache.store(list(zip(paths[:2], vectors(2, rng))), hashes={paths[0]: sha[paths[0]]})
    cache.store([(paths[2], vectors(1, rng)[0])])  # stored without its hash: computed on store
    moved = tmp_path / "moved.jpg"
    paths[1].rename(moved)

    hashed = cache.counters.files_hashed
    digests: dict[Path, str] = {}
    hits = cache.lookup([paths[0], moved, paths[2]], digests)
    assert set(hits) == {paths[0], moved, paths[2]}
    assert digests == {paths[0]: sha[paths[0]], moved: sha[paths[1]], paths[2]: sha[paths[2]]}
    assert cache.counters.files_hashed == hashed + 1  # only the moved photo was read
