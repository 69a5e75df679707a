package org.migrex.exchange.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The portal's browser tests' browser: Debian's headless chromium through its chromedriver (`.ci/run` installs both),
 * with screenshots and axe-core results kept as build output in {@code target/portal-screenshots}.
 */
final class HeadlessChromium {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "portal-screenshots");

    private HeadlessChromium() {
    }

    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** A browser asking for English pages; with {@code downloads}, files it downloads land there without a prompt. */
    static WebDriver open(Path downloads) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // root in a container has no user namespace for chromium's sandbox; the pages are our own
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1100",
                "--lang=en-US");
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("intl.accept_languages", "en-US,en");
        if (downloads != null) {
            prefs.put("download.default_directory", downloads.toString());
            prefs.put("download.prompt_for_download", false);
        }
        options.setExperimentalOption("prefs", prefs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        if (downloads != null) {
            driver.executeCdpCommand("Browser.setDownloadBehavior",
                    Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        }
        return driver;
    }

    /**
     * axe-core (the copy inside Deque's jar, run in the page) over WCAG 2.x A and AA rules: no violation of impact
     * serious or critical. The full result is kept beside the screenshots as {@code <name>.txt}.
     */
    static void accessible(WebDriver browser, String name) throws Exception {
        Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
                .analyze(browser);
        Files.writeString(SCREENSHOTS.resolve(name + ".txt"), results.getViolations().stream()
                .map(r -> r.getImpact() + " " + r.getId() + ": " + r.getHelp() + " " + r.getNodes().size() + " nodes")
                .reduce("rules passed: " + results.getPasses().size() + ", violations: " + results.getViolations().size()
                        + "\n", (a, b) -> a + b + "\n"));
        assertThat(results.getPasses()).as("axe-core ran its rules on " + name).isNotEmpty();
        assertThat(results.getViolations().stream()
                .filter(r -> "serious".equals(r.getImpact()) || "critical".equals(r.getImpact()))
                .map(r -> r.getId() + " (" + r.getImpact() + "): " + r.getHelp() + " at "
                        + r.getNodes().stream().map(n -> String.valueOf(n.getTarget())).toList()))
                .as("axe-core on " + name).isEmpty();
    }

    static void screenshot(WebDriver browser, String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
