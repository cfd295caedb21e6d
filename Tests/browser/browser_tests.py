"""Browser tests in real headless Chromium (Selenium): the privacy center, the consent banner,
one-click unsubscribe and the staff console as people use them, keyboard only where it matters, and axe (WCAG 2.x A/AA
rules) on every page. Usage: python3 Tests/browser/browser_tests.py path/to/sargs
"""
import datetime
import email, email.header, glob, json, os, re, socket, sqlite3, subprocess, sys, tempfile, threading, time, traceback, urllib.error, urllib.request
import http.server, functools

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import Select, WebDriverWait
from axe_selenium_python import Axe

def axe_script():
    """axe-core 4.x: axe-selenium-python bundles axe-core 3.1, which knows no WCAG 2.1/2.2 rules; the
    axe-playwright-python wheel (installed without its dependencies) carries axe-core 4.12."""
    import importlib.util
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec and spec.submodule_search_locations:
        candidate = os.path.join(list(spec.submodule_search_locations)[0], "axe.min.js")
        if os.path.exists(candidate):
            return candidate
    raise RuntimeError("install axe-playwright-python (pip install --no-deps axe-playwright-python) for axe-core 4")


ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = sys.argv[1]
POLICY = os.path.join(ROOT, "examples", "coral-club.yaml")
LANGUAGES = ["lv", "en"]
results = {"passed": 0, "failed": 0}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test(name):
    def wrap(function):
        def run(*args):
            try:
                function(*args)
                results["passed"] += 1
                print(f"ok   {name}")
            except Exception:
                results["failed"] += 1
                print(f"FAIL {name}\n" + traceback.format_exc())
        run.__name__ = function.__name__
        return run
    return wrap


DPO = "dpo@coral-club.example"
AGENT = "agent@coral-club.example"


class Sargs:
    def __init__(self, policy=None):
        policy = policy or POLICY
        self.policy = policy
        self.data = tempfile.mkdtemp(prefix="sargs-browser-")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ, SARGS_PUBLIC_URL=self.base, SARGS_RETENTION_SCHEDULE="off")
        out = subprocess.run([BINARY, "keys", "create", "--role", "admin", "--data-dir", self.data, "--policy", policy],
                             capture_output=True, text=True, check=True, env=env).stdout
        self.key = [line for line in out.splitlines() if line.startswith("sargs_")][0]
        for address, role in [(DPO, "dpo"), (AGENT, "agent")]:
            subprocess.run([BINARY, "staff", "add", address, "--role", role, "--data-dir", self.data, "--policy", policy],
                           capture_output=True, text=True, check=True, env=env)
        self.process = subprocess.Popen([BINARY, "serve", "--data-dir", self.data, "--policy", policy, "--port", str(self.port)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        for _ in range(100):
            try:
                urllib.request.urlopen(self.base + "/healthz", timeout=1)
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("sargs serve did not start")

    def api(self, method, path, body=None):
        request = urllib.request.Request(self.base + path, method=method, data=json.dumps(body).encode() if body is not None else None,
                                         headers={"Authorization": f"Bearer {self.key}", "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as response:
            raw = response.read()
            return json.loads(raw) if raw else None

    def code_for(self, address, subject_word=None, timeout=15, newer_than=None):
        """The newest one-time code e-mailed to `address` (the outbox writes .eml files); with
        `newer_than`, only a message written after that time (a second sign-in must not read the first code)."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            for path in sorted(glob.glob(os.path.join(self.data, "mail", "*.eml")), key=os.path.getmtime, reverse=True):
                if newer_than is not None and os.path.getmtime(path) < newer_than:
                    continue
                message = email.message_from_binary_file(open(path, "rb"))
                if address not in message["To"]:
                    continue
                body = message.get_payload(decode=True).decode("utf-8")
                match = re.search(r"\b(\d{6})\b", body)
                if match:
                    return match.group(1)
            time.sleep(0.3)
        raise AssertionError(f"no code was e-mailed to {address}")

    def stop(self):
        """Stops the server as a service manager would; it must exit by itself (a loaded CI machine gets 30 s)."""
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise AssertionError("sargs serve did not exit within 30 s of SIGTERM")


class Website:
    """The example page, served from another origin, loading the banner from Sargs."""
    def __init__(self, sargs_base):
        self.directory = tempfile.mkdtemp(prefix="sargs-site-")
        page = open(os.path.join(ROOT, "examples", "website", "index.html"), encoding="utf-8").read()
        page = page.replace("http://127.0.0.1:8080", sargs_base)
        # Record Consent Mode calls the way gtag.js would receive them.
        page = page.replace("function gtag() { window.dataLayer.push(arguments); }",
                            "function gtag() { window.dataLayer.push(arguments); (window.gtagCalls = window.gtagCalls || []).push(Array.from(arguments)); }")
        for language in LANGUAGES:
            open(os.path.join(self.directory, f"{language}.html"), "w", encoding="utf-8").write(page.replace('<html lang="lv">', f'<html lang="{language}">'))
        class Quiet(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass
        handler = functools.partial(Quiet, directory=self.directory)
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.base = f"http://localhost:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def browser(gpc=False, dnt=False):
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1000", "--disable-dev-shm-usage"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
    driver.set_script_timeout(60)
    if gpc:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument",
                               {"source": "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {get: () => true});"})
    if dnt:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument",
                               {"source": "Object.defineProperty(Navigator.prototype, 'doNotTrack', {get: () => '1'});"})
    return driver


def wait_for_url(driver, part):
    """Waits for a navigation a click or Enter started (a form post and its redirect)."""
    WebDriverWait(driver, 10).until(lambda d: part in d.current_url)


def no_serious_violations(driver, label):
    axe = Axe(driver, script_url=axe_script())
    axe.inject()
    found = axe.run(options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}})
    bad = [v for v in found["violations"] if v.get("impact") in ("serious", "critical")]
    assert not bad, f"{label}: " + "; ".join(f"{v['id']}: {v['help']} ({len(v['nodes'])} node(s))" for v in bad)


def banner_buttons(driver):
    """The banner's buttons, once the deferred script has shown it."""
    return WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#sargs-banner button"))


def consent_cookie(driver):
    cookie = driver.get_cookie("sargs_consent")
    return json.loads(urllib.request.unquote(cookie["value"])) if cookie else None


@test("banner: three equally prominent buttons, nothing runs before a choice; reject all keeps tagged scripts off and is recorded")
def banner_reject(sargs, site):
    driver = browser()
    try:
        driver.get(site.base + "/lv.html")
        buttons = banner_buttons(driver)
        assert [b.text for b in buttons] == ["Pieņemt visas", "Noraidīt visas", "Iestatījumi"], [b.text for b in buttons]
        sizes = {(b.size["height"], b.value_of_css_property("background-color")) for b in buttons}
        assert len(sizes) == 1, f"buttons differ in prominence: {sizes}"
        assert driver.execute_script("return window.statisticsLoaded") is None
        calls = driver.execute_script("return window.gtagCalls")
        assert calls and calls[0][0] == "consent" and calls[0][1] == "default" and calls[0][2]["analytics_storage"] == "denied", calls
        buttons[1].click()
        assert not driver.find_elements(By.ID, "sargs-banner")
        assert driver.execute_script("return window.statisticsLoaded") is None
        stored = consent_cookie(driver)
        assert stored["r"] is True and stored["c"]["statistics"] is False
        driver.refresh()
        time.sleep(0.5)
        assert not driver.find_elements(By.ID, "sargs-banner"), "a refusal is not asked again at once"
        time.sleep(0.5)
        records = sargs.api("GET", f"/v1/cookie-consents?visitor_id={stored['v']}")["records"]
        assert records and records[-1]["choices"]["statistics"] is False and records[-1]["language"] == "lv", records
    finally:
        driver.quit()


@test("banner: accept all runs the tagged scripts and updates Consent Mode; the settings link reopens the choice")
def banner_accept(sargs, site):
    driver = browser()
    try:
        driver.get(site.base + "/en.html")
        banner_buttons(driver)[0].click()
        assert driver.execute_script("return window.statisticsLoaded") is True
        assert driver.execute_script("return window.marketingLoaded") is True
        update = [c for c in driver.execute_script("return window.gtagCalls") if c[1] == "update"][-1]
        assert update[2]["analytics_storage"] == "granted" and update[2]["ad_storage"] == "granted", update
        driver.find_element(By.CSS_SELECTOR, "[data-sargs-consent-settings]").click()
        boxes = driver.find_elements(By.CSS_SELECTOR, "#sargs-banner input[type=checkbox]")
        assert boxes and all(b.is_selected() for b in boxes)
    finally:
        driver.quit()


@test("banner settings: no pre-ticked boxes; statistics alone runs only the statistics script")
def banner_settings(sargs, site):
    driver = browser()
    try:
        driver.get(site.base + "/en.html")
        banner_buttons(driver)[2].click()
        boxes = {b.get_attribute("name"): b for b in driver.find_elements(By.CSS_SELECTOR, "#sargs-banner input[type=checkbox]")}
        assert boxes["strictly_necessary"].is_selected() and not boxes["strictly_necessary"].is_enabled()
        assert not boxes["statistics"].is_selected() and not boxes["marketing"].is_selected(), "nothing is pre-ticked"
        no_serious_violations(driver, "banner settings")
        boxes["statistics"].click()
        banner_buttons(driver)[0].click()  # Save my choices
        assert driver.execute_script("return window.statisticsLoaded") is True
        assert driver.execute_script("return window.marketingLoaded") is None
    finally:
        driver.quit()


@test("Global Privacy Control is honoured (accept all leaves marketing off); Do Not Track gets Coral Club's honest 'not honoured'")
def banner_gpc(sargs, site):
    driver = browser(gpc=True, dnt=True)
    try:
        driver.get(site.base + "/en.html")
        banner_buttons(driver)
        text = driver.find_element(By.ID, "sargs-banner").text
        assert "Global Privacy Control" in text and "We do not respond to Do Not Track signals" in text, text
        banner_buttons(driver)[0].click()
        assert driver.execute_script("return window.statisticsLoaded") is True
        assert driver.execute_script("return window.marketingLoaded") is None
        assert consent_cookie(driver)["c"]["marketing"] is False
    finally:
        driver.quit()


@test("keyboard only: focus starts on the banner, no button singled out; Tab, Tab, Enter reject all")
def banner_keyboard(sargs, site):
    driver = browser()
    try:
        driver.get(site.base + "/lv.html")
        banner_buttons(driver)
        focused = driver.switch_to.active_element
        assert focused.get_attribute("id") == "sargs-banner", focused.tag_name
        focused.send_keys(Keys.TAB)
        assert driver.switch_to.active_element.text == "Konfidencialitātes politika", "the notice link, named as the notice names itself"
        driver.switch_to.active_element.send_keys(Keys.TAB)
        assert driver.switch_to.active_element.text == "Pieņemt visas"
        driver.switch_to.active_element.send_keys(Keys.TAB)
        assert driver.switch_to.active_element.text == "Noraidīt visas"
        driver.switch_to.active_element.send_keys(Keys.ENTER)
        assert not driver.find_elements(By.ID, "sargs-banner")
        assert consent_cookie(driver)["r"] is True
    finally:
        driver.quit()


@test("privacy center: an access request end to end, keyboard only, the code read from the outbox; axe on every page in each language")
def access_request(sargs, site):
    driver = browser()
    try:
        for language in LANGUAGES:
            for path in ["/privacy", "/privacy/requests/new?type=access", "/privacy/requests/new?type=objection",
                         "/privacy/requests/new?type=rectification", "/privacy/consents", "/notice"]:
                driver.get(f"{sargs.base}{path}{'&' if '?' in path else '?'}lang={language}")
                assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == language
                if path != "/notice":
                    no_serious_violations(driver, f"{path} ({language})")
        driver.get(sargs.base + "/privacy?lang=en")
        driver.find_element(By.LINK_TEXT, "Access to your data").click()
        field = driver.find_element(By.ID, "email")
        field.send_keys("browser@example.lv")
        field.send_keys(Keys.ENTER)
        wait_for_url(driver, "/verify")
        no_serious_violations(driver, "verify page")
        code = sargs.code_for("browser@example.lv")
        box = driver.find_element(By.ID, "code")
        box.send_keys(code)
        box.send_keys(Keys.ENTER)
        WebDriverWait(driver, 10).until(lambda d: "/verify" not in d.current_url)
        assert "confirmed, being handled" in driver.page_source, driver.page_source[:500]
        assert "browser" not in driver.current_url and "@" not in driver.current_url
        no_serious_violations(driver, "status page")
    finally:
        driver.quit()


@test("privacy center: withdrawing a consent changes the decision API's answer")
def consent_change(sargs, site):
    subject = sargs.api("POST", "/v1/subjects", {"country": "LV", "language": "lv", "source": "web", "collected_for": "services",
                                                 "data": {"user.contact.email": "consents@example.lv", "user.name": "Ilze"}})["id"]
    sargs.api("POST", f"/v1/subjects/{subject}/consents", {"purpose": "marketing", "channel": "email", "state": "given", "method": "web_form"})
    before = sargs.api("POST", "/v1/decisions", {"subject_id": subject, "purpose": "marketing", "channel": "email"})
    assert before["allowed"] is True
    driver = browser()
    try:
        driver.get(sargs.base + "/privacy/consents?lang=lv")
        field = driver.find_element(By.ID, "email")
        field.send_keys("consents@example.lv")
        field.send_keys(Keys.ENTER)
        wait_for_url(driver, "/verify")
        box = driver.find_element(By.ID, "code")
        box.send_keys(sargs.code_for("consents@example.lv"))
        box.send_keys(Keys.ENTER)
        wait_for_url(driver, "/consents/manage")
        no_serious_violations(driver, "consents page")
        toggle = "button[role='switch'][aria-label^='Piedāvājumi'][aria-label$=', e-pasts']"
        button = driver.find_element(By.CSS_SELECTOR, toggle)
        assert button.get_attribute("aria-checked") == "true", button.get_attribute("outerHTML")
        button.click()
        wait_for_url(driver, "saved=1")
        assert driver.find_element(By.CSS_SELECTOR, toggle).get_attribute("aria-checked") == "false", "the switch is off once withdrawn"
        assert "Saglabāts." in driver.page_source, driver.current_url + " " + driver.find_element(By.TAG_NAME, "main").text[:400]
        after = sargs.api("POST", "/v1/decisions", {"subject_id": subject, "purpose": "marketing", "channel": "email"})
        assert after["allowed"] is False and after["reason"] == "consent_withdrawn", after
        if os.environ.get("SARGS_BROWSER_SHOTS"):
            driver.save_screenshot(os.path.join(os.environ["SARGS_BROWSER_SHOTS"], "consents-manage-lv.png"))
    finally:
        driver.quit()


@test("one-click unsubscribe: the page's button unsubscribes; axe clean")
def unsubscribe(sargs, site):
    subject = sargs.api("POST", "/v1/subjects", {"country": "LV", "language": "en", "source": "web", "collected_for": "services",
                                                 "data": {"user.contact.email": "unsub@example.lv"}})["id"]
    sargs.api("POST", f"/v1/subjects/{subject}/consents", {"purpose": "marketing", "state": "given", "method": "web_form"})
    link = sargs.api("POST", "/v1/unsubscribe-links", {"subject_id": subject, "purpose": "marketing"})
    driver = browser()
    try:
        driver.get(link["url"])
        no_serious_violations(driver, "unsubscribe page")
        driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        WebDriverWait(driver, 10).until(lambda d: "Done: you will no longer receive" in d.page_source)
        decision = sargs.api("POST", "/v1/decisions", {"subject_id": subject, "purpose": "marketing", "channel": "email"})
        assert decision["allowed"] is False
    finally:
        driver.quit()


def console_sign_in(sargs, driver, address, check=False):
    driver.get(sargs.base + "/console/sign-in?lang=en")
    field = driver.find_element(By.ID, "email")
    field.send_keys(address)
    asked = time.time() - 0.01
    field.send_keys(Keys.ENTER)
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.ID, "code"))
    if check:
        no_serious_violations(driver, "console code page")
    box = driver.find_element(By.ID, "code")
    box.send_keys(sargs.code_for(address, newer_than=asked))
    box.send_keys(Keys.ENTER)
    WebDriverWait(driver, 10).until(lambda d: d.current_url.rstrip("/").endswith("/console"))


def cookie_header(driver):
    return "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())


@test("console: a DPO signs in with the e-mailed code, finds the request, attests, approves and downloads the export; axe clean in lv and en")
def console_dpo(sargs, site):
    subject = sargs.api("POST", "/v1/subjects", {"country": "LV", "language": "lv", "source": "web", "collected_for": "services",
                                                 "data": {"user.contact.email": "console@example.lv", "user.name": "Līga"}})["id"]
    sargs.api("POST", f"/v1/subjects/{subject}/relationships", {"kind": "customer", "start": "2025-01-01T00:00:00Z"})
    created = sargs.api("POST", "/v1/requests", {"type": "access", "email": "console@example.lv", "language": "lv", "channel": "web"})
    driver = browser()
    try:
        driver.get(sargs.base + "/console/sign-in?lang=en")
        no_serious_violations(driver, "console sign-in")
        console_sign_in(sargs, driver, DPO, check=True)
        reference = created["id"][:8]
        driver.find_element(By.LINK_TEXT, "Requests").click()
        wait_for_url(driver, "/console/requests")
        driver.find_element(By.LINK_TEXT, reference).click()
        wait_for_url(driver, created["id"])
        for language in LANGUAGES:
            for path in ["/console", "/console/requests", f"/console/requests/{created['id']}", "/console/subjects", "/console/policy",
                         "/console/audit", "/console/account", "/console/retention", "/console/breaches", "/console/outbox",
                         "/console/requests/new", "/console/notices", "/console/breaches/new", "/console/systems"]:
                driver.get(f"{sargs.base}{path}?lang={language}")
                assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == language
                no_serious_violations(driver, f"{path} ({language})")
        driver.get(f"{sargs.base}/console/account?lang=en")
        driver.find_element(By.CSS_SELECTOR, "form[action='/console/account/totp'] button").click()
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "figure.qr svg"))
        no_serious_violations(driver, "second-factor enrolment")
        driver.get(f"{sargs.base}/console/requests/{created['id']}?lang=en")
        Select(driver.find_element(By.ID, "attest-method")).select_by_value("identity_document")
        driver.find_element(By.ID, "attest-checked").send_keys("Passport checked at the office")
        driver.find_element(By.CSS_SELECTOR, "form[action$='/attest'] button").click()
        WebDriverWait(driver, 10).until(lambda d: "done=attest" in d.current_url)
        driver.find_element(By.CSS_SELECTOR, "form[action$='/approve'] button").click()
        WebDriverWait(driver, 10).until(lambda d: "done=approve" in d.current_url)
        if os.environ.get("SARGS_BROWSER_SHOTS"):
            driver.save_screenshot(os.path.join(os.environ["SARGS_BROWSER_SHOTS"], "console-request-en.png"))
        link = driver.find_element(By.CSS_SELECTOR, "a[href$='/export']").get_attribute("href")
        with urllib.request.urlopen(urllib.request.Request(link, headers={"Cookie": cookie_header(driver)}), timeout=10) as response:
            assert response.read(2) == b"PK", "the export is a zip package"
        shown = sargs.api("GET", f"/v1/requests/{created['id']}")
        assert shown["status"] == "completed", shown
        driver.get(sargs.base + "/console/subjects?lang=lv")
        driver.find_element(By.ID, "contact").send_keys("console@example.lv")
        Select(driver.find_element(By.ID, "purpose")).select_by_value("services")
        driver.find_element(By.CSS_SELECTOR, "form[action='/console/subjects/lookup'] button").click()
        WebDriverWait(driver, 10).until(lambda d: "Līga" in d.page_source)
        assert "console@example.lv" not in driver.current_url
        no_serious_violations(driver, "subject view")
        # A letter received three days ago, entered by the officer with her identity check (issue 21 item 9).
        driver.get(sargs.base + "/console/requests/new?lang=en")
        Select(driver.find_element(By.ID, "type")).select_by_value("access")
        Select(driver.find_element(By.ID, "channel")).select_by_value("post")
        received = (datetime.date.today() - datetime.timedelta(days=3)).isoformat()
        driver.execute_script("document.getElementById('received-on').value = arguments[0]", received)
        driver.find_element(By.ID, "email").send_keys("console@example.lv")
        driver.find_element(By.ID, "text").send_keys("Please send me a copy of my data")
        Select(driver.find_element(By.ID, "method")).select_by_value("signed_letter")
        driver.find_element(By.ID, "checked").send_keys("Signature compared with the contract")
        if os.environ.get("SARGS_BROWSER_SHOTS"):
            driver.save_screenshot(os.path.join(os.environ["SARGS_BROWSER_SHOTS"], "console-request-new-en.png"))
        driver.find_element(By.CSS_SELECTOR, "form[action='/console/requests/new'] button").click()
        WebDriverWait(driver, 10).until(lambda d: "Please send me a copy of my data" in d.page_source)
        arrived = datetime.date.fromisoformat(received)
        assert f"{arrived.day} {arrived.strftime('%B')} {arrived.year}" in driver.page_source, "the request is dated from its arrival, in words"
        no_serious_violations(driver, "entered request")
        if os.environ.get("SARGS_BROWSER_SHOTS"):
            driver.save_screenshot(os.path.join(os.environ["SARGS_BROWSER_SHOTS"], "console-request-entered-en.png"))
            driver.get(sargs.base + "/console/subjects?lang=lv")
            driver.find_element(By.ID, "contact").send_keys("console@example.lv")
            Select(driver.find_element(By.ID, "purpose")).select_by_value("services")
            driver.find_element(By.CSS_SELECTOR, "form[action='/console/subjects/lookup'] button").click()
            WebDriverWait(driver, 10).until(lambda d: "Līga" in d.page_source)
            driver.save_screenshot(os.path.join(os.environ["SARGS_BROWSER_SHOTS"], "console-subject-lv.png"))
            driver.get(sargs.base + "/console?lang=en")
            driver.save_screenshot(os.path.join(os.environ["SARGS_BROWSER_SHOTS"], "console-today-en.png"))
    finally:
        driver.quit()


@test("console alone: an access request from the privacy center answered, a breach from discovery to report, a retention run; axe clean")
def console_whole_job(sargs, site):
    subject = sargs.api("POST", "/v1/subjects", {"country": "LV", "language": "lv", "source": "web", "collected_for": "services",
                                                 "data": {"user.contact.email": "whole@example.lv", "user.name": "Inese"}})["id"]
    driver = browser()
    try:
        # The person asks for erasure in the privacy center and confirms with the e-mailed code.
        driver.get(sargs.base + "/privacy?lang=en")
        assert "Have your data deleted." in driver.page_source, "each right is explained"
        driver.find_element(By.LINK_TEXT, "Access to your data").click()
        field = driver.find_element(By.ID, "email")
        field.send_keys("whole@example.lv")
        field.send_keys(Keys.ENTER)
        wait_for_url(driver, "/verify")
        box = driver.find_element(By.ID, "code")
        box.send_keys(sargs.code_for("whole@example.lv"))
        box.send_keys(Keys.ENTER)
        WebDriverWait(driver, 10).until(lambda d: "/verify" not in d.current_url)
        driver.delete_all_cookies()
        # The privacy officer takes it from Today to its answer.
        console_sign_in(sargs, driver, DPO)
        driver.get(sargs.base + "/console?lang=en")
        links = [a.get_attribute("href") for a in driver.find_elements(By.XPATH, "//tr[td[contains(., 'Access request')]]//a")]
        assert links, "the access request is on Today, in staff wording"
        driver.get(links[-1])
        assert "Access request" in driver.page_source and "whole@example.lv" not in driver.current_url, "staff wording"
        driver.find_element(By.CSS_SELECTOR, "form[action$='/approve'] button").click()
        WebDriverWait(driver, 10).until(lambda d: "done=approve" in d.current_url)
        assert "Days left:" not in driver.page_source, "an answered request counts no days"
        # A breach: recorded, the clock shown, the authority notified, the risk assessed, closed, the report printed.
        driver.get(sargs.base + "/console/breaches?lang=en")
        no_serious_violations(driver, "breaches (empty)")
        driver.find_element(By.LINK_TEXT, "Record a breach").click()
        wait_for_url(driver, "/console/breaches/new")
        no_serious_violations(driver, "record a breach")
        driver.find_element(By.ID, "breach-nature").send_keys("A laptop with the customer list was stolen")
        driver.find_element(By.CSS_SELECTOR, "input[name='category_user.contact.email']").click()
        driver.find_element(By.ID, "breach-subjects").send_keys("120")
        driver.find_element(By.ID, "breach-records").send_keys("300")
        driver.find_element(By.ID, "breach-consequences").send_keys("Phishing")
        driver.find_element(By.ID, "breach-measures").send_keys("Passwords reset")
        driver.find_element(By.CSS_SELECTOR, "form[action='/console/breaches'] button").click()
        WebDriverWait(driver, 10).until(lambda d: "done=record" in d.current_url)
        assert "h left to tell the authority" in driver.page_source
        for language in LANGUAGES:
            driver.get(f"{driver.current_url.split('?')[0]}?lang={language}")
            no_serious_violations(driver, f"breach ({language})")
        if os.environ.get("SARGS_BROWSER_SHOTS"):
            driver.get(f"{driver.current_url.split('?')[0]}?lang=en")
            driver.save_screenshot(os.path.join(os.environ["SARGS_BROWSER_SHOTS"], "console-breach-en.png"))
        driver.get(f"{driver.current_url.split('?')[0]}?lang=en")
        driver.find_element(By.CSS_SELECTOR, "form[action$='/notify'] button").click()
        WebDriverWait(driver, 10).until(lambda d: "done=notify" in d.current_url)
        driver.find_element(By.CSS_SELECTOR, "input[name='risk'][value='high']").click()
        Select(driver.find_element(By.ID, "exception")).select_by_value("unintelligible")
        driver.find_element(By.CSS_SELECTOR, "form[action$='/assess'] button").click()
        WebDriverWait(driver, 10).until(lambda d: "done=assess" in d.current_url)
        driver.find_element(By.CSS_SELECTOR, "form[action$='/close'] button").click()
        WebDriverWait(driver, 10).until(lambda d: "done=close" in d.current_url)
        breach = driver.current_url.split("/console/breaches/")[1].split("?")[0]
        assert sargs.api("GET", f"/v1/breaches/{breach}")["status"] == "closed"
        driver.find_element(By.PARTIAL_LINK_TEXT, "Report for the authority").click()
        WebDriverWait(driver, 10).until(lambda d: "/report" in d.current_url)
        # Retention: the dry run reviewed, the rules confirmed, the run carried out.
        driver.get(sargs.base + "/console/retention?lang=en")
        no_serious_violations(driver, "retention")
        boxes = driver.find_elements(By.CSS_SELECTOR, "input[name='confirm_rule_change']")
        if boxes:
            boxes[0].click()
        driver.find_element(By.CSS_SELECTOR, "form[action='/console/retention/run'] button").click()
        WebDriverWait(driver, 10).until(lambda d: "Retention ran:" in d.page_source)
        no_serious_violations(driver, "retention run")
        assert sargs.api("GET", "/v1/retention/runs")["runs"][0]["actor"].startswith("staff:")
    finally:
        driver.quit()


@test("console: an agent is not offered approval or the audit trail, and a posted approval is refused")
def console_agent(sargs, site):
    created = sargs.api("POST", "/v1/requests", {"type": "erasure", "email": "agent-case@example.lv", "language": "lv", "channel": "web"})
    driver = browser()
    try:
        console_sign_in(sargs, driver, AGENT)
        assert not driver.find_elements(By.LINK_TEXT, "Audit")
        driver.get(f"{sargs.base}/console/requests/{created['id']}?lang=en")
        assert not driver.find_elements(By.CSS_SELECTOR, "form[action$='/approve']")
        assert not driver.find_elements(By.CSS_SELECTOR, "form[action$='/attest']")
        no_serious_violations(driver, "agent's request page")
        token = driver.find_element(By.CSS_SELECTOR, "input[name=csrf]").get_attribute("value")
        request = urllib.request.Request(f"{sargs.base}/console/requests/{created['id']}/approve", method="POST",
                                         data=f"csrf={token}".encode(),
                                         headers={"Cookie": cookie_header(driver), "Content-Type": "application/x-www-form-urlencoded"})
        try:
            urllib.request.urlopen(request, timeout=10)
            raise AssertionError("the agent's approval was accepted")
        except urllib.error.HTTPError as error:
            assert error.code == 403, error.code
        driver.get(f"{sargs.base}/console/audit")
        assert "could not be done" in driver.page_source
        no_serious_violations(driver, "refusal page")
    finally:
        driver.quit()


@test("every other seed: the privacy center, the notice and the console in each of its languages, axe clean")
def other_seeds(_sargs, _site):
    for seed, languages in [("coral-travel/lithuania.yaml", ["lt", "en"]), ("coral-travel/estonia.yaml", ["et"]),
                            ("coral-travel/ukraine.yaml", ["uk"]), ("coral-travel/belarus.yaml", ["ru"])]:
        sargs = Sargs(os.path.join(ROOT, "examples", seed))
        driver = browser()
        try:
            for language in languages:
                for path in ["/privacy", "/privacy/requests/new?type=access", "/privacy/consents", "/notice"]:
                    driver.get(f"{sargs.base}{path}{'&' if '?' in path else '?'}lang={language}")
                    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == language, f"{seed} {path} {language}"
                    no_serious_violations(driver, f"{seed} {path} ({language})")
            console_sign_in(sargs, driver, DPO)
            for language in languages:
                for path in ["/console", "/console/breaches/new", "/console/retention", "/console/requests/new", "/console/account"]:
                    driver.get(f"{sargs.base}{path}?lang={language}")
                    assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == language, f"{seed} {path} {language}"
                    no_serious_violations(driver, f"{seed} {path} ({language})")
        finally:
            driver.quit()
            sargs.stop()


@test("console: a company database that cannot be reached is shown with its reason and a retry; axe clean in lv, en and lt")
def console_failed_system(_sargs, _site):
    for seed, variable, languages in [("web-shop-lv.yaml", "WEB_SHOP_DATABASE_URL", ["lv", "en"]),
                                      ("coral-travel/lithuania.yaml", "BOOKINGS_DATABASE_URL", ["lt"])]:
        missing = os.path.join(tempfile.mkdtemp(prefix="sargs-company-"), "missing.sqlite")
        os.environ[variable] = "sqlite://" + missing
        try:
            sargs = Sargs(os.path.join(ROOT, "examples", seed))
        finally:
            del os.environ[variable]
        driver = browser()
        try:
            address = "systems@example.lv"
            purpose = "orders" if seed.startswith("web-shop") else "service-quality"
            subject = sargs.api("POST", "/v1/subjects", {"country": "LV", "language": languages[0], "source": "web",
                                                         "collected_for": purpose, "data": {"user.contact.email": address}})["id"]
            created = sargs.api("POST", "/v1/requests", {"type": "access", "subject_id": subject, "language": languages[0],
                                                         "channel": "in_person"})
            sargs.api("POST", f"/v1/requests/{created['id']}/verify",
                      {"attestation": {"method": "in_person", "checked": "ID card at the counter"}})
            shown = sargs.api("POST", f"/v1/requests/{created['id']}/approve", {})
            assert shown["status"] == "in_progress", shown["status"]
            console_sign_in(sargs, driver, DPO)
            for language in languages:
                driver.get(f"{sargs.base}/console/requests/{created['id']}?lang={language}")
                assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == language
                row = driver.find_element(By.CSS_SELECTOR, "tr.alert form[action$='/system']")
                assert row.find_element(By.TAG_NAME, "button").text, "a retry button"
                assert missing not in driver.page_source, "the database's location is not shown"
                no_serious_violations(driver, f"failed system ({seed}, {language})")
                if os.environ.get("SARGS_BROWSER_SHOTS"):
                    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", row)
                    driver.save_screenshot(os.path.join(os.environ["SARGS_BROWSER_SHOTS"], f"console-request-systems-{language}.png"))
        finally:
            driver.quit()
            sargs.stop()


@test("a system with no API: its owner opens the e-mailed link (a request's task, then retention's list) and confirms with the keyboard; axe clean in lv and en")
def manual_task(_sargs, _site):
    """A system with no API: its owner opens the e-mailed link, sees what to do and confirms with
    the keyboard; the page passes axe in the policy's language and in English. A retention run then
    sends the owner one list, which opens and confirms the same way."""
    directory = tempfile.mkdtemp(prefix="sargs-task-")
    text = open(os.path.join(ROOT, "examples", "web-shop-lv.yaml"), encoding="utf-8").read()
    text = text.replace("- file: datasets/web-shop.yml", "- file: " + os.path.join(ROOT, "examples", "datasets", "web-shop.yml"))
    text = text.replace("\ndatasets:\n", "\nsystems:\n  - id: paper-archive\n    manual:\n      owner: archive@shop.example\n"
                        "      days: 5\n\ndatasets:\n", 1)
    policy = os.path.join(directory, "web-shop-lv.yaml")
    open(policy, "w", encoding="utf-8").write(text)
    shop = os.path.join(directory, "shop.sqlite")
    connection = sqlite3.connect(shop)
    connection.executescript("""
        CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT, first_name TEXT, last_name TEXT, phone TEXT, username TEXT,
          password_hash TEXT);
        CREATE TABLE addresses (id INTEGER PRIMARY KEY, customer_id INTEGER, street TEXT, city TEXT, postcode TEXT);
        CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER, items TEXT, total REAL, placed_at TEXT);
        CREATE TABLE invoices (id INTEGER PRIMARY KEY, order_id INTEGER, billing_name TEXT, payment_reference TEXT, issued_on TEXT);
        CREATE TABLE newsletter (email TEXT, subscribed_at TEXT);""")
    connection.close()
    os.environ["WEB_SHOP_DATABASE_URL"] = "sqlite://" + shop
    try:
        sargs = Sargs(policy)
    finally:
        del os.environ["WEB_SHOP_DATABASE_URL"]
    driver = browser()
    try:
        subject = sargs.api("POST", "/v1/subjects", {"country": "LV", "language": "lv", "source": "web", "collected_for": "orders",
                                                     "data": {"user.contact.email": "task@example.lv"}})["id"]
        created = sargs.api("POST", "/v1/requests", {"type": "erasure", "subject_id": subject, "language": "lv",
                                                     "channel": "in_person"})
        sargs.api("POST", f"/v1/requests/{created['id']}/verify",
                  {"attestation": {"method": "in_person", "checked": "ID card at the counter"}})
        assert sargs.api("POST", f"/v1/requests/{created['id']}/approve", {})["status"] == "in_progress"
        link = None
        deadline = time.time() + 15
        while link is None and time.time() < deadline:
            for path in glob.glob(os.path.join(sargs.data, "mail", "*.eml")):
                message = email.message_from_binary_file(open(path, "rb"))
                if "archive@shop.example" in message["To"]:
                    body = message.get_payload(decode=True).decode("utf-8")
                    assert "task@example.lv" not in body, "the owner's message names no one"
                    link = re.search(r"(/tasks/[A-Za-z0-9_-]+)", body).group(1)
            time.sleep(0.3)
        assert link, "the owner was sent a link"
        for language in ["lv", "en"]:
            driver.get(f"{sargs.base}{link}?lang={language}")
            assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == language
            assert "task@example.lv" in driver.page_source
            no_serious_violations(driver, f"manual task ({language})")
            if os.environ.get("SARGS_BROWSER_SHOTS"):
                driver.save_screenshot(os.path.join(os.environ["SARGS_BROWSER_SHOTS"], f"system-task-{language}.png"))
        # The DPO sees the archive waiting on the request and on the list of company systems.
        console_sign_in(sargs, driver, DPO)
        for language in ["lv", "en"]:
            for path, name in [(f"/console/requests/{created['id']}", "console-request-systems-manual"),
                               ("/console/systems", "console-systems")]:
                driver.get(f"{sargs.base}{path}?lang={language}")
                assert "archive@shop.example" in driver.page_source, path
                no_serious_violations(driver, f"{name} ({language})")
                if os.environ.get("SARGS_BROWSER_SHOTS"):
                    driver.save_screenshot(os.path.join(os.environ["SARGS_BROWSER_SHOTS"], f"{name}-{language}.png"))
        driver.get(f"{sargs.base}{link}?lang=en")
        records = driver.find_element(By.ID, "records")
        records.clear()
        records.send_keys("1")
        records.send_keys(Keys.ENTER)
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "p.notice-ok"))
        assert "task@example.lv" not in driver.page_source, "after the confirmation the identities are gone"
        no_serious_violations(driver, "manual task confirmed")
        shown = sargs.api("GET", f"/v1/requests/{created['id']}")
        archive = [system for system in shown["systems"] if system["system"] == "paper-archive"][0]
        assert archive["status"] == "done" and archive["rows"] == 1, archive
        # Retention reaches the archive too: an enquiry two years old goes, and the owner gets one list.
        sargs.api("POST", "/v1/subjects", {"country": "LV", "language": "lv", "source": "import", "collected_for": "enquiries",
                                           "collected_at": "2024-10-01T09:00:00Z",
                                           "data": {"user.name": "Old Enquirer", "user.contact.email": "old.enquiry@example.lv"}})
        run = sargs.api("POST", "/v1/retention/runs", {"confirm_rule_change": True})
        assert run["subjects_shredded"] == 1, run
        listed = None
        deadline = time.time() + 15
        while listed is None and time.time() < deadline:
            for path in glob.glob(os.path.join(sargs.data, "mail", "*.eml")):
                message = email.message_from_binary_file(open(path, "rb"))
                body = message.get_payload(decode=True).decode("utf-8")
                if "archive@shop.example" in message["To"] and "/tasks/erasures/" in body:
                    assert "old.enquiry@example.lv" not in body, "the list's message names no one"
                    listed = re.search(r"(/tasks/erasures/[A-Za-z0-9_-]+)", body).group(1)
            time.sleep(0.3)
        assert listed, "the owner was sent the run's list"
        for language in ["lv", "en"]:
            driver.get(f"{sargs.base}{listed}?lang={language}")
            assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == language
            assert "old.enquiry@example.lv" in driver.page_source
            no_serious_violations(driver, f"erasure list ({language})")
            if os.environ.get("SARGS_BROWSER_SHOTS"):
                driver.save_screenshot(os.path.join(os.environ["SARGS_BROWSER_SHOTS"], f"erasure-list-{language}.png"))
        records = driver.find_element(By.ID, "records")
        records.clear()
        records.send_keys("2")
        records.send_keys(Keys.ENTER)
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "p.notice-ok"))
        assert "old.enquiry@example.lv" not in driver.page_source, "after the confirmation the identities are gone"
        no_serious_violations(driver, "erasure list confirmed")
    finally:
        driver.quit()
        sargs.stop()


def main():
    sargs = Sargs()
    site = Website(sargs.base)
    try:
        for run in [banner_reject, banner_accept, banner_settings, banner_gpc, banner_keyboard, access_request, consent_change, unsubscribe,
                    console_dpo, console_agent, console_whole_job, other_seeds, console_failed_system, manual_task]:
            run(sargs, site)
    finally:
        sargs.stop()
        site.server.shutdown()
    print(f"browser: {results['passed']} passed, {results['failed']} failed")
    sys.exit(1 if results["failed"] else 0)


if __name__ == "__main__":
    main()
