package recsys.online.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import recsys.testing.ContinuousIntegration;

/**
 * Debian's {@code chromium}, headless, driven through Debian's {@code chromedriver}, both at fixed paths.
 *
 * <p>Selenium's {@code DriverFinder} takes a driver executable set on the service as it is and starts Selenium
 * Manager only when none is set (nor {@code SE_CHROMEDRIVER}, nor {@code webdriver.chrome.driver}); Selenium
 * Manager would look for, and download, a browser and a driver of its own. Both paths are therefore given
 * explicitly, and {@code SE_OFFLINE} (which Selenium passes on to Selenium Manager) is set in case it ran anyway.
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final Path BROWSER = Path.of("/usr/bin/chromium");
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final String PACKAGES = "chromium chromium-driver";
    private static final Dimension WINDOW = new Dimension(1366, 900);
    /** A page longer than this is cut: a screenshot is for looking at, and a huge PNG helps nobody. */
    private static final int MAX_SHOT_HEIGHT = 8000;

    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /**
     * Returns when both programs are installed. Otherwise the caller's tests are skipped, naming the packages; under
     * {@code CI=true} they fail instead, since CI installs them ({@code .ci/run}) and a skip there would hide that.
     */
    public static void requireInstalled() {
        List<String> missing = new ArrayList<>();
        for (Path program : List.of(BROWSER, DRIVER)) {
            if (!Files.isExecutable(program)) {
                missing.add(program.toString());
            }
        }
        ContinuousIntegration.require(missing.isEmpty(), "the browser test needs " + String.join(" and ", missing)
                + ": apt-get install " + PACKAGES + " (.ci/run installs them when it runs as root)");
    }

    /** A new browser with a fresh profile of its own, so no state of an earlier run (or the user's) leaks in. */
    public static HeadlessChromium start() {
        requireInstalled();
        System.setProperty("SE_OFFLINE", "true");
        Path profile;
        try {
            profile = Files.createTempDirectory("demo-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        // --no-sandbox: the tests run as root, where Chromium's sandbox refuses to start; the rest keeps the
        // browser off the network (updates, sync, QUIC probes) so it talks to the loopback service only
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile,
                "--window-size=" + WINDOW.getWidth() + "," + WINDOW.getHeight());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER.toString()))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new HeadlessChromium(driver, profile);
    }

    public WebDriver driver() {
        return driver;
    }

    public Object script(String javascript, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(javascript, arguments);
    }

    /**
     * The whole page as a PNG, from its top: the window grown to the page's height for the shot, then set back. The
     * window's size includes the browser's own frame, so the viewport is measured and the difference added.
     */
    public void screenshot(Path file) {
        script("window.scrollTo(0, 0)");
        int frame = WINDOW.getHeight() - intOf(script("return window.innerHeight"));
        int height = Math.min(intOf(script("return document.documentElement.scrollHeight")), MAX_SHOT_HEIGHT);
        driver.manage().window().setSize(new Dimension(WINDOW.getWidth(), height + frame));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(WINDOW);
        }
    }

    private static int intOf(Object number) {
        return ((Number) number).intValue();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            OfflineFixture.deleteRecursively(profile);
        }
    }
}
