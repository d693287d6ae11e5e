package recsys.online.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import recsys.core.features.RatedMovie;
import recsys.core.index.IndexNames;
import recsys.online.testing.FixtureData;
import recsys.online.testing.FixtureEndpointTest;
import recsys.online.testing.HeadlessChromium;

/**
 * The demo page at {@code /} in a real browser ({@link HeadlessChromium}), against the service on the shared
 * offline fixture, used as a person would: by typing and clicking. One page serves every test, in order, so the
 * screenshot taken at the end ({@code target/demo-page.png}) shows all its parts filled in; each test still sets up
 * what it looks at.
 *
 * <p>The test rates as a copy of the fixture's user 1 under an id of its own (96xxxxxxxx) and adds a movie with an
 * id of its own (95xxxxxxxx): the fixture's users stay as ingested for the other tests.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoPageBrowserTest extends FixtureEndpointTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Path SCREENSHOT = Path.of("target", "demo-page.png");

    @Inject
    ElasticsearchClient client;
    @Inject
    IndexNames names;

    private FixtureData data;
    private HeadlessChromium chromium;
    private WebDriver page;
    private WebDriverWait wait;
    /** The copy of user 1 this test rates as. */
    private String userId;

    /** Checks for the browser before the fixture's minute of loading: without one the tests skip (or fail on CI). */
    @Override
    public Map<String, String> getProperties() {
        HeadlessChromium.requireInstalled();
        return super.getProperties();
    }

    @BeforeAll
    void openThePage() {
        data = new FixtureData(client, names);
        userId = data.copyOfUserAs(FixtureData.HEAVY_USER,
                String.format(Locale.ROOT, "96%08d", System.nanoTime() % 100_000_000));
        chromium = HeadlessChromium.start();
        page = chromium.driver();
        wait = new WebDriverWait(page, WAIT);
        page.get(server.getURI().resolve("/").toString());
        assertEquals("Movie recommender demo", page.getTitle());
    }

    @AfterAll
    void screenshotAndClose() {
        if (chromium != null) {
            try {
                chromium.screenshot(SCREENSHOT);
                System.out.println("[demo-page] screenshot " + SCREENSHOT.toAbsolutePath());
            } finally {
                chromium.close();
            }
        }
    }

    /** The service refuses an id outside the id rule, and the page shows the service's words. */
    @Test
    @Order(1)
    void theServicesErrorBodyIsShownToThePerson() {
        typeKey();
        showUser("not a user");

        WebElement error = visible("recommendations-error");
        assertEquals("Error 400 (user_id): may only contain letters, digits and - _ . : @, was 'not a user'",
                error.getText());
        assertEquals("", page.findElement(By.id("user-status")).getText());
    }

    @Test
    @Order(2)
    void anUnknownUserHasNoHistoryAndPopularRecommendations() {
        showUser("9" + System.nanoTime());

        visible("history-empty");
        assertTrue(movieIds("history").isEmpty());
        assertEquals(10, movieIds("recommendations").size());
        assertEquals("ranked by popularity", page.findElement(By.id("ranking")).getText());
    }

    @Test
    @Order(3)
    void theKeyIsKeptInThePagesMemoryOnly() {
        typeKey();
        assertEquals(0L, chromium.script("return window.localStorage.length + window.sessionStorage.length"));
        assertEquals("", chromium.script("return document.cookie"));
        assertTrue(page.manage().getCookies().isEmpty());
        assertFalse(page.getCurrentUrl().contains(KEY), page.getCurrentUrl());

        // a reload forgets it: the next write asks for it and sends nothing
        page.navigate().refresh();
        assertEquals("", page.findElement(By.id("api-key")).getDomProperty("value"));
        showUser(userId);
        List<RatedMovie> before = data.ratings(userId);
        firstRecommendation().findElement(By.cssSelector("button[data-stars='5']")).click();

        assertTrue(visible("key-notice").getText().contains("API key"));
        assertTrue(visible("recommendations-error").getText().contains("Enter the API key"));
        assertEquals(page.switchTo().activeElement(), page.findElement(By.id("api-key")), "the key field has focus");
        assertEquals(before, data.ratings(userId), "nothing was written");
    }

    @Test
    @Order(4)
    void ratingARecommendedMovieChangesTheListAndPutsItAtTheTopOfTheHistory() {
        showUser(userId);
        List<String> before = movieIds("recommendations");
        assertEquals(10, before.size());
        WebElement first = firstRecommendation();
        String rated = first.getDomAttribute("data-movie-id");

        typeKey();
        first.findElement(By.cssSelector("button[data-stars='4']")).click();

        wait.until(ExpectedConditions.textMatches(By.id("user-status"), Pattern.compile(
                "new recommendations?\\.$")));
        List<String> after = movieIds("recommendations");
        assertNotEquals(before, after);
        assertFalse(after.contains(rated), "a rated movie is never recommended: " + after);
        assertEquals(rated, movieIds("history").get(0), "the history is most recent first");
        assertTrue(data.ratings(userId).contains(new RatedMovie(rated, 4.0)), "the rating was written");
        // the movies that entered the list are marked
        long marked = page.findElements(By.cssSelector("#recommendations li.new")).size();
        long entered = after.stream().filter(id -> !before.contains(id)).count();
        assertEquals(entered, marked);
        assertTrue(entered >= 1);
    }

    /** Needs {@code GET /users/{id}/ratings}. */
    @Test
    @Order(5)
    void theHistoryShowsTitlesAndRatingsMostRecentFirst() {
        showUser(userId);

        assertFalse(page.findElement(By.id("history-error")).isDisplayed(),
                page.findElement(By.id("history-error")).getText());
        Map<String, Double> ratings = new HashMap<>();
        data.ratings(userId).forEach(r -> ratings.put(r.movieId(), r.rating()));
        List<WebElement> items = page.findElements(By.cssSelector("#history li.movie"));
        assertEquals(ratings.size(), items.size());
        for (WebElement item : items) {
            String movieId = item.getDomAttribute("data-movie-id");
            assertEquals(data.movie(movieId).get("title").asText(), item.findElement(By.className("title")).getText());
            String given = item.findElement(By.className("given")).getText();
            assertTrue(given.endsWith(String.format(Locale.ROOT, "%.1f", ratings.get(movieId))),
                    movieId + ": " + given);
        }
    }

    /** Needs {@code explain=true} on {@code GET /recommendations} (and the history's titles for the names). */
    @Test
    @Order(6)
    void recommendationsSayWhyTheyAreRecommended() {
        showUser(userId);

        Set<String> historyTitles = page.findElements(By.cssSelector("#history li.movie .title")).stream()
                .map(WebElement::getText).collect(Collectors.toSet());
        List<WebElement> reasons = page.findElements(By.cssSelector("#recommendations .reasons li"));
        assertFalse(reasons.isEmpty(), "no recommendation explains itself");
        for (WebElement reason : reasons) {
            String text = reason.getText();
            if (text.startsWith("Because you rated ")) {
                assertTrue(historyTitles.contains(text.substring("Because you rated ".length())), text);
            } else {
                assertTrue(text.equals("Popular") || text.matches("You like \\S.*"), text);
            }
        }
    }

    /** Needs {@code GET /movies/search} and {@code GET /movies/{id}/similar}. */
    @Test
    @Order(7)
    void searchingATitleShowsSimilarMoviesFromTheChosenSource() {
        WebElement query = page.findElement(By.id("search-query"));
        query.clear();
        query.sendKeys("Plain Movie");
        page.findElement(By.id("search")).click();

        wait.until(d -> !page.findElements(By.cssSelector("#search-results li")).isEmpty()
                || page.findElement(By.id("search-error")).isDisplayed());
        assertFalse(page.findElement(By.id("search-error")).isDisplayed(),
                page.findElement(By.id("search-error")).getText());
        WebElement found = page.findElement(By.cssSelector("#search-results li.movie"));
        String title = found.findElement(By.className("title")).getText();
        assertTrue(title.contains("Plain Movie"), title);
        String foundId = found.getDomAttribute("data-movie-id");

        for (String source : List.of("blend", "content", "collaborative")) {
            List<WebElement> shown = page.findElements(By.cssSelector("#similar li"));
            new Select(page.findElement(By.id("similar-source"))).selectByValue(source);
            if (!source.equals("blend")) {
                shown.forEach(item -> wait.until(ExpectedConditions.stalenessOf(item)));
            }
            wait.until(d -> !page.findElements(By.cssSelector("#similar li")).isEmpty()
                    || page.findElement(By.id("similar-error")).isDisplayed());
            assertFalse(page.findElement(By.id("similar-error")).isDisplayed(),
                    source + ": " + page.findElement(By.id("similar-error")).getText());
            assertEquals(title, page.findElement(By.id("similar-to")).getText());
            List<String> similar = movieIds("similar");
            assertFalse(similar.isEmpty(), source + ": no similar movies");
            assertFalse(similar.contains(foundId), source + ": the movie itself is not similar to itself");
        }
        new Select(page.findElement(By.id("similar-source"))).selectByValue("blend");
    }

    @Test
    @Order(8)
    void addingAMovieConfirmsItAndStoresIt() {
        String movieId = String.format(Locale.ROOT, "95%08d", System.nanoTime() % 100_000_000);
        typeKey();
        type("movie-id", movieId);
        type("movie-title", "Demo Page Test Movie (2024)");
        page.findElement(By.cssSelector("#movie-genres input[value='Comedy']")).click();
        page.findElement(By.cssSelector("#movie-genres input[value='Drama']")).click();
        type("movie-tags", "browser, demo");
        page.findElement(By.id("add-movie")).click();

        WebElement status = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#movie-status button")));
        String confirmation = page.findElement(By.id("movie-status")).getText();
        assertTrue(confirmation.startsWith("Added Demo Page Test Movie (2024) as movie " + movieId), confirmation);
        assertTrue(status.getText().contains("similar"));
        assertFalse(page.findElement(By.id("movie-error")).isDisplayed());
        JsonNode stored = data.movie(movieId);
        assertEquals("Demo Page Test Movie (2024)", stored.get("title").asText());
        assertEquals(List.of("Comedy", "Drama"), FixtureData.strings(stored.get("genres")));
        assertEquals(Set.of("browser", "demo"), Set.copyOf(FixtureData.strings(stored.get("tags"))));
        assertNotEquals(movieId, page.findElement(By.id("movie-id")).getDomProperty("value"),
                "a new id is suggested for the next movie");
    }

    private void showUser(String id) {
        type("user-id", id);
        page.findElement(By.id("show-user")).click();
        wait.until(d -> page.findElement(By.id("user-section")).getDomAttribute("aria-busy") == null
                && (!movieIds("recommendations").isEmpty()
                || page.findElement(By.id("recommendations-error")).isDisplayed()));
    }

    private void typeKey() {
        type("api-key", KEY);
    }

    private void type(String id, String text) {
        WebElement field = page.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private WebElement visible(String id) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    private WebElement firstRecommendation() {
        return page.findElement(By.cssSelector("#recommendations li.movie"));
    }

    /** The movie ids of a list, in the order shown. */
    private List<String> movieIds(String listId) {
        return page.findElements(By.cssSelector("#" + listId + " li.movie")).stream()
                .map(item -> item.getDomAttribute("data-movie-id")).toList();
    }
}
