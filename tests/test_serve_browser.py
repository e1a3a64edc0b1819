"""The check page in a real browser: Debian's chromium driven by Selenium through chromium-driver.

A republisher types the address of their copy, submits, reads the verdict and the credit, and copies it;
the same without JavaScript; the page on a phone's screen. The server is waitress on loopback, as
`cc-syndicate serve` runs it; the pages it checks are served on loopback too.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import waitress
from browser import headless, needs_driver
from helpers import AUTHOR, credit, page
from serve_sites import Sites, make_app

pytestmark = needs_driver

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[test]')")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

PHOTO_CREDIT = "<p>Fonte foto in evidenza: Agenzia Fotolago</p>"


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[str, Sites]]:
    """The application under waitress on a free loopback port, and the sites it checks."""
    with Sites() as sites:
        server = waitress.create_server(make_app(sites), host="127.0.0.1", port=0, threads=4)
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.effective_port}/", sites
        finally:
            server.close()
            thread.join(5)


def check_in_browser(driver: webdriver.Chrome, base: str, url: str) -> str:
    """Type the address into the form, submit it, and return the verdict as read on the page."""
    driver.get(base)
    driver.find_element(By.ID, "url").send_keys(url)
    driver.find_element(By.CSS_SELECTOR, "form.check button[type=submit]").click()
    WebDriverWait(driver, 30).until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "p.verdict")))
    return driver.find_element(By.ID, "verdict").text


def test_a_republisher_checks_a_page_and_copies_the_credit(served: tuple[str, Sites], tmp_path: Path) -> None:
    base, sites = served
    url = sites.copy("/browser/no-author", page(after=credit(original_url=sites.original, author="") + PHOTO_CREDIT))
    driver = headless()
    try:
        verdict = check_in_browser(driver, base, url)
        assert verdict == ("Questa pagina riprende «Volontari al lavoro per ripulire le rive del lago» ma una "
                           "condizione della licenza (CC BY 4.0) non è rispettata.")
        missing = driver.find_elements(By.CSS_SELECTOR, "li.req-missing")
        assert [li.get_attribute("data-code") for li in missing] == ["author-missing"]
        assert "Mancante" in missing[0].text and "Come rimediare:" in missing[0].text
        credit_text = driver.find_element(By.ID, "credit-text").get_attribute("value")
        assert f"di {AUTHOR}" in credit_text and sites.original in credit_text
        button = driver.find_element(By.CSS_SELECTOR, "button[data-copy='credit-text']")
        assert button.is_displayed() and button.text == "Copia"  # our script ran, under the page's policy
        button.click()
        WebDriverWait(driver, 5).until(lambda d: button.text == "Copiato")
        selected = driver.execute_script("var a = document.getElementById('credit-text');"
                                         "return a.value.substring(a.selectionStart, a.selectionEnd);")
        assert selected == credit_text  # copied, or at least selected for the visitor to copy
        driver.save_screenshot(str(tmp_path / "serve.png"))
        blocked = [entry["message"] for entry in driver.get_log("browser") if "Content Security Policy" in entry["message"]]
        assert blocked == []
    finally:
        driver.quit()


def test_without_javascript_the_page_still_works(served: tuple[str, Sites]) -> None:
    base, sites = served
    url = sites.copy("/browser/no-js", page(after=credit(original_url=sites.original) + PHOTO_CREDIT))
    driver = headless(javascript=False)
    try:
        verdict = check_in_browser(driver, base, url)
        assert verdict.endswith("e rispetta le condizioni della licenza (CC BY 4.0).")
        assert not driver.find_element(By.CSS_SELECTOR, "button[data-copy='credit-html']").is_displayed()
        area = driver.find_element(By.ID, "credit-html")
        assert area.is_displayed() and area.get_attribute("value").startswith("<p>«<a href=")
    finally:
        driver.quit()


def test_on_a_phone_nothing_overflows(served: tuple[str, Sites], tmp_path: Path) -> None:
    base, sites = served
    long_title = "Volontari " * 3 + "https://example.org/" + "a" * 120
    body = page(after=credit(original_url=sites.original, author="") + PHOTO_CREDIT)
    url = sites.copy("/browser/phone/" + "x" * 150, body.replace("Copia Quotidiana</title>", long_title + "</title>"))
    driver = headless(phone=True)
    try:
        assert "non è rispettata" in check_in_browser(driver, base, url)
        assert driver.execute_script("return window.innerWidth;") == 390
        width = driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth];")
        assert width[0] <= width[1], f"the page is {width[0]} px wide on a {width[1]} px screen"
        field = driver.find_element(By.ID, "url").rect
        assert field["width"] >= 300  # the form takes the whole width
        driver.save_screenshot(str(tmp_path / "serve-phone.png"))
    finally:
        driver.quit()


def test_from_the_link_under_an_article_to_a_checked_copy(served: tuple[str, Sites]) -> None:
    """The link under every article opens the republish page; the republisher copies the credit, puts
    it under their copy, and checks the copy from the same page."""
    base, sites = served
    driver = headless()
    try:
        driver.get(f"{base}republish?original={sites.original}")
        assert driver.find_element(By.TAG_NAME, "h1").text == "Ripubblica questo articolo"
        button = driver.find_element(By.CSS_SELECTOR, "button[data-copy='credit-html']")
        button.click()
        WebDriverWait(driver, 5).until(lambda d: button.text == "Copiato")
        pasted = driver.find_element(By.ID, "credit-html").get_attribute("value")
        url = sites.copy("/browser/pasted", page(after=pasted + PHOTO_CREDIT))
        driver.find_element(By.ID, "url").send_keys(url)  # the original is already filled in
        driver.find_element(By.CSS_SELECTOR, "form.check button[type=submit]").click()
        WebDriverWait(driver, 30).until(expected_conditions.presence_of_element_located((By.ID, "verdict")))
        assert driver.find_element(By.ID, "verdict").text.endswith("e rispetta le condizioni della licenza (CC BY 4.0).")
    finally:
        driver.quit()
