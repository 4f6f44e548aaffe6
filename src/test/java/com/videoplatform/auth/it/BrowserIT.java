package com.videoplatform.auth.it;

import static com.videoplatform.auth.it.Passport.PASSWORD;
import static com.videoplatform.auth.it.Passport.bearer;
import static com.videoplatform.auth.it.Passport.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import com.videoplatform.auth.it.HttpApi.Reply;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page as people meet it, in a real browser: Debian's chromium, headless, driven through
 * chromium-driver, at a phone's width (390 px) and a desktop's (1280 px). The tests assert what a
 * person sees (text, visibility, focus); on each view axe-core (Deque's accessibility engine) must
 * find no serious or critical violation, nothing may scroll sideways and every button must fit its
 * label. A screenshot of each step goes to target/screenshots. Skipped, with a message, where no
 * browser is installed.
 */
class BrowserIT extends DeployedService {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SHOTS = Path.of(System.getProperty("project.dir", "."), "target/screenshots");
    static final String ADMIN = "13900000000";
    static final String IPHONE =
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                    + "Version/17.5 Mobile/15E148 Safari/604.1";
    static final String WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/131.0.0.0 Safari/537.36";
    /** The page's policy: no inline script or style, nothing from elsewhere but a video's media, which may be anywhere on the web. */
    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "media-src http: https:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    static final String CAPTCHA_WRONG =
            "The code does not match the image, or the image has expired. Type the code from the new image.";

    static ChromeDriver browser;
    static String axe;
    /** Another web site, where videos are: a clip the browser recorded itself, and nothing else. */
    static HttpServer media;

    WebDriverWait wait;
    int width;

    @BeforeAll
    static void startBrowser() throws IOException {
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "browser tests skipped: no /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)");
        Files.createDirectories(SHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--lang=en-US",
                "--autoplay-policy=no-user-gesture-required",
                "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        try (InputStream in = BrowserIT.class.getResourceAsStream("/axe.min.js")) {
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        byte[] clip = recordClip();
        media = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        media.createContext("/clip.webm", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "video/webm");
            exchange.sendResponseHeaders(200, clip.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(clip);
            }
        });
        media.start();
    }

    /** One second of WebM, recorded from a canvas by the browser's own MediaRecorder: a real clip it can play. */
    private static byte[] recordClip() {
        browser.get("about:blank");
        String base64 = (String) browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const canvas = Object.assign(document.createElement('canvas'), {width: 160, height: 90});
                const paint = canvas.getContext('2d');
                const recorder = new MediaRecorder(canvas.captureStream(10), {mimeType: 'video/webm'});
                const parts = [];
                recorder.ondataavailable = (e) => parts.push(e.data);
                recorder.onstop = async () => {
                  const bytes = new Uint8Array(await new Blob(parts).arrayBuffer());
                  let text = '';
                  bytes.forEach((b) => (text += String.fromCharCode(b)));
                  done(btoa(text));
                };
                let frame = 0;
                const timer = setInterval(() => { paint.fillStyle = frame++ % 2 ? '#0a58ca' : '#f5a623'; paint.fillRect(0, 0, 160, 90); }, 50);
                recorder.start();
                setTimeout(() => { clearInterval(timer); recorder.stop(); }, 1000);
                """);
        return Base64.getDecoder().decode(base64);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
        if (media != null) {
            media.stop(0);
        }
    }

    @BeforeEach
    void waits() {
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.ignoring(StaleElementReferenceException.class); // lists are drawn anew after each change
    }

    /** A fresh visit, nobody signed in, in a window of this width (a phone's screen is 390 by 844). */
    private void open(int width) {
        this.width = width;
        browser.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of(
                        "width",
                        width,
                        "height",
                        width < 600 ? 844 : 900,
                        "deviceScaleFactor",
                        1,
                        "mobile",
                        width < 600));
        browser.get(base.toString());
        browser.manage().deleteAllCookies();
        browser.get(base.toString());
        awaitVideos();
    }

    private void awaitVideos() {
        wait.until(d -> !d.findElements(By.cssSelector("#video-list li")).isEmpty()
                || d.findElement(By.id("empty")).isDisplayed());
    }

    private WebElement el(String id) {
        return browser.findElement(By.id(id));
    }

    private String text(String id) {
        return el(id).getText();
    }

    private void type(String id, String text) {
        el(id).clear();
        el(id).sendKeys(text);
    }

    private void submit(String formId) {
        el(formId).findElement(By.cssSelector("button[type=submit]")).click();
    }

    private void awaitMessage(String fragment) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), fragment));
    }

    private void awaitShown(String id) {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    private void awaitGone(String id) {
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id(id)));
    }

    private void assertFocused(String id) {
        wait.until(d -> id.equals(d.switchTo().activeElement().getDomAttribute("id")));
    }

    private WebElement card(String title) {
        return wait.until(d -> d.findElements(By.cssSelector("#video-list li")).stream()
                .filter(li -> li.getText().contains(title))
                .findFirst()
                .orElse(null));
    }

    private WebElement userRow(long userId) {
        return wait.until(d -> d.findElement(By.cssSelector("#users [data-user-id='" + userId + "']")));
    }

    private static WebElement button(WebElement within, String label) {
        return within.findElements(By.tagName("button")).stream()
                .filter(b -> b.getText().equals(label))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("no button " + label));
    }

    private void confirm(String question) {
        awaitShown("confirm");
        assertEquals(question, text("confirm-title"));
        assertFocused("confirm-cancel");
        el("confirm-ok").click();
        awaitGone("confirm");
    }

    private void openSignUp() {
        el("sign-up-box").findElement(By.tagName("summary")).click();
        wait.until(d -> d.findElement(By.id("captcha-image")).getDomAttribute("data-captcha-id") != null);
    }

    private String captchaId() {
        return el("captcha-image").getDomAttribute("data-captcha-id");
    }

    private String captchaCode() {
        return passport.redis().get("captcha:" + captchaId());
    }

    private void signUp(String mobile, String password, String nickname, String code) {
        type("up-mobile", mobile);
        type("up-password", password);
        type("up-nickname", nickname);
        type("up-captcha", code);
        submit("sign-up");
    }

    private void signIn(String mobile, String password) {
        type("in-mobile", mobile);
        type("in-password", password);
        submit("sign-in");
    }

    private void signedInAs(String mobile) {
        signIn(mobile, PASSWORD);
        awaitShown("account");
        awaitVideos();
    }

    private String adminToken() {
        if (passport.tryLogin(ADMIN, PASSWORD).status() != 200) {
            passport.register(ADMIN);
        }
        return passport.token(ADMIN);
    }

    private JsonObject addVideo(String token, String title, int seconds) {
        Reply reply = http.post(
                "api/videos",
                json("title", title, "durationSeconds", seconds, "url", "https://cdn.example.com/" + seconds),
                bearer(token));
        assertEquals(201, reply.status(), reply::toString);
        return reply.json();
    }

    /** A title of this test's own, for a list that holds other tests' videos too. */
    private static String unique(String title) {
        return title + " #" + ThreadLocalRandom.current().nextInt(1000, 10_000);
    }

    private static String mediaUrl(String name) {
        return "http://127.0.0.1:" + media.getAddress().getPort() + "/" + name;
    }

    private int viewportHeight() {
        return ((Number) browser.executeScript("return window.innerHeight")).intValue();
    }

    private boolean inViewport(WebElement element) {
        return (Boolean) browser.executeScript(
                "const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight",
                element);
    }

    /**
     * What every view must be: nothing scrolls sideways, each button fits its label on one line, and
     * axe-core finds no serious or critical violation. Then the screenshot of this step.
     */
    private void seen(String step) throws IOException {
        assertTrue(
                (Boolean) browser.executeScript(
                        "return document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
                step + ": the page scrolls sideways");
        Object cramped = browser.executeScript("""
                return [...document.querySelectorAll('button')]
                  .filter((b) => b.getClientRects().length && !b.matches('.card-open, .link'))
                  .filter((b) => {
                    const style = getComputedStyle(b);
                    const lines = (b.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom)) / parseFloat(style.lineHeight);
                    return lines > 1.5 || b.scrollWidth > b.clientWidth + 1;
                  })
                  .map((b) => b.textContent.trim());
                """);
        assertEquals(List.of(), cramped, step + ": buttons whose label does not fit on one line");
        if (!(Boolean) browser.executeScript("return typeof window.axe === 'object'")) {
            browser.executeScript(axe);
        }
        String violations = (String) browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']}).then(
                  (r) => done(JSON.stringify(r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
                    .map((v) => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' '))})))),
                  (e) => done('axe failed: ' + e));
                """);
        assertEquals("[]", violations, step + ": accessibility violations at " + width + " px");
        Files.write(SHOTS.resolve(step + "-" + width + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {390, 1280})
    void aVisitorSeesVideosFirstWithSignInOneTapAway(int width) throws IOException {
        String owner = passport.newUser();
        String token = passport.token(owner);
        long ownerId = passport.login(owner).getJsonNumber("userId").longValue();
        String shortTitle = unique("Two cats and a box");
        addVideo(token, shortTitle, 125);
        String longTitle = unique("A long talk on video codecs");
        JsonObject talk = addVideo(token, longTitle, 3725);

        open(width);
        WebElement newest = card(longTitle);
        String day = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.US)
                .withZone(ZoneId.systemDefault())
                .format(Instant.parse(talk.getString("createdAt")));
        assertTrue(newest.getText().contains("1:02:05"), newest.getText());
        assertTrue(newest.getText().contains("by user " + ownerId + " · " + day), newest.getText());
        assertTrue(card(shortTitle).getText().contains("2:05"), card(shortTitle).getText());
        Rectangle first = browser.findElement(By.cssSelector("#video-list li")).getRect();
        assertTrue(first.getY() < viewportHeight(), "a video is in sight at once");
        if (width < 600) {
            assertTrue(
                    el("sign-in").getRect().getY() > first.getY() + first.getHeight(),
                    "on a phone the videos come before the forms");
        } else {
            assertTrue(
                    el("sign-in").getRect().getY() < viewportHeight(), "on a desktop signing in is beside the videos");
        }
        assertFalse(el("nav").isDisplayed(), "nothing to switch to before signing in");
        seen("01-visitor");

        el("go-sign-in").click();
        assertFocused("in-mobile");
        assertTrue(inViewport(el("in-mobile")), "one tap brings the sign-in form");
        seen("02-sign-in-one-tap-away");

        card(shortTitle).findElement(By.tagName("button")).click();
        awaitMessage("Sign in to watch videos.");
        assertFocused("in-mobile");
        assertFalse(el("player").isDisplayed());
    }

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {390, 1280})
    void anEmptyListSaysSoAndALongOneHasPages(int width) throws IOException {
        String admin = adminToken();
        for (int round = 0; round < 100; round++) {
            List<JsonObject> videos =
                    http.get("api/videos?size=100").json().getJsonArray("items").getValuesAs(JsonObject.class);
            if (videos.isEmpty()) {
                break;
            }
            videos.forEach(v -> assertEquals(
                    204,
                    http.delete("api/videos/" + v.getJsonNumber("id"), bearer(admin))
                            .status()));
        }

        open(width);
        awaitShown("empty");
        assertTrue(text("empty").startsWith("No videos yet"), text("empty"));
        assertTrue(text("empty").contains("Sign in to add the first one."), text("empty"));
        assertFalse(el("pager").isDisplayed(), "one page needs no pager");
        seen("03-no-videos");

        String token = passport.token(passport.newUser());
        for (int i = 1; i <= 13; i++) {
            addVideo(token, "Clip number " + i, 60 * i);
        }
        browser.navigate().refresh();
        awaitVideos();
        assertEquals("Page 1 of 2", text("page-info"));
        assertEquals(12, browser.findElements(By.cssSelector("#video-list li")).size());
        assertTrue(
                browser.findElement(By.cssSelector("#video-list li")).getText().contains("Clip number 13"),
                "newest first");
        assertFalse(el("prev").isEnabled());

        el("next").click();
        wait.until(ExpectedConditions.textToBe(By.id("page-info"), "Page 2 of 2"));
        assertEquals(1, browser.findElements(By.cssSelector("#video-list li")).size());
        assertTrue(card("Clip number 1").getText().contains("1:00"));
        assertFalse(el("next").isEnabled());
        assertFocused("prev");
        seen("04-second-page");

        el("prev").click();
        wait.until(ExpectedConditions.textToBe(By.id("page-info"), "Page 1 of 2"));
        card("Clip number 13");
    }

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {390, 1280})
    void signUpSignInWatchEditAndDeleteAVideo(int width) throws IOException {
        open(width);
        String mobile = Passport.newMobile();
        openSignUp();
        signUp(mobile, PASSWORD, "Browser <b>user</b>", captchaCode());
        awaitMessage("Your account is ready. Sign in with your mobile and password.");
        assertFocused("in-password");
        assertEquals(mobile, el("in-mobile").getDomProperty("value"));

        type("in-password", PASSWORD);
        submit("sign-in");
        awaitShown("account");
        assertEquals("Browser <b>user</b>", text("who"), "typed text is shown as text, never as HTML");
        assertTrue(el("nav-sessions").isDisplayed());
        assertFalse(el("nav-admin").isDisplayed(), "no Users view without the admin role");
        seen("05-signed-in");

        type("v-title", "");
        type("v-duration", "0");
        type("v-url", "ftp://example.com/cat.webm");
        submit("video-form");
        wait.until(ExpectedConditions.textToBe(
                By.id("v-url-error"), "Enter an address that starts with http:// or https://."));
        assertEquals("Use 1 to 200 characters.", text("v-title-error"));
        assertEquals("Enter a whole number of seconds from 1 to 86,400 (24 hours).", text("v-duration-error"));
        assertFocused("v-title");

        String title = unique("My cat <script>alert(1)</script>");
        type("v-title", title);
        type("v-duration", "95");
        type("v-url", mediaUrl("clip.webm"));
        submit("video-form");
        awaitMessage("Video added.");
        wait.until(ExpectedConditions.textToBe(By.id("player-title"), title));
        assertFocused("player-title");
        assertTrue(text("player-meta").startsWith("1:35 · by you · "), text("player-meta"));
        wait.until(d ->
                ((Number) browser.executeScript("return document.getElementById('player-video').readyState")).intValue()
                        >= 1);
        assertFalse(
                el("player-error").isDisplayed(),
                "the browser plays the clip from another site: the policy lets media in");
        assertTrue(el("player-actions").isDisplayed(), "the owner may edit and delete");
        assertTrue(card(title).getText().contains("1:35"));
        seen("06-watching");

        el("edit").click();
        assertFocused("v-title");
        assertEquals("Edit the video", text("video-form-title"));
        String renamed = unique("My cat, renamed");
        type("v-title", renamed);
        submit("video-form");
        awaitMessage("Video saved.");
        wait.until(ExpectedConditions.textToBe(By.id("player-title"), renamed));

        type("v-title", "Gone missing");
        type("v-duration", "30");
        type("v-url", mediaUrl("missing.webm"));
        submit("video-form");
        wait.until(ExpectedConditions.textToBe(By.id("player-title"), "Gone missing"));
        awaitShown("player-error");
        assertTrue(text("player-error").startsWith("This video cannot be played here"), text("player-error"));
        assertEquals(mediaUrl("missing.webm"), el("player-link").getDomProperty("href"));
        seen("07-cannot-play");

        el("delete").click();
        awaitShown("confirm");
        assertEquals("Delete “Gone missing”?", text("confirm-title"));
        assertFocused("confirm-cancel");
        seen("08-confirm-delete");
        el("confirm-cancel").click();
        awaitGone("confirm");
        assertTrue(el("player").isDisplayed(), "cancelled: nothing happened");
        el("delete").click();
        confirm("Delete “Gone missing”?");
        awaitMessage("Video deleted.");
        assertFalse(el("player").isDisplayed());
        wait.until(d -> d.findElements(By.cssSelector("#video-list li")).stream()
                .noneMatch(li -> li.getText().contains("Gone missing")));

        el("sign-out").click();
        awaitShown("sign-in");
        awaitMessage("Signed out.");
        assertNull(browser.manage().getCookieNamed("access_token"), "the cookie is gone");
    }

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {390, 1280})
    void fieldErrorsAreWordedAlikeAndAWrongCaptchaIsShownWithThem(int width) throws IOException {
        open(width);
        openSignUp();
        String before = captchaId();
        signUp("12345", "short", "someone", "WRONG");
        wait.until(ExpectedConditions.textToBe(By.id("up-captcha-error"), CAPTCHA_WRONG));
        assertEquals("Enter an 11-digit mainland China mobile number, such as 13800138000.", text("up-mobile-error"));
        assertEquals("Use 8 to 128 characters.", text("up-password-error"));
        assertEquals("true", el("up-mobile").getDomAttribute("aria-invalid"));
        assertFocused("up-mobile");
        wait.until(d -> !before.equals(captchaId()));
        List<?> notSentences =
                (List<?>) browser.executeScript("return [...document.querySelectorAll('.error, .form-error')]"
                        + ".map((e) => e.textContent).filter((t) => t && !/^[A-Z].*[.]$/.test(t))");
        assertEquals(List.of(), notSentences, "every message a whole sentence");
        seen("09-field-errors");

        signUp(Passport.newMobile(), PASSWORD, "someone", "WRONG");
        wait.until(d -> d.findElement(By.id("up-mobile-error")).getText().isEmpty());
        wait.until(ExpectedConditions.textToBe(By.id("up-captcha-error"), CAPTCHA_WRONG));
        assertFocused("up-captcha");

        signIn(passport.newUser(), "not the password");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#sign-in .form-error"), "The mobile or the password is wrong."));
        assertFalse(el("account").isDisplayed());
        seen("10-wrong-password");
    }

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {390, 1280})
    void sessionsShowDevicesPeopleRecognise(int width) throws IOException {
        String mobile = passport.newUser();
        assertEquals(
                200,
                passport.tryLogin(mobile, PASSWORD, "User-Agent", IPHONE, "X-Forwarded-For", "203.0.113.9")
                        .status());
        assertEquals(
                200,
                passport.tryLogin(mobile, PASSWORD, "User-Agent", WINDOWS, "X-Forwarded-For", "198.51.100.7")
                        .status());

        open(width);
        signedInAs(mobile);
        el("nav-sessions").click();
        awaitShown("view-sessions");
        assertFocused("sessions-title");
        assertFalse(el("view-videos").isDisplayed());
        wait.until(d -> d.findElements(By.cssSelector("#sessions li")).size() == 3);
        List<String> rows = browser.findElements(By.cssSelector("#sessions li")).stream()
                .map(WebElement::getText)
                .toList();
        assertTrue(rows.get(0).contains("Chrome on Linux") && rows.get(0).contains("This device"), rows.get(0));
        assertTrue(
                rows.get(1).startsWith("Chrome on Windows") && rows.get(1).contains("198.51.100.7 · signed in "),
                rows.get(1));
        assertTrue(
                rows.get(2).startsWith("Safari on iPhone") && rows.get(2).contains("203.0.113.9 · signed in "),
                rows.get(2));
        assertTrue(rows.stream().noneMatch(r -> r.contains("Mozilla")), "no raw user agents: " + rows);
        seen("11-sessions");

        button(browser.findElements(By.cssSelector("#sessions li")).get(2), "Sign out")
                .click();
        awaitMessage("Safari on iPhone is signed out.");
        wait.until(d -> d.findElements(By.cssSelector("#sessions li")).size() == 2);
    }

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {390, 1280})
    void adminsManageUsersWithAConfirmationForEachChange(int width) throws IOException {
        adminToken();
        String mobile = Passport.newMobile();
        String nickname = "Target <i>" + width + "</i>";
        Reply registered = passport.tryRegister(mobile, PASSWORD, nickname);
        assertEquals(201, registered.status(), registered::toString);
        long userId = registered.json().getJsonNumber("userId").longValue();
        String targetToken = passport.token(mobile);

        open(width);
        signedInAs(ADMIN);
        el("nav-admin").click();
        awaitShown("view-admin");
        assertFocused("admin-title");
        wait.until(d -> !d.findElements(By.cssSelector("#users li")).isEmpty());
        if (el("users-pager").isDisplayed()) {
            el("users-last").click();
        }
        WebElement row = userRow(userId);
        assertTrue(row.getText().startsWith(nickname), row.getText());
        assertTrue(row.getText().contains(mobile + " · joined "), row.getText());
        seen("12-users");

        button(row, "Make admin").click();
        awaitShown("confirm");
        assertEquals("Make " + nickname + " an admin?", text("confirm-title"));
        assertFocused("confirm-cancel");
        seen("13-confirm-role");
        new Actions(browser).sendKeys(Keys.ESCAPE).perform();
        awaitGone("confirm");
        assertEquals(200, http.get("api/passport/me", bearer(targetToken)).status(), "declined: nothing changed");

        button(userRow(userId), "Make admin").click();
        confirm("Make " + nickname + " an admin?");
        awaitMessage(nickname + " is now an admin, from their next sign-in.");
        wait.until(d -> button(userRow(userId), "Remove admin"));
        assertProblem(http.get("api/passport/me", bearer(targetToken)), 401, "TOKEN_REVOKED");

        // with the keyboard alone: Enter on the button, Tab from Cancel to the confirmation, Enter
        String again = passport.token(mobile);
        button(userRow(userId), "Sign out everywhere").sendKeys(Keys.ENTER);
        awaitShown("confirm");
        assertFocused("confirm-cancel");
        new Actions(browser).sendKeys(Keys.TAB).perform();
        assertFocused("confirm-ok");
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        awaitMessage(nickname + " is signed out everywhere.");
        assertProblem(http.get("api/passport/me", bearer(again)), 401, "TOKEN_REVOKED");

        button(userRow(userId), "Disable").click();
        confirm("Disable the account of " + nickname + "?");
        awaitMessage("The account of " + nickname + " is disabled.");
        wait.until(d -> userRow(userId).getText().contains("Disabled"));
        assertProblem(passport.tryLogin(mobile, PASSWORD), 403, "ACCOUNT_DISABLED");
        seen("14-user-disabled");

        button(userRow(userId), "Enable").click();
        confirm("Enable the account of " + nickname + "?");
        awaitMessage("The account of " + nickname + " is enabled.");
        assertEquals(200, passport.tryLogin(mobile, PASSWORD).status());
    }

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {390, 1280})
    void thePageWorksFromTheKeyboardAndKeepsItsSpacing(int width) throws IOException {
        addVideo(passport.token(passport.newUser()), "Keyboard clip", 42);
        open(width);

        new Actions(browser).sendKeys(Keys.TAB).perform();
        assertFocused("skip");
        assertTrue(inViewport(el("skip")), "the skip link shows when focused");
        assertEquals("solid", el("skip").getCssValue("outline-style"), "focus is visible");
        new Actions(browser).sendKeys(Keys.ENTER).perform();
        assertFocused("videos-title");
        new Actions(browser).sendKeys(Keys.TAB).perform();
        WebElement focused = browser.switchTo().activeElement();
        assertEquals("card-open", focused.getDomAttribute("class"), "the first video comes next");
        assertEquals("solid", focused.getCssValue("outline-style"), "focus is visible");

        openSignUp();
        List<?> unlabelled = (List<?>) browser.executeScript("return [...document.querySelectorAll('input, textarea')]"
                + ".filter((i) => i.type !== 'hidden' && i.labels.length === 0).map((i) => i.id)");
        assertEquals(List.of(), unlabelled, "every field has its label");
        Rectangle signIn = el("sign-in").getRect();
        assertTrue(
                el("sign-up-box").getRect().getY() - (signIn.getY() + signIn.getHeight()) >= 12,
                "the cards do not touch");
        seen("15-keyboard");

        Reply page = http.get("");
        assertEquals(200, page.status());
        assertEquals(POLICY, page.header("Content-Security-Policy").orElse(""));
        assertEquals("nosniff", page.header("X-Content-Type-Options").orElse(""));
        assertEquals("no-referrer", page.header("Referrer-Policy").orElse(""));
        assertEquals("DENY", page.header("X-Frame-Options").orElse(""));
        assertTrue(page.body().contains("<script type=\"module\" src=\"app.js\"></script>"));
        assertFalse(page.body().matches("(?s).*(<script>|<style|\\sstyle=).*"), "no inline script or style");
    }
}
