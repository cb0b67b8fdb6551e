package dev.sigil.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium and its chromedriver for the browser tests. Missing, they are installed with apt-get
 * when the tests run as root (as CI does); otherwise the tests fail with the command to run, never skip.
 * Selenium Manager is never asked: it would download a driver, and the browser tests use what Debian packages.
 */
final class HeadlessChromium {

    static final String INSTALL = "apt-get install -y chromium chromium-driver";
    private static final Path BROWSER = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium() {
    }

    static ChromeDriver start() {
        ensureInstalled();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        // --no-sandbox: Chromium's sandbox cannot start as root, which CI is.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1100,900", "--no-first-run", "--disable-extensions");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
        return driver;
    }

    private static void ensureInstalled() {
        if (Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER)) {
            return;
        }
        if (!runsAsRoot()) {
            throw new AssertionError("The browser tests need Debian's Chromium and its driver; install them with: sudo "
                    + INSTALL);
        }
        System.out.println("!!! HeadlessChromium: " + BROWSER + " or " + DRIVER + " missing, running: apt-get update && "
                + INSTALL);
        run(List.of("apt-get", "update", "-q"));
        run(List.of("apt-get", "install", "-y", "-q", "chromium", "chromium-driver"));
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            throw new AssertionError("apt-get did not install " + BROWSER + " and " + DRIVER + "; run: " + INSTALL);
        }
    }

    private static boolean runsAsRoot() {
        try {
            Process id = new ProcessBuilder("id", "-u").start();
            return new String(id.getInputStream().readAllBytes()).trim().equals("0");
        } catch (IOException e) {
            return false;
        }
    }

    private static void run(List<String> command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
            builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process process = builder.start();
            if (process.waitFor() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed (exit " + process.exitValue()
                        + "); run: " + INSTALL);
            }
        } catch (IOException e) {
            throw new AssertionError("Could not run " + command + "; run: " + INSTALL, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
