#!/usr/bin/env python3
"""Load one HTML file in headless Chromium and report what went wrong in the page.

Usage:
  render_cdp.py --chromium BIN --screenshot OUT.png --dom OUT.html --log CHROMIUM.log
                [--width 1280] [--height 2000] [--timeout 90] REPORT.html

Talks the DevTools protocol over --remote-debugging-pipe (file descriptors 3 and
4, messages separated by NUL bytes), standard library only.  Why not just
--enable-logging=stderr: there every console message is logged at INFO whatever
its level (console.log and console.error look the same) and a failed image or
stylesheet load is not logged at all; the protocol reports both exactly.

One browser run does everything:
  * records console.error/console.assert calls, uncaught exceptions, error-level
    browser log entries (failed resource loads, CSP, ...), failed requests, and
    every request for something other than the page itself or a data:/blob: URI;
  * keeps everything on the machine: no host name resolves
    (--host-resolver-rules), http(s)/ws(s)/ftp subresource requests are blocked
    in the page, and what is left (a top-level navigation, an IP address, a
    preconnect hint) goes to a proxy on a closed local port;
  * answers (dismisses) alert/confirm/prompt dialogs, which count as errors;
  * after the load event and a quiet period, saves document.documentElement's
    outerHTML (what --dump-dom prints) and a PNG screenshot of the viewport.

Prints one line per problem, "page error: ...".  Exit status: 0 clean page,
1 problems in the page, 2 the browser could not be driven (did not start, crashed,
timed out) -- its own stderr is in the --log file.
"""

import argparse
import base64
import fcntl
import json
import os
import pathlib
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time

LOCAL_SCHEMES = ("data:", "blob:", "about:")

# What --measure records, in CSS pixels from the top of the page: the viewport, how wide the
# document lays out (wider than the viewport means sideways scrolling), each section's box, and
# the first mailto: link's box and text.
MEASURE = """(() => {
  const box = e => { const r = e.getBoundingClientRect();
                     return {top: r.top + scrollY, bottom: r.bottom + scrollY}; };
  const sections = {};
  for (const s of document.querySelectorAll('section[id]')) sections[s.id] = box(s);
  const mail = document.querySelector('a[href^="mailto:"]');
  return {viewportWidth: innerWidth, viewportHeight: innerHeight,
          documentWidth: document.documentElement.scrollWidth, sections: sections,
          firstEmail: mail ? Object.assign(box(mail), {text: mail.textContent}) : null};
})()"""


class BrowserError(Exception):
    """The browser, not the page, failed."""


class Browser:
    def __init__(self, binary, width, height, log_path, deadline):
        self.deadline = deadline
        self.profile = tempfile.mkdtemp(prefix="check-report-profile-")
        # Pipes: we write commands into to_browser, read replies from from_browser.
        to_r, to_w = os.pipe()
        from_r, from_w = os.pipe()
        # Move the child's ends above 10 so the dup2 onto 3 and 4 cannot clobber them.
        child_in = fcntl.fcntl(to_r, fcntl.F_DUPFD_CLOEXEC, 10)
        child_out = fcntl.fcntl(from_w, fcntl.F_DUPFD_CLOEXEC, 10)
        os.close(to_r)
        os.close(from_w)

        def wire_fds():
            os.dup2(child_in, 3)  # dup2 clears close-on-exec on 3 and 4
            os.dup2(child_out, 4)

        args = [
            binary,
            "--headless",
            "--no-sandbox",  # we run as root
            "--disable-gpu",
            "--disable-dev-shm-usage",  # containers often have a 64 MB /dev/shm
            f"--user-data-dir={self.profile}",
            "--host-resolver-rules=MAP * ~NOTFOUND",  # no name resolves
            # ... and what needs no name (an IP address, a preconnect hint) goes to
            # a proxy on a closed local port, so nothing leaves the machine.
            "--proxy-server=http://127.0.0.1:9",
            "--proxy-bypass-list=<-loopback>",
            "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
            "--remote-debugging-pipe",
            f"--window-size={width},{height}",
            "--hide-scrollbars",
            "--mute-audio",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-default-apps",
            "--disable-extensions",
            "--allow-file-access-from-files",
            "about:blank",
        ]
        self.log = open(log_path, "wb")
        self.proc = subprocess.Popen(
            args,
            stdin=subprocess.DEVNULL,
            stdout=self.log,
            stderr=self.log,
            close_fds=False,  # our other fds are close-on-exec anyway (PEP 446)
            preexec_fn=wire_fds,
            start_new_session=True,  # so we can kill the whole process group
        )
        os.close(child_in)
        os.close(child_out)
        self.w = to_w
        self.r = from_r
        self.buf = b""
        self.next_id = 0
        self.events = []

    def keep(self, msg):
        """Store an event; answer the ones that would stall the page."""
        self.events.append(msg)
        if msg["method"] == "Page.javascriptDialogOpening":
            # alert()/confirm()/prompt() block the page until answered.
            self.send("Page.handleJavaScriptDialog", {"accept": False}, msg.get("sessionId"))

    # --- transport -----------------------------------------------------------
    def send(self, method, params=None, session=None):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        data = json.dumps(msg).encode() + b"\0"
        while data:
            try:
                n = os.write(self.w, data)
            except BrokenPipeError:
                raise BrowserError("the browser closed its DevTools pipe")
            data = data[n:]
        return self.next_id

    def read_message(self, until):
        """Next message, or None when `until` passes."""
        while b"\0" not in self.buf:
            left = min(until, self.deadline) - time.monotonic()
            if left <= 0:
                if time.monotonic() >= self.deadline:
                    raise BrowserError("timed out waiting for the browser")
                return None
            ready, _, _ = select.select([self.r], [], [], left)
            if not ready:
                continue
            chunk = os.read(self.r, 1 << 20)
            if not chunk:
                raise BrowserError(f"the browser exited (status {self.proc.poll()})")
            self.buf += chunk
        raw, self.buf = self.buf.split(b"\0", 1)
        return json.loads(raw)

    def call(self, method, params=None, session=None):
        """Send a command and wait for its reply; events that arrive meanwhile are kept."""
        mid = self.send(method, params, session)
        while True:
            msg = self.read_message(self.deadline)
            if msg.get("id") == mid:
                if "error" in msg:
                    raise BrowserError(f"{method}: {msg['error'].get('message')}")
                return msg.get("result", {})
            if "method" in msg:
                self.keep(msg)

    def pump(self, seconds):
        """Collect events for a while."""
        until = time.monotonic() + seconds
        while True:
            msg = self.read_message(until)
            if msg is None:
                return
            if "method" in msg:
                self.keep(msg)

    def close(self):
        try:
            if self.proc.poll() is None:
                try:
                    self.send("Browser.close")
                except BrowserError:
                    pass
                try:
                    self.proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    pass
        finally:
            if self.proc.poll() is None:
                try:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.proc.wait()
            for fd in (self.w, self.r):
                try:
                    os.close(fd)
                except OSError:
                    pass
            self.log.close()
            shutil.rmtree(self.profile, ignore_errors=True)


class PageWatch:
    """Turns protocol events into a list of problems in the page."""

    def __init__(self, page_url):
        self.page_url = page_url
        self.problems = []
        self.requests = {}  # requestId -> url
        self.failed_urls = set()

    def add(self, text):
        if text not in self.problems:
            self.problems.append(text)

    @staticmethod
    def where(url, line):
        if not url:
            return ""
        return f" ({url.rsplit('/', 1)[-1] or url}:{line + 1})" if line is not None else f" ({url})"

    def feed(self, events):
        # Failed URLs first, so that the browser's own "Failed to load resource"
        # log line about the same URL can be left out whatever the order.
        for ev in events:
            if ev["method"] == "Network.requestWillBeSent":
                self.requests[ev["params"].get("requestId")] = ev["params"].get("request", {}).get("url", "")
            elif ev["method"] == "Network.loadingFailed":
                self.failed_urls.add(self.requests.get(ev["params"].get("requestId"), "?"))
        for ev in events:
            method, p = ev["method"], ev.get("params", {})
            if method == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                args = []
                for a in p.get("args", []):
                    args.append(str(a.get("value", a.get("description", a.get("type")))))
                frames = (p.get("stackTrace") or {}).get("callFrames") or [{}]
                self.add(f"console.{p['type']}: {' '.join(args)}"
                         f"{self.where(frames[0].get('url'), frames[0].get('lineNumber'))}")
            elif method == "Runtime.exceptionThrown":
                d = p.get("exceptionDetails", {})
                desc = (d.get("exception") or {}).get("description") or d.get("text", "exception")
                self.add(f"{d.get('text') or 'Uncaught'} exception: {desc.splitlines()[0]}"
                         f"{self.where(d.get('url'), d.get('lineNumber'))}")
            elif method == "Log.entryAdded":
                e = p.get("entry", {})
                if e.get("level") != "error":
                    continue
                # Failed loads are reported (with the reason) by Network.loadingFailed.
                if e.get("source") == "network" and e.get("url") in self.failed_urls:
                    continue
                self.add(f"browser log ({e.get('source')}): {e.get('text')}"
                         f"{' ' + e['url'] if e.get('url') else ''}")
            elif method == "Network.requestWillBeSent":
                url = p.get("request", {}).get("url", "")
                self.requests[p.get("requestId")] = url
                if url != self.page_url and not url.startswith(LOCAL_SCHEMES):
                    self.add(f"requested a resource outside the file: {url}")
            elif method == "Network.loadingFailed":
                url = self.requests.get(p.get("requestId"), "?")
                if p.get("blockedReason"):  # "inspector": our setBlockedURLs
                    reason = "blocked, this check allows no network"
                elif p.get("canceled"):
                    reason = "canceled"
                else:
                    reason = p.get("errorText")
                self.add(f"failed to load {url}: {reason}")
            elif method == "Network.responseReceived":
                r = p.get("response", {})
                status = r.get("status", 0)
                if status >= 400:
                    self.add(f"failed to load {r.get('url')}: HTTP {status}")
            elif method == "Page.javascriptDialogOpening":
                self.add(f"opened a dialog, {p.get('type')}(): {p.get('message')}")
            elif method in ("Inspector.targetCrashed", "Target.targetCrashed"):
                raise BrowserError("the page crashed")
            elif method == "Target.detachedFromTarget":
                raise BrowserError("the page was detached (crashed or closed)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--chromium", required=True)
    ap.add_argument("--screenshot", required=True)
    ap.add_argument("--dom", required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--width", type=int, default=1280)
    ap.add_argument("--height", type=int, default=2000)
    ap.add_argument("--timeout", type=float, default=90)
    ap.add_argument("--measure", help="write the page's layout here as JSON: the viewport, "
                    "the document's width, where each section and the first e-mail link lie")
    ap.add_argument("report")
    a = ap.parse_args()

    page_url = pathlib.Path(a.report).resolve().as_uri()
    deadline = time.monotonic() + a.timeout
    watch = PageWatch(page_url)
    browser = None

    def on_term(signum, frame):
        raise BrowserError(f"stopped by signal {signum}")

    signal.signal(signal.SIGTERM, on_term)
    try:
        browser = Browser(a.chromium, a.width, a.height, a.log, deadline)
        print(f"browser-version: {browser.call('Browser.getVersion').get('product', '?')}", flush=True)
        # Our own tab, attached in "flat" mode so commands carry a sessionId.
        target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = browser.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Runtime", "Log", "Network", "Page", "Inspector"):
            browser.call(f"{domain}.enable", {}, session)
        # Nothing may go over the network, whatever resolves.
        browser.call("Network.setBlockedURLs", {"urls": [
            "http://*", "https://*", "ws://*", "wss://*", "ftp://*"]}, session)
        browser.call("Emulation.setDeviceMetricsOverride", {
            "width": a.width, "height": a.height, "deviceScaleFactor": 1, "mobile": False}, session)

        browser.call("Page.setLifecycleEventsEnabled", {"enabled": True}, session)
        watch.feed(browser.events)  # anything about about:blank (nothing expected)
        browser.events = []

        nav = browser.call("Page.navigate", {"url": page_url}, session)
        if nav.get("errorText"):
            watch.add(f"could not open the page: {nav['errorText']}")
        else:
            loader = nav.get("loaderId")

            def lifecycle(name):
                return any(e["method"] == "Page.lifecycleEvent"
                           and e["params"].get("name") == name
                           and e["params"].get("loaderId") == loader
                           for e in browser.events)

            # Wait for the load event; everything the page does meanwhile is recorded.
            while not lifecycle("load"):
                browser.pump(0.1)
            # Let timers, late errors and pending loads show up: Chromium's
            # "networkIdle" comes 500 ms after the last request ended (at most 5 s),
            # then a last short quiet period.
            settle_end = time.monotonic() + 5
            while not lifecycle("networkIdle") and time.monotonic() < settle_end:
                browser.pump(0.1)
            browser.pump(0.3)
        watch.feed(browser.events)
        browser.events = []

        # The rendered DOM, as --dump-dom prints it.
        dom = browser.call("Runtime.evaluate", {
            "expression": "(document.doctype ? new XMLSerializer().serializeToString(document.doctype) + '\\n' : '')"
                          " + document.documentElement.outerHTML",
            "returnByValue": True}, session)
        if "exceptionDetails" in dom:
            raise BrowserError("could not read the DOM")
        with open(a.dom, "w", encoding="utf-8") as f:
            f.write(dom["result"]["value"])

        if a.measure:
            layout = browser.call("Runtime.evaluate", {
                "expression": MEASURE, "returnByValue": True}, session)
            if "exceptionDetails" in layout:
                raise BrowserError("could not measure the layout")
            with open(a.measure, "w", encoding="utf-8") as f:
                json.dump(layout["result"]["value"], f)

        shot = browser.call("Page.captureScreenshot", {"format": "png"}, session)
        with open(a.screenshot, "wb") as f:
            f.write(base64.b64decode(shot["data"]))

        browser.pump(0.1)
        watch.feed(browser.events)
    except BrowserError as e:
        print(f"browser failure: {e}")
        return 2
    finally:
        if browser is not None:
            browser.close()

    for p in watch.problems:
        print(f"page error: {p}")
    return 1 if watch.problems else 0


if __name__ == "__main__":
    sys.exit(main())
