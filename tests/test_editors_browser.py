"""The editors' pages in a real browser: Debian's chromium driven by Selenium through chromium-driver.

An editor opens the report, is sent to log in, logs in, opens a case, dismisses it with a reason and sees
it leave the open list; dates follow the browser's own time zone. The server is waitress on loopback over
a database a real run filled from the demo sites.

The case page's screenshot for the README is kept at ``docs/editors.png``: set
``CC_SYNDICATE_SCREENSHOTS=1`` to write it there (otherwise it goes to the test's temporary folder).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import waitress
from browser import headless, needs_driver
from editors_app import PASSWORD, demo_app, demo_database

pytestmark = needs_driver

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[test]')")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

DOCS = Path(__file__).resolve().parent.parent / "docs"
ZONE = "America/New_York"  # the browser's zone, not the server's


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("editors")
    app, _ = demo_app(demo_database(folder / "run"), folder / "served")
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        server.close()
        thread.join(5)


def open_cases(driver: webdriver.Chrome) -> dict[str, str]:
    """The open list as the editor reads it: case id -> page title."""
    return {tr.get_attribute("data-case"): tr.find_element(By.CSS_SELECTOR, "td:nth-child(3) a[rel]").text
            for tr in driver.find_elements(By.CSS_SELECTOR, "table#cases tbody tr[data-case]")}


def test_an_editor_logs_in_and_dismisses_a_case(served: str, tmp_path: Path) -> None:
    driver = headless(time_zone=ZONE)
    try:
        driver.get(f"{served}/editors/")
        assert driver.current_url.startswith(f"{served}/editors/login?next=")
        driver.find_element(By.ID, "name").send_keys("anna")
        driver.find_element(By.ID, "password").send_keys(PASSWORD)
        driver.find_element(By.CSS_SELECTOR, "form.login button[type=submit]").click()
        WebDriverWait(driver, 10).until(expected_conditions.presence_of_element_located((By.ID, "cases")))
        assert driver.current_url == f"{served}/editors/"
        assert driver.find_element(By.CSS_SELECTOR, "span.who").text == "anna"
        before = open_cases(driver)
        case_id, title = next((i, t) for i, t in before.items() if "festa" in t.lower())
        driver.find_element(By.CSS_SELECTOR, f"table#cases tr[data-case='{case_id}'] td:nth-child(6) a").click()
        WebDriverWait(driver, 10).until(expected_conditions.presence_of_element_located((By.ID, "dismiss")))
        assert driver.find_element(By.TAG_NAME, "h1").text == title
        copy = driver.find_element(By.ID, "copy-letter")
        assert copy.is_displayed()  # our script ran under the page's Content-Security-Policy
        Select(driver.find_element(By.ID, "notify-via")).select_by_value("email")
        driver.find_element(By.ID, "notify-note").send_keys("Sent the letter above to the editor in chief.")
        driver.find_element(By.CSS_SELECTOR, "#notify button[type=submit]").click()
        WebDriverWait(driver, 10).until(expected_conditions.presence_of_element_located((By.ID, "done")))
        assert driver.find_element(By.ID, "done").text == "Recorded: the republisher was notified."
        assert "The 30 days to cure end on" in driver.find_element(By.ID, "notified").text
        save_screenshot(driver, tmp_path)
        Select(driver.find_element(By.ID, "dismiss-reason")).select_by_value("false-positive")
        driver.find_element(By.ID, "dismiss-note").send_keys("The credit is shown in the print layout.")
        driver.find_element(By.CSS_SELECTOR, "#dismiss button[type=submit]").click()
        WebDriverWait(driver, 10).until(expected_conditions.presence_of_element_located((By.ID, "done")))
        assert driver.find_element(By.ID, "done").text == "Recorded: the case is dismissed."
        entry = driver.find_element(By.CSS_SELECTOR, "ol.timeline li.event.dismissed")
        assert "anna dismissed the case: false positive" in entry.text
        assert "The credit is shown in the print layout." in entry.text
        assert driver.find_element(By.ID, "zone").text == f"Dates in {ZONE}."
        driver.find_element(By.PARTIAL_LINK_TEXT, "All cases").click()
        WebDriverWait(driver, 10).until(expected_conditions.presence_of_element_located((By.ID, "cases")))
        after = open_cases(driver)
        assert case_id not in after and set(after) == set(before) - {case_id}
        blocked = [e["message"] for e in driver.get_log("browser") if "Content Security Policy" in e["message"]]
        assert blocked == []
    finally:
        driver.quit()


def save_screenshot(driver: webdriver.Chrome, tmp_path: Path) -> None:
    """The case page as the README shows it."""
    driver.execute_script("window.scrollTo(0, 0)")
    driver.set_window_size(1280, 1950)  # the notice, where the case stands, and the forms
    target = DOCS / "editors.png" if os.environ.get("CC_SYNDICATE_SCREENSHOTS") == "1" else tmp_path / "editors.png"
    driver.save_screenshot(str(target))
    assert target.stat().st_size > 10_000
