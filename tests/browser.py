"""Debian's Chromium for the browser tests: where it is, the skip where it is not, a headless driver."""

from __future__ import annotations

import os
import shutil
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from selenium import webdriver

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
needs_driver = pytest.mark.skipif(
    CHROMIUM is None or DRIVER is None,
    reason="no Chromium or chromium-driver on this machine (Debian packages chromium and chromium-driver)")


def headless(width: int = 1280, height: int = 1000, javascript: bool = True, phone: bool = False,
             time_zone: str | None = None) -> webdriver.Chrome:
    """A headless Chromium that resolves nothing but loopback, with its console log kept."""
    from selenium import webdriver

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM  # type: ignore[assignment]
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", f"--window-size={width},{height}"):
        options.add_argument(arg)
    if phone:  # a phone's screen, pixel ratio and touch, as Chromium's device mode has them
        metrics = {"width": 390, "height": 844, "pixelRatio": 3.0, "touch": True}
        options.add_experimental_option("mobileEmulation", {"deviceMetrics": metrics})
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    env = {**os.environ, "TZ": time_zone} if time_zone else None
    return webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=DRIVER, env=env))
