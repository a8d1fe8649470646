package dev.scheduling.bootstrap.http;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from the distribution's packages ({@code /usr/bin/chromium} driven by
 * {@code /usr/bin/chromedriver}, both named explicitly so that Selenium Manager never looks for, let alone
 * downloads, a browser or a driver), with the few helpers the booking page's tests read as. Screenshots go
 * to {@code target/screenshots/} as test artifacts.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of(System.getProperty("scheduling.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("scheduling.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final ChromeDriver driver;
    private final WebDriverWait wait;

    Browser(int width, int height) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("the browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": apt-get install --no-install-recommends chromium chromium-driver (.ci/run does)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--no-first-run", "--disable-extensions", "--hide-scrollbars", "--lang=en-GB",
                "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(width, height));
        this.wait = new WebDriverWait(driver, WAIT);
    }

    WebDriver driver() {
        return driver;
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** The element once it is displayed. */
    WebElement visible(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    /** The element once it is displayed and enabled. */
    WebElement clickable(String css) {
        return wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css)));
    }

    void click(String css) {
        clickable(css).click();
    }

    /** Waits until the element's visible text contains the fragment; answers the whole text. */
    String waitForText(String css, String fragment) {
        wait.withMessage(() -> css + " should show '" + fragment + "' but shows '" + textOf(css) + "'")
                .until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), fragment));
        return textOf(css);
    }

    String textOf(String css) {
        List<WebElement> found = all(css);
        return found.isEmpty() ? "<no " + css + ">" : found.get(0).getText();
    }

    <T> T until(Function<WebDriver, T> condition) {
        return wait.until(condition);
    }

    /** Waits until the focus is on the element of that id: each new step takes the focus. */
    void waitForFocusOn(String id) {
        wait.withMessage(() -> "the focus should be on #" + id + " but is on " + focusedDescription())
                .until(d -> id.equals(driver.switchTo().activeElement().getAttribute("id")));
    }

    String focusedDescription() {
        WebElement focused = driver.switchTo().activeElement();
        return "<" + focused.getTagName() + " id=" + focused.getAttribute("id") + ">";
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /** A screenshot of the viewport, saved as target/screenshots/{name}.png. */
    Path screenshot(String name) {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        try {
            Files.createDirectories(SCREENSHOTS);
            Path saved = SCREENSHOTS.resolve(name + ".png");
            Files.copy(shot.toPath(), saved, StandardCopyOption.REPLACE_EXISTING);
            return saved;
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
