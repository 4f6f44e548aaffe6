package com.videoplatform.auth.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videoplatform.auth.it.HttpApi.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
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
 * The web page in a real browser: Debian's chromium, headless, driven through chromium-driver.
 * Skipped, with a message, where no browser is installed. Screenshots of each step go to
 * target/screenshots.
 */
class BrowserIT extends DeployedService {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SHOTS = Path.of(System.getProperty("project.dir", "."), "target/screenshots");

    static WebDriver browser;
    WebDriverWait wait;

    @BeforeAll
    static void startBrowser() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "browser tests skipped: no /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)");
        Files.createDirectories(SHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1280,1400");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void freshPage() {
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        browser.get(base.toString());
        browser.manage().deleteAllCookies();
        browser.get(base.toString());
        wait.until(d -> d.findElement(By.id("captcha-image")).getDomAttribute("data-captcha-id") != null);
    }

    private WebElement el(String id) {
        return browser.findElement(By.id(id));
    }

    private void type(String id, String text) {
        el(id).clear();
        el(id).sendKeys(text);
    }

    private void shot(String name) throws IOException {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SHOTS.resolve(name + ".png"), png);
    }

    private String captchaCode() {
        String id = el("captcha-image").getDomAttribute("data-captcha-id");
        return passport.redis().get("captcha:" + id);
    }

    private void awaitMessage(String fragment) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), fragment));
    }

    private void signUp(String mobile, String nickname, String code) {
        type("up-mobile", mobile);
        type("up-password", Passport.PASSWORD);
        type("up-nickname", nickname);
        type("up-captcha", code);
        el("sign-up").findElement(By.cssSelector("button[type=submit]")).click();
    }

    private void signIn(String mobile, String password) {
        type("in-mobile", mobile);
        type("in-password", password);
        el("sign-in").findElement(By.cssSelector("button[type=submit]")).click();
    }

    @Test
    void signUpSignInAddAVideoSeeItAndSignOut() throws IOException {
        String mobile = Passport.newMobile();
        shot("01-start");
        signUp(mobile, "Browser <b>user</b>", captchaCode());
        awaitMessage("Your account is ready");
        shot("02-signed-up");

        signIn(mobile, Passport.PASSWORD);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("account")));
        assertEquals("Browser <b>user</b>", el("who").getText(), "typed text is shown as text, never as HTML");
        wait.until(d -> !d.findElements(By.cssSelector("#sessions li")).isEmpty());
        assertTrue(el("sessions").getText().contains("(this device)"));
        shot("03-signed-in");

        String title = "My cat <script>alert(1)</script> " + System.nanoTime();
        type("v-title", title);
        type("v-duration", "42");
        type("v-url", "https://example.com/cat.mp4");
        el("video-form").findElement(By.cssSelector("button[type=submit]")).click();
        awaitMessage("Video added");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("video-list"), title));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("detail-title"), title));
        assertTrue(el("detail-actions").isDisplayed(), "the owner may edit and delete");
        shot("04-video-added");

        el("sign-out").click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in")));
        awaitMessage("Signed out");
        shot("05-signed-out");
        assertTrue(browser.manage().getCookieNamed("access_token") == null, "the cookie is gone");
    }

    @Test
    void aWrongPasswordSaysSo() throws IOException {
        String mobile = passport.newUser();
        signIn(mobile, "not the password");
        awaitMessage("wrong");
        shot("06-wrong-password");
        assertTrue(el("account").getDomAttribute("hidden") != null);
    }

    @Test
    void aWrongCaptchaSaysSoAndBringsANewImage() throws IOException {
        String before = el("captcha-image").getDomAttribute("data-captcha-id");
        signUp(Passport.newMobile(), "someone", "WRONG");
        awaitMessage("captcha");
        wait.until(d -> !before.equals(d.findElement(By.id("captcha-image")).getDomAttribute("data-captcha-id")));
        shot("07-wrong-captcha");
    }

    @Test
    void fieldErrorsAppearNextToTheirFields() throws IOException {
        signUp("12345", "someone", captchaCode());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#sign-up [data-error-for=mobile]"), "mobile"));
        shot("08-field-errors");
    }

    @Test
    void thePageCarriesItsSecurityHeaders() {
        Reply page = http.get("");
        assertEquals(200, page.status());
        String policy = page.header("Content-Security-Policy").orElse("");
        assertTrue(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline") && policy.contains("frame-ancestors 'none'"), policy);
        assertEquals("nosniff", page.header("X-Content-Type-Options").orElse(""));
        assertEquals("no-referrer", page.header("Referrer-Policy").orElse(""));
        assertEquals("DENY", page.header("X-Frame-Options").orElse(""));
        assertTrue(page.body().contains("<script type=\"module\" src=\"app.js\"></script>"));
        assertTrue(!page.body().matches("(?s).*<script>.*"), "no inline script");
    }
}
