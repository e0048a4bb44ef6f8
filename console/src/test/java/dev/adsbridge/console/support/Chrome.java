package dev.adsbridge.console.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
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
 * Debian's chromium, headless, driven through Debian's chromedriver — never a downloaded browser or driver (explicit
 * binaries, Selenium Manager never asked). Missing binaries skip the browser tests, unless {@code REQUIRE_BROWSER=true}
 * (CI), where they fail. Shared by the browser tests of every feature.
 */
public final class Chrome implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final Viewport LAPTOP = new Viewport("laptop", 1280, 800, false);
    public static final Viewport PHONE = new Viewport("phone", 390, 844, true);

    public record Viewport(String name, int width, int height, boolean mobile) {
    }

    public final ChromeDriver driver;
    public final String base;
    private final Path profile;

    /** Skips (or, with REQUIRE_BROWSER=true, fails) when chromium or chromedriver is not installed. */
    public static void assumeAvailable() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "true".equalsIgnoreCase(System.getenv("REQUIRE_BROWSER"))) {
            fail("REQUIRE_BROWSER=true but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing (apt-get install chromium chromium-driver)");
        }
        Assumptions.assumeTrue(present, "chromium / chromedriver not installed: browser tests skipped");
    }

    public Chrome(String base) {
        this.base = base;
        System.setProperty("SE_AVOID_STATS", "true");
        try {
            profile = Files.createTempDirectory("chromium-profile");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1280,800", "--lang=en-US", "--hide-scrollbars");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        viewport(LAPTOP);
    }

    public void viewport(Viewport viewport) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", viewport.width(),
                "height", viewport.height(), "deviceScaleFactor", 1, "mobile", viewport.mobile()));
    }

    public void open(String path) {
        driver.get(path.startsWith("http") ? path : base + path);
    }

    public String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    public WebElement find(String css) {
        return until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        }, "visible " + css);
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public boolean present(String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    /**
     * Clicks the first visible, enabled match. Found, scrolled to and clicked in one attempt, repeated until it works:
     * a page that re-renders between finding and clicking (a navigation finishing, a list refreshing) leaves a stale
     * element, which is found again rather than failing the test. A stale element's click never reached the page.
     */
    public void click(String css) {
        until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            if (found.isEmpty() || !found.get(0).isDisplayed() || !found.get(0).isEnabled()) {
                return null;
            }
            WebElement element = found.get(0);
            ((JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView({block:'center'})", element);
            try {
                element.click();
            } catch (org.openqa.selenium.ElementClickInterceptedException covered) {
                return null; // something (a closing dialog, a toast) still covers it: try again
            }
            return true;
        }, "clickable " + css);
    }

    public void type(String css, String text) {
        WebElement element = find(css);
        element.clear();
        element.sendKeys(text);
    }

    public void select(String css, String value) {
        new org.openqa.selenium.support.ui.Select(find(css)).selectByValue(value);
    }

    public <T> T until(Function<WebDriver, T> condition, String what) {
        try {
            // A page that re-renders a row while it is read leaves a stale element: read it again, not fail.
            return new WebDriverWait(driver, Duration.ofSeconds(30)).withMessage(what)
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
        } catch (RuntimeException e) {
            throw new AssertionError("waiting for " + what + " on " + driver.getCurrentUrl() + "\nconsole:\n"
                    + consoleLog() + "\npage:\n" + text("body"), e);
        }
    }

    public String text(String css) {
        List<WebElement> found = driver.findElements(By.cssSelector(css));
        return found.isEmpty() ? "" : found.get(0).getText();
    }

    /** Waits until no spinner or skeleton is left on the page (every call answered). */
    public void settled() {
        until(d -> d.findElements(By.cssSelector(".spinner, .skeleton")).isEmpty(), "the page to finish loading");
    }

    public Object script(String js, Object... args) {
        return driver.executeScript(js, args);
    }

    /** Runs fetch() in the page (same origin, session cookie) and returns the answer's status and body. */
    public Map<String, Object> fetch(String path) {
        return fetch(path, "application/json");
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> fetch(String path, String accept) {
        return (Map<String, Object>) driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], {headers: {Accept: arguments[1]}})
                  .then(r => r.text().then(t => done({status: r.status, body: t})))
                  .catch(e => done({status: 0, body: String(e)}));""", path, accept);
    }

    public String consoleLog() {
        try {
            return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::toString)
                    .collect(Collectors.joining("\n"));
        } catch (RuntimeException e) {
            return "(no browser log: " + e.getMessage() + ")";
        }
    }

    /**
     * Saves a PNG of the viewport as {name}-{viewport}.png: under target/screenshots on every run, and into the
     * repository's docs/screenshots (shown in the README) only when UPDATE_SCREENSHOTS=true, so a test run never
     * dirties the work tree by accident.
     */
    public void screenshot(String name, Viewport viewport) {
        Path target = screenshots().resolve(name + "-" + viewport.name() + ".png");
        try {
            Files.createDirectories(target.getParent());
            Files.write(target, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Both sizes of one page; {@code ready} runs after each resize (charts re-render, tables re-flow). */
    public void screenshots(String name, Runnable ready) {
        for (Viewport viewport : List.of(PHONE, LAPTOP)) {
            viewport(viewport);
            script("window.scrollTo(0, 0)");
            ready.run();
            screenshot(name, viewport);
        }
    }

    public static Path screenshots() {
        if (!"true".equalsIgnoreCase(System.getenv("UPDATE_SCREENSHOTS"))) {
            return Path.of("target/screenshots").toAbsolutePath();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("console"))) {
            dir = dir.getParent();
        }
        return (dir == null ? Path.of("").toAbsolutePath() : dir).resolve("docs/screenshots");
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            ConsoleHarness.deleteTree(profile);
        }
    }
}
