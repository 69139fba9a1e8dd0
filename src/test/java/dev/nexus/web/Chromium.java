package dev.nexus.web;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium driven by its chromedriver, headless, for the dashboard tests. Both binaries are named
 * explicitly, so Selenium Manager never runs and nothing is downloaded. Without them the test is skipped, unless
 * {@code NEXUS_TEST_BROWSER=required} (as in CI), when it fails saying what to install.
 *
 * <p>The admin password travels as an {@code Authorization} header that Chromium adds to every request of the page
 * (DevTools {@code Network.setExtraHTTPHeaders}), so fetch and EventSource are authenticated as they are for a person
 * who answered the browser's password prompt. The page's Content-Security-Policy violations are collected from the
 * first script on, so a test can assert there were none.
 */
final class Chromium implements AutoCloseable {
    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final List<String> ARGS = List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=en-US");
    /** Records CSP violations and alert() calls before the page's own scripts run. */
    private static final String WATCH = """
            window.__csp = [];
            document.addEventListener('securitypolicyviolation',
                e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));
            """;

    private final ChromeDriver driver;

    private Chromium(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Starts a browser, or skips the calling test (fails it when browsers are required) if there is none. */
    static Chromium start() {
        boolean present = Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
        if (!present && "required".equals(System.getenv("NEXUS_TEST_BROWSER"))) {
            throw new AssertionError("NEXUS_TEST_BROWSER=required but " + BROWSER + " or " + DRIVER
                    + " is missing: install them with apt-get install -y chromium chromium-driver");
        }
        Assumptions.assumeTrue(present, "browser tests skipped: " + BROWSER + " and " + DRIVER
                + " are needed (apt-get install -y chromium chromium-driver); set NEXUS_TEST_BROWSER=required to fail instead");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments(ARGS);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.executeCdpCommand("Page.enable", Map.of());
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", WATCH));
        return new Chromium(driver);
    }

    /** Sends HTTP Basic credentials with every request the browser makes from now on. */
    Chromium signIn(String user, String password) {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization", "Basic " + basic)));
        return this;
    }

    WebDriver driver() {
        return driver;
    }

    void open(String url) {
        driver.get(url);
    }

    /** Waits until the condition gives a non-null, non-false value, failing with the description after the deadline. */
    <T> T await(String what, Duration deadline, Function<WebDriver, T> condition) {
        // The page re-renders lists as data arrives, so an element found a moment ago may be gone: look again.
        return new WebDriverWait(driver, deadline, Duration.ofMillis(50)).withMessage(what)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
    }

    <T> T await(String what, Function<WebDriver, T> condition) {
        return await(what, Duration.ofSeconds(10), condition);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** The text of every element the selector matches, read in one step (no element can go stale in between). */
    @SuppressWarnings("unchecked")
    List<String> texts(String css) {
        return (List<String>) script("return [...document.querySelectorAll(arguments[0])].map(e => e.textContent);", css);
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** The Content-Security-Policy violations the current page reported. */
    @SuppressWarnings("unchecked")
    List<String> cspViolations() {
        return (List<String>) script("return window.__csp || [];");
    }

    /** The browser console's messages since the last call (errors of the page's scripts among them). */
    List<String> console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::toString).toList();
    }

    /** Lays the page out at the given width and returns a PNG of all of it (not just the window). */
    byte[] screenshot(int width) {
        return screenshot(width, Integer.MAX_VALUE);
    }

    /** A PNG of the page laid out at the given width, at most {@code maxHeight} pixels of it from the top. */
    byte[] screenshot(int width, int maxHeight) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", Math.min(900, maxHeight), "deviceScaleFactor", 1, "mobile", false));
        Number height = (Number) script("return Math.ceil(document.documentElement.scrollHeight);");
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", Math.min(height.intValue(), maxHeight), "deviceScaleFactor", 1, "mobile", false));
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png"));
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        return Base64.getDecoder().decode((String) shot.get("data"));
    }

    /** Emulates a screen of this width (e.g. 390 for a phone) until {@link #desktop()}. */
    void viewport(int width, int height, boolean mobile) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
    }

    /** Makes the page see {@code prefers-color-scheme: dark} (or light). */
    void colorScheme(String scheme) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    void desktop() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    @Override
    public void close() {
        driver.quit();
    }
}
