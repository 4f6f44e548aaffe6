package com.videoplatform.auth.passport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DevicesTest {

    static final Devices DEVICES = new Devices();

    @BeforeAll
    static void init() {
        DEVICES.init();
    }

    @Test
    void desktopBrowsersAreNamedWithTheirSystem() {
        assertEquals(
                "Chrome on Windows",
                DEVICES.name("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
                        + "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"));
        assertEquals(
                "Edge on Windows",
                DEVICES.name("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
                        + "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0"));
        assertEquals(
                "Safari on Mac",
                DEVICES.name("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 "
                        + "(KHTML, like Gecko) Version/17.5 Safari/605.1.15"));
        assertEquals(
                "Firefox on Mac",
                DEVICES.name("Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:133.0) Gecko/20100101 Firefox/133.0"));
        assertEquals(
                "Firefox on Ubuntu",
                DEVICES.name("Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"));
        assertEquals(
                "Headless Chrome on Linux",
                DEVICES.name("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 "
                        + "(KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36"));
    }

    @Test
    void phonesAreNamedAsTheirOwnersKnowThem() {
        assertEquals(
                "Safari on iPhone",
                DEVICES.name("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
                        + "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"));
        assertEquals(
                "Safari on iPad",
                DEVICES.name("Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
                        + "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"));
        assertEquals(
                "Chrome on iPhone",
                DEVICES.name("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
                        + "(KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1"));
        assertEquals(
                "Chrome on Android",
                DEVICES.name("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 "
                        + "(KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"));
        assertEquals(
                "Samsung Internet on Android",
                DEVICES.name("Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 "
                        + "(KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36"));
        assertEquals(
                "App on iPhone",
                DEVICES.name(
                        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
                                + "(KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.50(0x1800323c) NetType/WIFI Language/zh_CN"));
        assertEquals("Android", DEVICES.name("Dalvik/2.1.0 (Linux; U; Android 13; Pixel 7 Build/TQ3A.230805.001)"));
    }

    @Test
    void toolsAreNamedByThemselvesAndTheUnknownIsNull() {
        assertEquals("curl", DEVICES.name("curl/7.88.1"));
        assertNull(DEVICES.name("Java-http-client/17.0.13"));
        assertNull(DEVICES.name("garbage"));
        assertNull(DEVICES.name(""));
        assertNull(DEVICES.name(null));
    }
}
