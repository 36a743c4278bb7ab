"""The self-check page in a real headless Chromium (Debian's chromium + chromedriver, driven by Selenium).

An applicant answers the page's questions from what they know (skipping what they do not) and the
page must end with what `subsidy check` decides for their full application.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from selenium import webdriver
from selenium.webdriver.chrome.service import Service as DriverService
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

from cli import main
from schemas.application import FIELDS

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
BROWSER, DRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    missing = [p for p in (BROWSER, DRIVER) if not shutil.which(p)]
    assert not missing, f"browser tests need Debian's chromium and chromium-driver (apt-get install): {missing}"
    options = webdriver.ChromeOptions()
    options.binary_location = BROWSER
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium')}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=DriverService(DRIVER), options=options)
    yield driver
    driver.quit()


def cli_check(doc: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    path = tmp_path / "application.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return json.loads(CliRunner().invoke(main, ["check", str(path), "--format", "json"]).output)


class Page:
    """The self-check page as a person uses it."""

    def __init__(self, driver: WebDriver, url: str) -> None:
        self.driver = driver
        driver.get(url)
        self.steps = 0
        self.wait_for_render()

    def wait_for_render(self) -> None:
        previous = self.steps
        WebDriverWait(self.driver, 20).until(
            lambda d: int(d.find_element(By.TAG_NAME, "body").get_attribute("data-step") or 0) > previous)
        self.steps = int(self.driver.find_element(By.TAG_NAME, "body").get_attribute("data-step"))

    def by_id(self, element_id: str) -> WebElement:
        return self.driver.find_element(By.ID, element_id)

    def question(self) -> str | None:
        return None if self.by_id("ask").get_attribute("hidden") else self.by_id("question").get_attribute("data-field")

    def click(self, element: WebElement) -> None:
        element.click()
        self.wait_for_render()

    def answer(self, value: Any) -> None:
        """Fill the current question's control as a person would, then press Next."""
        control = self.by_id("q-control")
        if control.find_elements(By.CSS_SELECTOR, "input[type=radio]"):
            choice = json.dumps(value) if isinstance(value, bool) else value
            control.find_element(By.CSS_SELECTOR, f"input[value='{choice}']").click()
        elif isinstance(value, list):
            for choice in value or ["无"]:
                control.find_element(By.CSS_SELECTOR, f"input[value='{choice}']").click()
        else:
            field = self.by_id("answer")
            field.clear()
            if field.get_attribute("type") == "date":  # the native date picker's typing order follows the locale
                self.driver.execute_script("arguments[0].value = arguments[1]", field, value)
            else:
                field.send_keys(str(value))
        self.click(self.by_id("next"))

    def results(self) -> dict[str, tuple[str, int | None, list[str]]]:
        out = {}
        for card in self.driver.find_elements(By.CSS_SELECTOR, "#provisions article"):
            amount = card.find_elements(By.CSS_SELECTOR, ".amount")
            missing = [b.get_attribute("data-field") for b in card.find_elements(By.CSS_SELECTOR, ".missing button")]
            out[card.get_attribute("data-provision")] = (
                card.get_attribute("data-status"), int(amount[0].get_attribute("data-amount")) if amount else None,
                missing)
        return out


def lookup(doc: dict[str, Any], path: str) -> Any:
    section, _, name = path.partition(".")
    return doc.get(section, {}).get(name)


def interview(page: Page, doc: dict[str, Any], limit: int = len(FIELDS)) -> int:
    """Answer every question the page asks from `doc`, skipping what `doc` does not know; returns the count."""
    asked = 0
    while (field := page.question()) is not None:
        asked += 1
        assert asked <= limit, "the page keeps asking"
        value = lookup(doc, field)
        if value is None:
            page.click(page.by_id("skip"))
        else:
            page.answer(value)
            assert not page.by_id("q-errors").text, page.by_id("q-errors").text
    return asked


@pytest.mark.parametrize("example", ["jinan-robot-maker", "university-platform-upgrade", "qingdao-park-operator",
                                     "missing-data"])
def test_the_page_reaches_what_subsidy_check_decides(browser: WebDriver, server_root: str, example: str,
                                                      tmp_path: Path) -> None:
    doc = json.loads((EXAMPLES / f"{example}.json").read_text(encoding="utf-8"))
    page = Page(browser, f"{server_root}/?as_of={doc['as_of']}")
    asked = interview(page, doc)
    expected = cli_check(doc, tmp_path)
    assert asked < len(FIELDS)
    assert page.results() == {r["provision"]: (r["status"], r["amount"], r["missing"] if r["status"] == "undetermined"
                                               else []) for r in expected["results"]}
    assert int(page.by_id("total").get_attribute("data-amount")) == expected["total_amount"]
    citation = browser.find_element(By.CSS_SELECTOR, "#provisions article blockquote").text
    assert expected["results"][0]["citation"]["text"] in citation
    severe = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not severe, severe  # nothing blocked by the page's policy, nothing missing


def test_the_page_speaks_english_on_the_switch_and_lets_an_answer_be_changed(browser: WebDriver, server_root: str,
                                                                             tmp_path: Path) -> None:
    page = Page(browser, f"{server_root}/?as_of=2027-03-31")
    assert page.by_id("q-label").text == "申请单位类型"
    page.answer("park_operator")
    page.click(page.by_id("lang"))
    assert page.by_id("next").text == "Next" and browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    answered = browser.find_element(By.CSS_SELECTOR, "#answer-list li[data-field='applicant.kind']")
    assert "park operator" in answered.text
    page.click(answered.find_element(By.TAG_NAME, "button"))
    assert page.question() == "applicant.kind"
    page.answer("university")
    answered = browser.find_element(By.CSS_SELECTOR, "#answer-list li[data-field='applicant.kind']")
    assert "university" in answered.text
    page.click(page.by_id("finish"))
    statuses = {k: v[0] for k, v in page.results().items()}
    assert statuses["rd-grant"] == "ineligible"  # a university is not an enterprise
    assert "Not eligible" in browser.find_element(By.CSS_SELECTOR, "article[data-provision='rd-grant'] .status").text


def test_a_bad_answer_is_explained_beside_the_question_and_never_run(browser: WebDriver, server_root: str) -> None:
    page = Page(browser, f"{server_root}/?as_of=2027-03-31")
    page.answer("enterprise")
    for _ in range(10):  # the questions that settle most provisions come first; the city is among them
        if page.question() == "applicant.city_code":
            break
        page.click(page.by_id("skip"))
    assert page.question() == "applicant.city_code"
    hostile = "<img src=x onerror=\"document.body.dataset.pwned='1'\">"
    page.answer(hostile)
    assert page.question() == "applicant.city_code"  # asked again
    assert "6 位行政区划代码" in page.by_id("q-errors").text and hostile in page.by_id("q-errors").text
    box = page.by_id("answer")  # the refused answer stays in its box, marked, to be corrected
    assert box.get_attribute("value") == hostile and box.get_attribute("aria-invalid") == "true"
    page.answer("370112")
    assert page.question() != "applicant.city_code"
    assert browser.find_element(By.TAG_NAME, "body").get_attribute("data-pwned") is None
    assert not browser.find_elements(By.CSS_SELECTOR, "img")


def test_answers_typed_in_chinese_and_a_refused_one_kept_for_correction(browser: WebDriver, server_root: str) -> None:
    page = Page(browser, f"{server_root}/?as_of=2027-03-31")
    assert page.by_id("q-section").text == "一、申请单位基本情况"
    page.answer("enterprise")
    assert page.question() == "applicant.city_code"
    page.by_id("q-why-summary").click()  # why it is asked: the provisions and the criteria that read it
    why = page.by_id("q-why-list").text
    assert "研发投入补助(计划第" in why and "山东" in why
    page.answer("市中区")  # two prefectures have one: the page says which, and keeps what was typed
    errors = page.by_id("q-errors").text
    assert page.question() == "applicant.city_code" and "济南市市中区(370103)" in errors and "枣庄市市中区(370402)" in errors
    box = page.by_id("answer")
    assert box.get_attribute("value") == "市中区"
    box.send_keys(Keys.HOME, "枣庄")  # corrected in place, not typed again
    page.click(page.by_id("next"))
    assert page.question() == "applicant.industry_code" and not page.by_id("q-errors").text
    assert page.by_id("answer").get_attribute("value") == ""  # the next question starts empty
    page.answer("工业机器人")
    assert page.question() != "applicant.industry_code"
    answered = {li.get_attribute("data-field"): li.text for li in browser.find_elements(By.CSS_SELECTOR, "#answer-list li")}
    # read back as the terminal does: the name and the code it stands for
    assert "枣庄市市中区(370402)" in answered["applicant.city_code"]
    assert "3491 工业机器人制造" in answered["applicant.industry_code"]


def test_the_result_says_how_to_qualify(browser: WebDriver, server_root: str, tmp_path: Path) -> None:
    """An applicant one S&T employee short of the 20% tier: the page's advice is the CLI's, re-evaluated."""
    doc = json.loads((EXAMPLES / "qingdao-startup-tech-sme-60.json").read_text(encoding="utf-8"))
    doc["applicant"]["tech_staff"] = 7
    page = Page(browser, f"{server_root}/?as_of={doc['as_of']}")
    interview(page, doc)
    assert not page.by_id("advice").get_attribute("hidden")
    card = browser.find_element(By.CSS_SELECTOR, "#advice article[data-provision='tech-sme-check']")
    assert card.get_attribute("data-kind") == "plan"
    changes = [li.get_attribute("data-field") for li in card.find_elements(By.CSS_SELECTOR, "li.change")]
    assert changes == ["applicant.tech_staff"] and "7 → 至少 8" in card.text
    blocked = browser.find_element(By.CSS_SELECTOR, "#advice article[data-provision='innovation-voucher']")
    assert blocked.get_attribute("data-kind") == "blocked" and blocked.find_elements(By.CSS_SELECTOR, "li.blocking")
    path = tmp_path / "application.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    cli = json.loads(CliRunner().invoke(main, ["check", str(path), "--format", "json", "--advice"]).output)
    expected = next(a for a in cli["advice"] if a["provision"] == "tech-sme-check")
    assert expected["changes"][0]["explanation"]["zh"] in card.text
