"""Shared pytest setup: the `browser` marker, and JupyterLab + Chromium fixtures for tests/test_browser.py,
and a Voilà server for tests/test_voila.py.

Other test modules need nothing from here. The browser fixtures are session-scoped (one JupyterLab
server and one Chromium for the whole run) and always clean up: kernels are shut down through the
REST API, then the server is asked to stop, then its process group is terminated and finally killed.
The Voilà server (`voila_server`, `voila_page`) runs at the repository root, as `voila .` does there, so
that voila.json applies; each page's kernel is shut down after its test, as Voilà's page does when it
is closed, and the server is stopped with SIGTERM (it shuts its kernels down), then killed with its
process group and any kernel left.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
ENABLE_HINT = (
    "to enable them install Chromium (`apt-get install chromium` on Debian/Ubuntu) "
    "or set BP_CHROMIUM=/path/to/chrome"
)


@dataclass
class BrowserReport:
    """What the terminal summary prints about the browser tests."""

    skipped: str | None = None
    rows: list[tuple[str, float | None, float | None, float | None, float]] = field(default_factory=list)
    # notebook → view ("panel 1 (x, h)", "stepper 1") → ms from each key press or click to its new picture
    latencies: dict[str, dict[str, list[float]]] = field(default_factory=dict)
    verdict: str = ""  # all answers against the target, as test_browser.test_all_answers_fast found them


REPORT_KEY = pytest.StashKey[BrowserReport]()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "browser: opens the notebooks in JupyterLab or Voilà in headless Chromium (chromium, playwright)",
    )
    config.stash[REPORT_KEY] = BrowserReport()


def pytest_terminal_summary(terminalreporter, exitstatus, config: pytest.Config) -> None:
    report = config.stash.get(REPORT_KEY, None)
    if report is None:
        return
    if report.skipped:
        terminalreporter.write_line(f"browser tests skipped: {report.skipped}", yellow=True, bold=True)
    if not report.rows:
        return
    header = f"{'notebook':<42} {'open s':>7} {'run-all s':>9} {'controls s':>10} {'total s':>8}"
    lines = [header, "-" * len(header)]

    def cell(seconds: float | None, width: int) -> str:
        return f"{'-' if seconds is None else f'{seconds:.1f}':>{width}}"

    for name, opened, run_all, controls, total in report.rows:
        lines.append(f"{name:<42} {cell(opened, 7)} {cell(run_all, 9)} {cell(controls, 10)} {cell(total, 8)}")
    lines.append(f"{'all notebooks':<42} {'':>7} {'':>9} {'':>10} {sum(r[4] for r in report.rows):>8.1f}")
    notebooks = {name: views for name, views in report.latencies.items() if views}
    if notebooks:
        lines += ["", f"{'key press / click → new picture':<52} {'answers':>7} {'p50 ms':>7} {'p95 ms':>7} "
                      f"{'max ms':>7}"]

        def quantiles(name: str, times: list[float]) -> str:
            cuts = statistics.quantiles(times, n=20, method="inclusive")
            return f"{name:<52} {len(times):>7} {cuts[9]:>7.0f} {cuts[18]:>7.0f} {max(times):>7.0f}"

        every = []
        for name, views in notebooks.items():
            times = [t for view in views.values() for t in view]
            every += times
            lines.append(quantiles(name, times))
            lines += [quantiles(f"  {view}", view_times) for view, view_times in views.items()]
        lines.append(quantiles("all notebooks", every))
        if report.verdict:
            lines += ["", report.verdict]
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "browser-timings.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    terminalreporter.section("browser timings (also in test-artifacts/browser-timings.txt)")
    for line in lines:
        terminalreporter.write_line(line)


# ----------------------------------------------------------------------------- helpers


def _missing(request: pytest.FixtureRequest, what: str, hint: str = ENABLE_HINT) -> None:
    """Skip (locally) or fail (when CI is set) because a browser prerequisite is missing."""
    message = f"{what}; {hint}"
    if os.environ.get("CI"):
        pytest.fail(f"CI is set but {message}", pytrace=False)
    request.config.stash[REPORT_KEY].skipped = message
    pytest.skip(f"browser tests skipped: {message}")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _children(pid: int) -> list[int]:
    """Direct and indirect child processes of pid (Linux /proc; empty elsewhere)."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        fields = text[text.rfind(")") + 2 :].split()
        parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _kill(pids: list[int]) -> None:
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


@dataclass
class JupyterServer:
    url: str
    token: str
    process: subprocess.Popen
    log: Path

    def api(self, method: str, path: str, timeout: float = 10.0):
        request = urllib.request.Request(
            f"{self.url}{path}", method=method, headers={"Authorization": f"token {self.token}"}
        )
        if method in ("POST", "PATCH", "PUT"):
            request.data = b"{}"
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
        return json.loads(body) if body else None

    def shutdown_kernels(self) -> None:
        """Delete every session and kernel (best effort)."""
        for kind in ("sessions", "kernels"):
            try:
                for item in self.api("GET", f"/api/{kind}"):
                    try:
                        self.api("DELETE", f"/api/{kind}/{item['id']}")
                    except (OSError, urllib.error.URLError):
                        pass
            except (OSError, urllib.error.URLError, ValueError):
                pass

    def log_tail(self, n: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""


def _isolated_env(tmp: Path) -> dict[str, str]:
    """os.environ with Jupyter's and IPython's config, data and runtime folders made in tmp, so that no
    settings of this machine's user apply, and without MPLBACKEND (kernels plot inline, as for a learner)."""
    for sub in ("config", "data", "runtime", "ipython"):
        (tmp / sub).mkdir()
    env = dict(os.environ)
    env.update(JUPYTER_CONFIG_DIR=str(tmp / "config"), JUPYTER_DATA_DIR=str(tmp / "data"),
               JUPYTER_RUNTIME_DIR=str(tmp / "runtime"), IPYTHONDIR=str(tmp / "ipython"),
               JUPYTER_PLATFORM_DIRS="1")
    env.pop("MPLBACKEND", None)
    return env


def _end(process: subprocess.Popen, kernels: list[int], grace_s: float = 5) -> None:
    """SIGTERM, then SIGKILL, to the process group of a server started in a session of its own, each given
    grace_s seconds, unless it has ended; then kill any of its kernels still alive (kernels run in sessions
    of their own)."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        if process.poll() is not None:
            break
        try:
            os.killpg(process.pid, sig)
        except OSError:
            pass
        try:
            process.wait(timeout=grace_s)
        except subprocess.TimeoutExpired:
            pass
    _kill([pid for pid in kernels if Path(f"/proc/{pid}").exists()])


@contextlib.contextmanager
def _sigterm_interrupts():
    """While inside, SIGTERM (a CI timeout terminating pytest) raises KeyboardInterrupt where SIGTERM had its
    default action, so that the teardown of a fixture's server, which runs in its own process group, still
    stops it; afterwards SIGTERM has its default action again."""
    default = signal.getsignal(signal.SIGTERM) == signal.SIG_DFL
    if default:
        signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        yield
    finally:
        if default:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _start_server(tmp: Path) -> JupyterServer:
    env = _isolated_env(tmp)
    settings_dir = tmp / "settings"
    notification = settings_dir / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    notification.parent.mkdir(parents=True)
    # No news / update toast over the notebook.
    notification.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    (tmp / "workspaces").mkdir()
    env.update(JUPYTERLAB_SETTINGS_DIR=str(settings_dir), JUPYTERLAB_WORKSPACES_DIR=str(tmp / "workspaces"))
    token = secrets.token_hex(16)
    last_error = ""
    for _attempt in range(3):
        port = _free_port()
        command = [
            sys.executable, "-m", "jupyter", "lab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={ROOT}",
            "--ServerApp.terminals_enabled=False",
            "--LanguageServerManager.autodetect=False",
        ]  # fmt: skip
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.append("--allow-root")
        log = tmp / f"jupyter-{port}.log"
        with open(log, "wb") as out:
            process = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
        server = JupyterServer(f"http://127.0.0.1:{port}", token, process, log)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and process.poll() is None:
            try:
                server.api("GET", "/api/status", timeout=2)
                return server
            except (OSError, urllib.error.URLError):
                time.sleep(0.25)
        last_error = server.log_tail()
        _stop_server(server)
    raise RuntimeError(f"JupyterLab did not start; its log ends with:\n{last_error}")


def _stop_server(server: JupyterServer) -> None:
    process = server.process
    kernels = _children(process.pid)
    if process.poll() is None:
        server.shutdown_kernels()
        try:
            server.api("POST", "/api/shutdown", timeout=5)
        except (OSError, urllib.error.URLError):
            pass
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
    _end(process, kernels)


# ----------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def chromium_path(request: pytest.FixtureRequest) -> str:
    path = os.environ.get("BP_CHROMIUM") or DEFAULT_CHROMIUM
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        found = shutil.which(path)
        if not found:
            _missing(request, f"no Chromium executable at {path}")
        path = found
    return path


@pytest.fixture(scope="session")
def playwright_browser(request: pytest.FixtureRequest, chromium_path: str):
    """One headless Chromium for the session, driven by Playwright (never `playwright install`)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing(
            request,
            "the Python package playwright is not installed",
            "to enable them: `python -m pip install -r requirements-test.txt` (no `playwright install`)",
        )
    manager = sync_playwright().start()
    try:
        browser = manager.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()
    finally:
        manager.stop()


@pytest.fixture(scope="session")
def jupyter_server(playwright_browser, tmp_path_factory: pytest.TempPathFactory):
    """JupyterLab from this venv on 127.0.0.1, a free port and a random token, rooted at the repo.
    The checkpoint folders JupyterLab makes beside the notebooks it opens are removed afterwards."""
    checkpoints_before = set(ROOT.glob("notebooks/**/.ipynb_checkpoints"))
    server = _start_server(tmp_path_factory.mktemp("jupyter"))
    try:
        with _sigterm_interrupts():
            try:
                yield server
            finally:
                _stop_server(server)
    finally:
        for folder in set(ROOT.glob("notebooks/**/.ipynb_checkpoints")) - checkpoints_before:
            shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def lab_page(playwright_browser, jupyter_server: JupyterServer):
    """A fresh browser page; the notebook's kernel is shut down afterwards."""
    context = playwright_browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    try:
        yield page
    finally:
        try:
            context.close()
        finally:
            jupyter_server.shutdown_kernels()


@pytest.fixture
def browser_report(request: pytest.FixtureRequest) -> BrowserReport:
    return request.config.stash[REPORT_KEY]


# ----------------------------------------------------------------------------- Voilà (tests/test_voila.py)

VOILA_START_S = 60
# In the page: shut the page's kernel down as Voilà's own page does on `beforeunload` (with the _xsrf
# cookie), and answer the status (204 when it was shut down).
SHUTDOWN_KERNEL_JS = """async () => {
  const config = JSON.parse(document.getElementById('jupyter-config-data').textContent);
  const form = new FormData();
  form.append('_xsrf', (document.cookie.match(/\\b_xsrf=([^;]*)\\b/) || [])[1] || '');
  const url = `${config.baseUrl}voila/api/shutdown/${config.kernelId}`;
  const answer = await fetch(url, {method: 'POST', body: form});
  return answer.status;
}"""


@dataclass
class VoilaServer:
    url: str
    process: subprocess.Popen
    log: Path


def _start_voila(tmp: Path) -> VoilaServer:
    """`python -m voila .` from this venv at the repository root (its voila.json applies), on 127.0.0.1 and a
    free port, with Jupyter's config, data and runtime folders in tmp (no settings of this machine's user)."""
    env = _isolated_env(tmp)
    env.pop("SERVER_SOFTWARE", None)  # kernels learn Voilà's name from Voilà
    port = _free_port()
    command = [sys.executable, "-m", "voila", "--no-browser", "--Voila.ip=127.0.0.1", f"--Voila.port={port}",
               "--Voila.port_retries=0", f"--Voila.connection_dir_root={tmp / 'runtime'}", "."]
    log = tmp / f"voila-{port}.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    server = VoilaServer(f"http://127.0.0.1:{port}", process, log)
    deadline = time.monotonic() + VOILA_START_S
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(f"{server.url}/", timeout=2):
                return server
        except (OSError, urllib.error.URLError):
            time.sleep(0.25)
    _stop_voila(server)
    raise RuntimeError(f"Voilà did not start within {VOILA_START_S} s; its log ends with:\n"
                       f"{log.read_text(errors='replace')[-3000:]}")


def _stop_voila(server: VoilaServer) -> None:
    """SIGTERM (Voilà then shuts its kernels down), after 15 s SIGKILL; then any kernel of it still alive."""
    _end(server.process, _children(server.process.pid), grace_s=15)


@pytest.fixture(scope="session")
def voila_server(playwright_browser, tmp_path_factory: pytest.TempPathFactory):
    """Voilà serving the repository root (see _start_voila), for the whole session; stopped at its end, also
    when pytest is terminated (SIGTERM then raises KeyboardInterrupt, so that this teardown runs)."""
    server = _start_voila(tmp_path_factory.mktemp("voila"))
    with _sigterm_interrupts():
        try:
            yield server
        finally:
            _stop_voila(server)


@pytest.fixture
def voila_page(playwright_browser, voila_server: VoilaServer):
    """A fresh 1920×1080 browser page; the kernel of the Voilà page it shows is shut down afterwards."""
    context = playwright_browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    try:
        yield page
    finally:
        try:
            if page.locator("#jupyter-config-data").count():
                page.evaluate(SHUTDOWN_KERNEL_JS)
        finally:
            context.close()
