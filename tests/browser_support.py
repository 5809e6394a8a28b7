"""Helpers for browser tests in a real headless Chromium (Debian's packages).

Install the browser with ``scripts/install_browser.sh`` (Debian ``chromium``,
``chromium-driver`` and ``fonts-dejavu-core``); drive it with ``selenium``
(PyPI).  Everything stays on this machine: pages are loaded from ``file://``
URLs or from a server on 127.0.0.1, and chromedriver talks to Chromium over
loopback.

Usage in a test::

    from browser_support import chromium_driver, console_errors, browser_available

    @pytest.mark.skipif(not browser_available(), reason="no chromium")
    def test_view(tmp_path):
        driver = chromium_driver(tmp_path)
        try:
            driver.get(html_path.as_uri())
            assert driver.execute_script(
                "return document.querySelectorAll('svg circle').length") > 0
            assert console_errors(driver) == []
            driver.save_screenshot(str(tmp_path / "view.png"))
        finally:
            driver.quit()
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

# The Debian wrapper /usr/bin/chromium sources /etc/chromium.d/* (which adds
# Google API keys, extension flags and a shell warning); the real binary is
# started directly so the flags below are the only ones in force.
CHROMIUM = os.environ.get("GRAPHBUILD_CHROMIUM") or (
    "/usr/lib/chromium/chromium"
    if os.path.isfile("/usr/lib/chromium/chromium")
    else "/usr/bin/chromium"
)
CHROMEDRIVER = os.environ.get("GRAPHBUILD_CHROMEDRIVER", "/usr/bin/chromedriver")

WINDOW_SIZE = (1400, 900)

# Flags that keep Chromium headless, working as root in a container, and off
# the network (no updates, sync, QUIC, metrics, translate, safe browsing...).
CHROMIUM_FLAGS = [
    "--headless",  # the "new" headless mode in current Chromium
    "--no-sandbox",  # needed as root / in containers
    "--disable-gpu",
    # WebGL (the explorer draws with sigma.js) on the software renderer: Chromium asks for
    # this opt-in since the automatic fallback was deprecated.  Only our own pages are loaded.
    "--enable-unsafe-swiftshader",
    "--disable-dev-shm-usage",  # small /dev/shm in containers crashes tabs
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--disable-breakpad",
    (
        "--disable-features=Translate,OptimizationHints,MediaRouter,"
        "CertificateTransparencyComponentUpdater,AutofillServerCommunication"
    ),
    "--metrics-recording-only",
    "--password-store=basic",
    "--use-mock-keychain",
    "--mute-audio",
    "--hide-scrollbars",
    "--force-color-profile=srgb",
    "--force-device-scale-factor=1",
    "--lang=vi-VN",
    # Last line of defence: resolve no host name but localhost and send
    # anything not on loopback to a closed local port, so nothing the browser
    # starts by itself (signin checks, update pings, search-engine
    # preconnects) leaves the machine or even asks DNS.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
    "--proxy-server=http://127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>;localhost;127.0.0.1;[::1]",
]

# Profile preferences: no DNS prefetch / preconnect, no safe-browsing pings.
CHROMIUM_PREFS = {
    "net.network_prediction_options": 2,
    "safebrowsing.enabled": False,
    "search.suggest_enabled": False,
    "signin.allowed": False,
    "translate.enabled": False,
}


def browser_available() -> bool:
    """True when both the Chromium binary and chromedriver are installed and
    the ``selenium`` package can be imported."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return False
    return os.access(CHROMIUM, os.X_OK) and os.access(CHROMEDRIVER, os.X_OK)


def chromium_driver(tmpdir, *, page_load_timeout: float = 30.0):
    """Start headless Chromium under chromedriver and return the webdriver.

    ``tmpdir`` (a str or Path, e.g. pytest's ``tmp_path``) receives a new
    empty profile directory and ``chromedriver.log``.  Console messages of
    every level are recorded (read them with :func:`console_errors` or
    ``driver.get_log("browser")``).  The window is 1400x900, which leaves a
    1400x813 viewport (``innerWidth``/``innerHeight``) and screenshot.  The
    caller must ``driver.quit()`` (a module-scoped pytest fixture saves the
    ~1-2 s start-up per test).
    """
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    tmpdir = Path(tmpdir)
    tmpdir.mkdir(parents=True, exist_ok=True)
    profile = Path(tempfile.mkdtemp(prefix="chromium-profile-", dir=tmpdir))

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument("--window-size={},{}".format(*WINDOW_SIZE))
    options.add_experimental_option("prefs", CHROMIUM_PREFS)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # No "Chrome is being controlled by automated software" bar.
    options.add_experimental_option("excludeSwitches", ["enable-automation"])

    # An explicit driver path means Selenium Manager (which would try to
    # download drivers/browsers) is never run.
    service = Service(
        executable_path=CHROMEDRIVER,
        log_output=str(tmpdir / "chromedriver.log"),
    )
    driver = webdriver.Chrome(service=service, options=options)
    try:
        driver.set_page_load_timeout(page_load_timeout)
        driver.set_script_timeout(page_load_timeout)
        driver.set_window_size(*WINDOW_SIZE)
    except Exception:
        driver.quit()
        raise
    return driver


def console_errors(driver, *, ignore_favicon: bool = True) -> list[dict]:
    """SEVERE entries of the browser console (console.error, uncaught
    exceptions, failed resource loads) since the last read.

    ``driver.get_log("browser")`` empties chromedriver's buffer, so each
    entry is returned once and entries of other levels read here are
    dropped.  Entries are dicts with ``level``, ``message``, ``source`` and
    ``timestamp``.  The 404 for ``/favicon.ico`` that Chromium requests by
    itself from an http:// page is left out unless ``ignore_favicon`` is
    false.
    """
    errors = []
    for entry in driver.get_log("browser"):
        if entry.get("level") != "SEVERE":
            continue
        message = entry.get("message", "")
        if ignore_favicon and "/favicon.ico " in message:
            continue
        errors.append(entry)
    return errors


def wait_for(driver, script: str, timeout: float = 30.0, what: str = "the page"):
    """Run ``script`` until it returns something true, and return that; fail after ``timeout`` s."""
    import time

    start = time.perf_counter()
    while not (value := driver.execute_script(script)):
        assert time.perf_counter() - start < timeout, f"{what} never came: {script}"
        time.sleep(0.05)
    return value


def module_driver(tmp_path_factory):
    """The body of a module-scoped ``driver`` fixture: one Chromium per test module."""
    browser = chromium_driver(tmp_path_factory.mktemp("chromium"))
    yield browser
    browser.quit()
