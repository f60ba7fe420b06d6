"""The serve server's bookkeeping (mkdocs_adapter/preview_server.py, mkdocs_adapter/served_files.py): which tabs reload when.

A real server on a loopback port, with no build behind it: the tests play
the rebuilds by writing files and calling what the build loop calls.
"""

from __future__ import annotations

import os
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from netguide.mkdocs_adapter.preview_server import PreviewServer
from netguide.mkdocs_adapter.served_files import ServedFiles, loaded_by_every_page


def write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_a_scan_names_what_changed_came_or_went(tmp_path):
    served = ServedFiles()
    write(tmp_path, "en/index.html", "one")
    write(tmp_path, "assets/guide.css", "body {}")
    assert served.scan(tmp_path) == ({"en/index.html", "assets/guide.css"}, True)
    assert served.scan(tmp_path) == (set(), True), "nothing changed"
    write(tmp_path, "en/index.html", "two")
    write(tmp_path, "de/index.html", "neu")
    (tmp_path / "assets/guide.css").unlink()
    assert served.scan(tmp_path) == ({"en/index.html", "de/index.html", "assets/guide.css"}, True)
    write(tmp_path, "en/index.html", "two")  # rewritten with the same bytes
    assert served.scan(tmp_path) == (set(), True)


def test_a_scan_reads_a_linked_file_once(tmp_path, monkeypatch):
    """Files restored from the language cache are hard links: unchanged ones are not read again."""
    write(tmp_path, "cache/page.html", "kept")
    old = time.time() - 10  # kept in the cache by an earlier build
    os.utime(tmp_path / "cache/page.html", (old, old))
    os.link(tmp_path / "cache/page.html", tmp_path / "site-page.html")
    served = ServedFiles()
    served.scan(tmp_path)
    opened = []
    real_open = open
    monkeypatch.setattr("builtins.open", lambda path, *a, **k: opened.append(path) or real_open(path, *a, **k))
    assert served.scan(tmp_path) == (set(), True)
    assert opened == []


def test_a_scan_gives_way_to_a_save_and_the_next_one_finds_the_rest(tmp_path):
    served = ServedFiles()
    for number in range(10):
        write(tmp_path, f"en/{number}/index.html", "old")
    served.scan(tmp_path)
    for number in range(10):
        write(tmp_path, f"en/{number}/index.html", "new")
    asked = []
    changed, complete = served.scan(tmp_path, stop=lambda: asked.append(1) or len(asked) > 4)
    assert not complete and len(changed) == 4
    rest, complete = served.scan(tmp_path)
    assert complete and changed | rest == {f"en/{number}/index.html" for number in range(10)} and not changed & rest


def test_what_every_page_loads():
    assert loaded_by_every_page("assets/guide.css") and loaded_by_every_page("assets/javascripts/bundle.js")
    assert not loaded_by_every_page("en/sw.js"), "pages never register the offline worker under serve"
    assert not loaded_by_every_page("en/search/search_index.json")
    assert not loaded_by_every_page("en/guide/checklists/x.pdf")
    assert not loaded_by_every_page("en/index.html")


@pytest.fixture
def server(tmp_path):
    root = tmp_path / "site"
    for page in ("en/index.html", "en/guide/a/index.html", "de/guide/a/index.html"):
        write(root, page, f"<html><body>{page}</body></html>")
    write(root, "assets/guide.css", "body {}")
    server = PreviewServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(root))
    server.server_bind()
    server.server_activate()
    server._served.scan(root)[0]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.address = f"http://127.0.0.1:{server.server_address[1]}"
    yield server, root
    server.shutdown()


def poll(server, page: str | None, epoch: int, results: list) -> threading.Thread:
    """Ask, as a tab of `page` loaded at `epoch` does, whether to reload; the answer goes into `results`."""
    request = urllib.request.Request(
        f"{server.address}/livereload/{epoch}/1", headers={"Referer": f"{server.address}/{page}"} if page else {}
    )

    def ask() -> None:
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                results.append(int(response.read()) > epoch)
        except OSError:  # a tab still waiting when its test stops the server: no answer, nothing appended
            pass

    thread = threading.Thread(target=ask, daemon=True)
    thread.start()
    return thread


def settle() -> None:
    time.sleep(0.3)  # the poll request is waiting at the server by then


def test_only_the_tab_whose_page_changed_reloads(server):
    server, root = server
    epoch = server._visible_epoch
    english, german = [], []
    asks = [poll(server, "en/guide/a/", epoch, english), poll(server, "de/guide/a/", epoch, german)]
    settle()
    write(root, "en/guide/a/index.html", "<html><body>edited</body></html>")
    server._reload(server._served.scan(root)[0], "rebuild")
    asks[0].join(5)
    assert english == [True], "the tab of the changed page reloads at once"
    assert german == [] and asks[1].is_alive(), "the other tab keeps waiting"
    server._reload({"assets/guide.css"}, "rebuild")  # a style sheet changes every page
    asks[1].join(5)
    assert german == [True]


def test_a_tab_of_an_unknown_page_reloads_on_any_change(server):
    server, root = server
    epoch = server._visible_epoch
    nowhere, anonymous = [], []
    asks = [poll(server, "en/no-such-page/", epoch, nowhere), poll(server, None, epoch, anonymous)]
    settle()
    write(root, "de/guide/a/index.html", "<html><body>geändert</body></html>")
    server._reload(server._served.scan(root)[0], "rebuild")
    for ask in asks:
        ask.join(5)
    assert nowhere == [True] and anonymous == [True]


def test_a_rebuild_that_changes_nothing_reloads_nothing(server):
    server, root = server
    epoch = server._visible_epoch
    answers = []
    ask = poll(server, "en/", epoch, answers)
    settle()
    server._reload(server._served.scan(root)[0], "rebuild")
    assert server._visible_epoch == epoch
    ask.join(0.5)
    assert answers == [] and ask.is_alive()


def test_a_preview_is_served_and_a_rebuild_that_makes_it_again_reloads_nothing(server, tmp_path):
    server, root = server
    edited = b"<html><body>previewed</body></html>"
    server.preview = lambda changed: {"en/guide/a/index.html": edited}
    assert server._show_preview({tmp_path / "content/articles/a/en.yml"})
    with urllib.request.urlopen(f"{server.address}/en/guide/a/", timeout=10) as response:
        assert b"previewed" in response.read()
    epoch = server._visible_epoch
    answers = []
    ask = poll(server, "en/guide/a/", epoch, answers)
    settle()
    server._reload(server._served.scan(root)[0], "rebuild")  # the rebuild wrote the same bytes
    ask.join(0.5)
    assert answers == [] and ask.is_alive()


def test_a_preview_never_writes_outside_the_site(server, tmp_path):
    server, root = server
    server.preview = lambda changed: {"../outside.html": b"x"}
    assert server._show_preview({tmp_path / "content/articles/a/en.yml"}) is False
    assert not (root.parent / "outside.html").exists()


def test_a_failing_preview_leaves_it_to_the_rebuild(server, tmp_path):
    server, _ = server

    def broken(changed):
        raise RuntimeError("boom")

    server.preview = broken
    assert server._show_preview({tmp_path / "content/articles/a/en.yml"}) is False


def change(server) -> None:
    with server._rebuild_cond:  # as the watcher does on a save
        server._want_rebuild = True
        server._rebuild_cond.notify_all()


def wait(condition, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_a_superseded_rebuild_starts_over_and_stalls_no_request(server):
    from netguide.mkdocs_adapter.preview_server import Superseded

    server, root = server
    builds = []

    def builder():
        builds.append(server.superseded())
        if len(builds) == 1:
            change(server)  # a save while the rebuild runs
            assert server.superseded(), "the plugin's page events see it"
            raise Superseded()

    server.builder = builder
    threading.Thread(target=server._build_loop, daemon=True).start()
    change(server)
    wait(lambda: len(builds) == 2)
    assert builds == [False, False], "the second rebuild starts with nothing newer pending"
    wait(lambda: server._visible_epoch == server._wanted_epoch)
    with urllib.request.urlopen(f"{server.address}/en/", timeout=5) as response:
        assert response.status == 200


def test_a_save_during_the_first_build_s_scan_still_reloads_the_tab_it_changes(tmp_path):
    """The first scan learns what the tabs see; a save that interrupts it must not hide the rebuild's changes."""
    root = tmp_path / "site"
    for page in ("en/index.html", "en/guide/a/index.html"):
        write(root, page, f"<html><body>{page}</body></html>")
    server = PreviewServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(root))
    server.server_bind()
    server.server_activate()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    server.address = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        server.builder = lambda: write(root, "en/guide/a/index.html", "<html><body>edited</body></html>")
        epoch = server._visible_epoch
        answers = []
        ask = poll(server, "en/guide/a/", epoch, answers)
        settle()
        change(server)  # saved before the first scan has gone through: it gives way at once
        threading.Thread(target=server._build_loop, daemon=True).start()
        ask.join(10)
        assert answers == [True], "the tab of the page the rebuild changed reloads"
    finally:
        server._shutdown = True
        server.shutdown()


def test_a_save_is_heard_and_without_file_notifications_it_is_polled_for(tmp_path, monkeypatch):
    import watchdog.observers.polling

    for notifications in (True, False):
        watched = tmp_path / f"content-{notifications}"
        watched.mkdir()
        (watched / "en.yml").write_text("title: first\n", encoding="utf-8")
        server = PreviewServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
        server.watch(str(watched))
        if not notifications:

            def unavailable():
                raise OSError(24, "inotify instance limit reached")

            monkeypatch.setattr(server.observer, "start", unavailable)
        server._start_watching()
        try:
            assert isinstance(server.observer, watchdog.observers.polling.PollingObserver) is not notifications
            (watched / "en.yml").read_bytes()  # the build reads every file it watches
            time.sleep(0.6)
            assert not server._want_rebuild, "reading a file is no change"
            (watched / "en.yml").write_text("title: saved\n", encoding="utf-8")
            wait(lambda: server._want_rebuild, 5)
            assert str(watched / "en.yml") in server._changed
        finally:
            server.observer.stop()
            server.server_close()
