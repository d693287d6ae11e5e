package recsys.online.demo;

import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import recsys.online.testing.HeadlessChromium;

/**
 * Takes the demo page's screenshot for docs/ against a running service (a command, not a test): user 1's history
 * and explained recommendations, and the movies similar to a searched title.
 *
 * <pre>java -cp online-service/target/test-classes:... recsys.online.demo.DemoScreenshot URL USER TITLE FILE</pre>
 */
public final class DemoScreenshot {

    private DemoScreenshot() {
    }

    public static void main(String[] args) {
        String url = args.length > 0 ? args[0] : "http://127.0.0.1:8080/";
        String user = args.length > 1 ? args[1] : "1";
        String title = args.length > 2 ? args[2] : "toy story";
        Path file = Path.of(args.length > 3 ? args[3] : "docs/demo-page.png");
        HeadlessChromium.requireInstalled();
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            WebDriver page = chromium.driver();
            WebDriverWait wait = new WebDriverWait(page, Duration.ofSeconds(30));
            page.get(url);
            page.findElement(By.id("user-id")).sendKeys(user);
            page.findElement(By.id("show-user")).click();
            wait.until(d -> !d.findElements(By.cssSelector("#recommendations li.movie")).isEmpty()
                    && !d.findElements(By.cssSelector("#history li.movie")).isEmpty());
            page.findElement(By.id("search-query")).sendKeys(title);
            page.findElement(By.id("search")).click();
            wait.until(d -> !d.findElements(By.cssSelector("#similar li.movie")).isEmpty());
            chromium.screenshot(file);
            System.out.println("screenshot " + file.toAbsolutePath());
        }
    }
}
