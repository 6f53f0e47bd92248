"""bench/results.json keeps each scale's figures, and BENCHMARKS.md shows them side by side."""

import json

from bench.load import two_nodes_rps
from bench.run import write_results, write_table


def test_a_small_run_keeps_the_full_scale_figures(tmp_path):
    path = tmp_path / "results.json"
    write_results({"five_band_ms": (210.0, "ms", 300)}, "full", path=path)
    write_results({"five_band_ms": (15.0, "ms", 300)}, "small", path=path)

    stored = json.loads(path.read_text())
    assert stored["full"]["five_band_ms"]["value"] == 210.0
    assert stored["small"]["five_band_ms"]["value"] == 15.0


def test_results_of_the_older_flat_layout_are_kept_under_their_scale(tmp_path):
    path = tmp_path / "results.json"
    flat = {"inbox_ms": {"value": 139.6, "unit": "ms", "target": 200, "scale": "full", "date": "d"}}
    path.write_text(json.dumps(flat))

    merged = write_results({"inbox_ms": (20.0, "ms", 200)}, "small", path=path)

    assert merged["full"]["inbox_ms"]["value"] == 139.6
    assert merged["small"]["inbox_ms"]["value"] == 20.0


def test_the_table_shows_each_scale_and_what_misses_its_target(tmp_path):
    merged = write_results({"five_band_ms": (326.2, "ms", 300)}, "full", path=tmp_path / "r.json")
    merged = write_results(
        {"five_band_ms": (15.0, "ms", 300), "project_list_rps": (51.8, "req/s", 150)},
        "small",
        path=tmp_path / "r.json",
    )
    table = tmp_path / "BENCHMARKS.md"

    write_table(merged, path=table)

    text = table.read_text()
    assert "| figure | unit | target | small | met | full | met |" in text
    assert "| `five_band_ms` | ms | ≤ 300 | 15.0 | yes | 326.2 | **no** |" in text
    assert "| `project_list_rps` | req/s | ≥ 150 | 51.8 | **no** | | |" in text
    assert "Missing their target at `full`: `five_band_ms`." in text


def test_two_web_nodes_serve_what_their_busiest_tier_allows():
    # 31 ms of web CPU a request: two 2-core nodes serve 4,000 / 31 = 129 a second,
    # below the 345 a 2-core database serves at 5.8 ms.
    assert round(two_nodes_rps({"web": 31.0, "db": 5.8, "client": 0.3}, cores=2)) == 129
    # A database that needs 20 ms a request caps them at 100.
    assert two_nodes_rps({"web": 10.0, "db": 20.0, "client": 0.3}, cores=2) == 100
