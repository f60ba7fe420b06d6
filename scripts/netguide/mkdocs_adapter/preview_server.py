"""The server of `mkdocs serve`: MkDocs' live-reload server, with a preview before each rebuild.

The plugin's ``on_serve`` hands MkDocs this server in place of its own
(MkDocs serves whatever ``on_serve`` returns). It differs in four ways:

- **It is told at once.** Changes are watched through the system's file
  notifications (inotify) instead of polling every half second; where they
  cannot be had, it polls as MkDocs does.
- **It shows a preview first.** It knows which files changed, and asks the
  plugin for a preview of them (:mod:`.preview`: the pages an edit to an
  article changed, rendered from the last build's state in a fraction of a
  rebuild). It writes those pages into the served folder and reloads the tabs
  that show them; then the full rebuild runs as before.
- **It serves the preview while it rebuilds.** Our builds write into a
  temporary folder and swap it in whole (README: "How the build works"), so
  after a preview, pages are served from the last site and the preview while
  the next one is built. Without a preview, requests wait for the rebuild, as
  with MkDocs; after a failed rebuild the last good site is served (MkDocs
  would stall every request until the next good build).
- **A newer save stops the rebuild.** A save that comes in while a rebuild
  runs stops it (the plugin raises :class:`Superseded` from its page events,
  and between the long steps before and after them: loading the guide,
  writing its pages, putting the site together), and the loop starts over
  with a preview of it and a rebuild of everything: the writer does not
  wait for a rebuild of an older state (at 1000 articles half a minute)
  before seeing the new one. The old site a rebuild replaces is deleted in
  the background, so a save just after a rebuild does not wait for that.
- **Its heap stands still between rebuilds.** A rebuild leaves millions of
  objects (at 1000 articles a full garbage collection then takes a second,
  and one could fall in the middle of a preview): they are frozen
  (``gc.freeze``) until the next rebuild starts, so collections between
  rebuilds look at new objects only. What a rebuild left behind is collected
  during the next one.
- **It reloads only what changed.** After each rebuild it compares every
  served file with what it served before (:mod:`.served_files`) and reloads
  the open tabs whose page changed, or every tab when a style sheet or script
  changed: none at all when the rebuild made what the preview already showed.
  A tab is known by the page its reload request comes from (the Referer
  header); a request without one reloads on every change, as with MkDocs.
"""

from __future__ import annotations

import gc
import logging
import os
import posixpath
import re
import sys
import time
import traceback
import urllib.parse
from collections.abc import Callable
from pathlib import Path

import watchdog.events
import watchdog.observers
import watchdog.observers.polling
from mkdocs.livereload import LiveReloadServer, _timestamp, _try_relativize_path, log

from ..files import write_tree
from .served_files import ServedFiles, loaded_by_every_page

#: What the preview gives: {path under the site folder: the page's bytes}, or None (nothing to preview).
Preview = Callable[[set[Path]], "dict[str, bytes] | None"]

#: Watch events that change a file (opening or reading one is not a change: the build reads every file).
CHANGES = frozenset(
    {
        watchdog.events.EVENT_TYPE_CREATED,
        watchdog.events.EVENT_TYPE_MODIFIED,
        watchdog.events.EVENT_TYPE_MOVED,
        watchdog.events.EVENT_TYPE_DELETED,
        watchdog.events.EVENT_TYPE_CLOSED,
    }
)

#: Seconds the rebuild waits after a preview, so the reloading tabs are served before it takes the processor.
PREVIEW_GRACE = 0.3

#: How long a request waits for the site folder while a rebuild swaps it in (two renames).
SWAP_WAIT = 2.0


class Superseded(Exception):
    """A newer change came in while a rebuild ran: raised from a plugin's page event, it stops the rebuild."""

    MESSAGE = "a newer change came in: the rebuild starts again with it"

    def __init__(self) -> None:
        super().__init__(self.MESSAGE)


class _SupersededErrors(logging.Filter):
    """MkDocs logs an exception from a page event as an error of that page: not this one."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().endswith(Superseded.MESSAGE)


_SUPERSEDED_ERRORS = _SupersededErrors()


class PreviewServer(LiveReloadServer):
    def __init__(
        self,
        builder: Callable[[], None],
        host: str,
        port: int,
        root: str,
        mount_path: str = "/",
        preview: Preview | None = None,
    ) -> None:
        super().__init__(builder=builder, host=host, port=port, root=root, mount_path=mount_path)
        self.observer = watchdog.observers.Observer()  # inotify on Linux; serve() falls back to polling
        self.preview = preview
        self._changed: set[str] = set()  # paths changed since the last rebuild started (under _rebuild_cond)
        self._served = ServedFiles()
        self._page_epochs: dict[str, int] = {}  # served page -> when it last changed (under _epoch_cond)
        self._everything_epoch = self._visible_epoch  # when a file every page loads last changed
        self._recursive: dict[str, bool] = {}
        build_log = logging.getLogger("mkdocs.commands.build")
        if _SUPERSEDED_ERRORS not in build_log.filters:
            build_log.addFilter(_SUPERSEDED_ERRORS)

    @classmethod
    def replacing(cls, server: LiveReloadServer, preview: Preview) -> PreviewServer:
        """A server like MkDocs' `server` (address, folder, error pages, watched paths), with `preview`."""
        host, port = server.server_address[:2]
        new = cls(server.builder, host, port, server.root, server.mount_path, preview)
        new.error_handler = server.error_handler
        for path, count in server._watched_paths.items():
            for _ in range(count):
                new.watch(path, recursive=server._watch_refs[path].is_recursive)
        server.server_close()  # its socket was never bound
        return new

    # -- watching --------------------------------------------------------

    def watch(self, path: str, func: None = None, *, recursive: bool = True) -> None:
        """As MkDocs' own, but remembers which files changed (and ignores files only read)."""
        path = os.path.abspath(path)
        if func is not None and func is not self.builder:
            raise TypeError("Plugins can no longer pass a 'func' parameter to watch().")
        if path in self._watched_paths:
            self._watched_paths[path] += 1
            return
        self._watched_paths[path] = 1
        self._recursive[path] = recursive

        def changed(event) -> None:
            if event.is_directory or event.event_type not in CHANGES:
                return
            log.debug(str(event))
            with self._rebuild_cond:
                self._changed.update(p for p in (event.src_path, getattr(event, "dest_path", "")) if p)
                self._want_rebuild = True
                self._rebuild_cond.notify_all()

        handler = watchdog.events.FileSystemEventHandler()
        handler.on_any_event = changed  # type: ignore[method-assign]
        self._watch_refs[path] = self.observer.schedule(handler, path, recursive=recursive)

    def _start_watching(self) -> None:
        try:
            self.observer.start()
        except OSError as error:  # no inotify here, or its limits reached: poll, as MkDocs does
            log.info(f"File notifications unavailable ({error}); polling for changes every 0.5 s")
            handlers = {path: self.observer._handlers[watch] for path, watch in self._watch_refs.items()}
            self.observer = watchdog.observers.polling.PollingObserver(timeout=0.5)
            for path, watch_handlers in handlers.items():
                for handler in watch_handlers:
                    self._watch_refs[path] = self.observer.schedule(handler, path, recursive=self._recursive[path])
            self.observer.start()

    def serve(self, *, open_in_browser: bool = False) -> None:
        self.server_bind()
        self.server_activate()
        if self._watched_paths:
            self._start_watching()
            paths = ", ".join(f"'{_try_relativize_path(path)}'" for path in self._watched_paths)
            log.info(f"Watching paths for changes: {paths}")
        log.info(f"Serving on {self.url}")
        self.serve_thread.start()
        if open_in_browser:
            import webbrowser

            webbrowser.open(self.url)
        try:
            self._build_loop()
        finally:
            gc.unfreeze()

    # -- building ----------------------------------------------------------

    def superseded(self) -> bool:
        """Whether a change came in since the running rebuild started (the plugin then raises Superseded)."""
        return self._want_rebuild

    def _build_loop(self) -> None:
        scan_pending, first = True, True  # first: the first build's files, what the tabs see
        gc.freeze()  # what the first build left
        while True:
            if scan_pending:  # what the last rebuild changed; a new save comes first
                changed, complete = self._served.scan(
                    Path(self.root), stop=lambda: self._want_rebuild or self._shutdown
                )
                scan_pending = not complete
                if not first and (changed or complete):
                    self._reload(changed, "rebuild")
                first = first and not complete
            with self._rebuild_cond:
                while not self._rebuild_cond.wait_for(
                    lambda: self._want_rebuild or self._shutdown, timeout=self.shutdown_delay
                ):
                    pass  # short waits, so that Ctrl+C is seen on every system
                if self._shutdown:
                    break
                log.info("Detected file changes")
                while self._rebuild_cond.wait(timeout=self.build_delay):
                    log.debug("Waiting for file changes to stop happening")
                self._want_rebuild = False
                changed, self._changed = self._changed, set()
            if self._show_preview({Path(path) for path in changed}):
                time.sleep(PREVIEW_GRACE)  # and the preview is served while the rebuild runs
            else:
                with self._epoch_cond:  # requests wait for the rebuild, as with MkDocs
                    self._wanted_epoch = max(_timestamp(), self._visible_epoch + 1)
            if self._rebuild():
                # Even if the first build's scan gave way to this save: what this rebuild wrote is news
                # to the tabs (a file the scan had not reached yet counts as changed).
                scan_pending, first = True, False
            self._reload(set(), "rebuild", quiet=True)  # requests waiting for the rebuild go on

    def _rebuild(self) -> bool:
        """Run the rebuild; whether it finished (a failure is logged, a superseded one noted)."""
        gc.unfreeze()  # the last rebuild's leftovers are collected during this one
        try:
            self.builder()
            return True
        except Superseded:
            log.info("A newer change came in: the rebuild stops, and starts again with it")
        except Exception as error:
            if isinstance(error, SystemExit):
                print(error, file=sys.stderr)
            else:
                traceback.print_exc()
            log.error(
                "An error happened during the rebuild. The last good pages are served until "
                "the build errors are resolved."
            )
        finally:
            gc.freeze()  # what it left stands still until the next one
        return False

    def _show_preview(self, changed: set[Path]) -> bool:
        """Write and show the preview of `changed`, if the plugin has one; whether it had."""
        if self.preview is None or not changed:
            return False
        started = time.perf_counter()
        try:
            pages = self.preview(changed)
        except Exception:  # the rebuild that follows reports what is wrong
            log.warning("The preview failed; the rebuild follows:\n" + traceback.format_exc())
            return False
        if not pages:
            return False
        try:  # refuses, before writing any, a path that leaves the site
            write_tree(Path(self.root), pages)
        except ValueError as error:
            log.error(f"The preview is not shown, {error}; the rebuild follows")
            return False
        for relative, data in pages.items():
            self._served.wrote(relative, data)
        self._reload(set(pages), f"preview of {len(pages)} page(s), {time.perf_counter() - started:.2f} s")
        return True

    def _reload(self, changed: set[str], what: str, quiet: bool = False) -> None:
        """Make `changed` visible: reload the tabs that show one of them (every tab for a shared file)."""
        if not changed:
            with self._epoch_cond:
                self._wanted_epoch = self._visible_epoch  # requests waiting for the rebuild go on
                self._epoch_cond.notify_all()
            if not quiet:
                log.info(f"The {what} changed nothing that is served: no reload")
            return
        with self._epoch_cond:
            now = max(_timestamp(), self._visible_epoch + 1, self._wanted_epoch)
            if any(loaded_by_every_page(path) for path in changed):
                self._everything_epoch = now
            for path in changed:
                self._page_epochs[path] = now
            self._visible_epoch = self._wanted_epoch = now
            self._epoch_cond.notify_all()
        pages = sum(path.endswith(".html") for path in changed)
        log.info(f"Reloading browsers ({what}: {pages} page(s) and {len(changed) - pages} other file(s) changed)")

    # -- serving -----------------------------------------------------------

    def _page_of(self, referer: str | None) -> str | None:
        """The served file of the page a reload request comes from, if known and served."""
        if not referer:
            return None
        path = urllib.parse.unquote(urllib.parse.urlsplit(referer).path)
        if not (path + "/").startswith(self.mount_path):
            return None
        relative = path[len(self.mount_path) :]
        if relative == "" or relative.endswith("/"):
            relative += "index.html"
        relative = posixpath.normpath("/" + relative).lstrip("/")
        return relative if relative in self._served.digests else None

    def _reload_epoch(self, page: str | None) -> int:
        """When what the tab of `page` shows last changed (any change, for an unknown page)."""
        if page is None:
            return self._visible_epoch
        return max(self._everything_epoch, self._page_epochs.get(page, 0))

    def _serve_request(self, environ, start_response):
        path = environ["PATH_INFO"].encode("latin-1").decode("utf-8", "ignore")
        match = re.fullmatch(r"/livereload/([0-9]+)/[0-9]+", path)
        if match:
            epoch = int(match[1])
            page = self._page_of(environ.get("HTTP_REFERER"))
            start_response("200 OK", [("Content-Type", "text/plain")])
            with self._epoch_cond:
                if self._reload_epoch(page) <= epoch:
                    self._log_poll_request(environ.get("HTTP_REFERER"), request_id=path)
                    self._epoch_cond.wait_for(
                        lambda: self._reload_epoch(page) > epoch, timeout=self.poll_response_timeout
                    )
                # Not newer than `epoch` (nothing this tab shows changed): the tab asks again, without reloading.
                return [b"%d" % self._reload_epoch(page)]
        deadline = time.monotonic() + SWAP_WAIT
        while not os.path.isdir(self.root) and time.monotonic() < deadline:
            time.sleep(0.01)  # a rebuild is swapping the new site in
        return super()._serve_request(environ, start_response)
