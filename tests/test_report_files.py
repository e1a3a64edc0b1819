"""The report folder: the report removes only what it wrote, never follows a symbolic link, and leaves
its files as readable as the user's umask says."""

from __future__ import annotations

import dataclasses
import io
import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from cc_syndicate.cli import main
from cc_syndicate.errors import UsageError
from cc_syndicate.report import MANIFEST, build_report, write_report
from cc_syndicate.store import Store
from cc_syndicate.views import ReportView


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    assert main(["demo", "--dir", str(folder)], stdout=io.StringIO()) == 0
    return folder / "cc-syndicate.db"


@pytest.fixture
def store(demo_db: Path) -> Iterator[Store]:
    with Store(demo_db, readonly=True) as opened:
        yield opened


@pytest.fixture
def data(store: Store) -> ReportView:
    built = build_report(store)
    assert len(built.cases) >= 3
    return built


def listed(folder: Path) -> set[str]:
    return set(json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["files"])


def files_in(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if not p.is_dir()}


def test_the_manifest_lists_what_the_report_wrote(store: Store, data: ReportView, tmp_path: Path) -> None:
    write_report(store, tmp_path / "r", data)
    written = {"index.html", "violations.json", "violations.csv", "violations.atom", *(c.path for c in data.cases)}
    assert listed(tmp_path / "r") == written
    assert files_in(tmp_path / "r") == written | {MANIFEST}


def test_only_files_an_earlier_report_wrote_are_removed(store: Store, data: ReportView, tmp_path: Path) -> None:
    folder = tmp_path / "r"
    folder.mkdir()
    (folder / "cases").mkdir()
    theirs = [folder / "cases" / "someone-elses-0123456789.html", folder / "README.html", folder / ".htaccess"]
    for path in theirs:
        path.write_text("not the report's", encoding="utf-8")
    write_report(store, folder, data)
    gone, *kept = data.cases
    write_report(store, folder, dataclasses.replace(data, cases=tuple(kept)))  # a case gone since
    assert not (folder / gone.path).exists()
    assert all((folder / case.path).exists() for case in kept)
    assert all(path.read_text(encoding="utf-8") == "not the report's" for path in theirs)
    assert gone.path not in listed(folder)


def test_a_manifest_naming_files_elsewhere_deletes_nothing_there(store: Store, data: ReportView, tmp_path: Path) -> None:
    folder, victim = tmp_path / "r", tmp_path / "victim.html"
    victim.write_text("precious", encoding="utf-8")
    folder.mkdir()
    (folder / MANIFEST).write_text(json.dumps({"files": ["../victim.html", str(victim), "cases/../../victim.html",
                                                         "cases/x/../../../victim.html"]}), encoding="utf-8")
    write_report(store, folder, data)
    assert victim.read_text(encoding="utf-8") == "precious"


def test_a_cases_symlink_out_of_the_folder_is_refused_never_followed(store: Store, data: ReportView,
                                                                     tmp_path: Path) -> None:
    folder, elsewhere = tmp_path / "r", tmp_path / "elsewhere"
    write_report(store, folder, data)  # an earlier report: its manifest lists case pages
    elsewhere.mkdir()
    victims = {Path(case.path).name for case in data.cases} | {"other.html"}
    for name in victims:
        (elsewhere / name).write_text("precious", encoding="utf-8")
    for page in (folder / "cases").iterdir():
        page.unlink()
    (folder / "cases").rmdir()
    (folder / "cases").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(UsageError, match="symbolic link"):
        write_report(store, folder, dataclasses.replace(data, cases=data.cases[:1]))
    assert {p.name for p in elsewhere.iterdir()} == victims
    assert all((elsewhere / name).read_text(encoding="utf-8") == "precious" for name in victims)


def test_the_report_command_refuses_a_cases_symlink_with_exit_2(demo_db: Path, tmp_path: Path) -> None:
    folder, elsewhere = tmp_path / "r", tmp_path / "elsewhere"
    folder.mkdir()
    elsewhere.mkdir()
    (elsewhere / "keep.html").write_text("precious", encoding="utf-8")
    (folder / "cases").symlink_to(elsewhere, target_is_directory=True)
    err = io.StringIO()
    assert main(["report", "--db", str(demo_db), "--report", str(folder)], stdout=io.StringIO(), stderr=err) == 2
    assert "cases is a symbolic link" in err.getvalue() and "pass another --report" in err.getvalue()
    assert [p.name for p in elsewhere.iterdir()] == ["keep.html"]


def test_a_file_that_is_a_symlink_is_replaced_not_written_through(store: Store, data: ReportView, tmp_path: Path) -> None:
    folder, target = tmp_path / "r", tmp_path / "target.txt"
    folder.mkdir()
    target.write_text("precious", encoding="utf-8")
    for name in ("index.html", "violations.json", MANIFEST):
        (folder / name).symlink_to(target)
    write_report(store, folder, data)
    assert target.read_text(encoding="utf-8") == "precious"
    assert not any((folder / name).is_symlink() for name in ("index.html", "violations.json", MANIFEST))
    assert (folder / "index.html").read_text(encoding="utf-8").startswith("<!doctype html>")


@pytest.mark.parametrize(("umask", "file_mode", "folder_mode"), [(0o022, 0o644, 0o755), (0o077, 0o600, 0o700),
                                                                 (0o002, 0o664, 0o775)])
def test_files_and_folders_follow_the_umask(store: Store, data: ReportView, tmp_path: Path, umask: int,
                                            file_mode: int, folder_mode: int) -> None:
    old = os.umask(umask)
    try:
        write_report(store, tmp_path / "r", data)
    finally:
        os.umask(old)
    folder = tmp_path / "r"
    assert stat.S_IMODE((folder / "cases").stat().st_mode) == folder_mode
    assert stat.S_IMODE(folder.stat().st_mode) == folder_mode
    modes = {stat.S_IMODE(p.stat().st_mode) for p in folder.rglob("*") if p.is_file()}
    assert modes == {file_mode}
    assert not list(folder.rglob(".tmp-*"))
