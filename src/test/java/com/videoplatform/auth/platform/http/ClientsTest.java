package com.videoplatform.auth.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientsTest {

    private static Clients trusting(String proxies) {
        Clients clients = new Clients();
        clients.trust(
                proxies == null
                        ? List.of()
                        : Arrays.stream(proxies.split(",")).map(String::strip).toList());
        return clients;
    }

    @Test
    void forwardedHeadersFromAnyoneElseAreIgnored() {
        ClientInfo client = trusting(null).resolve("198.51.100.7", false, "203.0.113.9", "https", "agent");
        assertEquals("198.51.100.7", client.ip());
        assertFalse(client.secure());
    }

    @Test
    void aTrustedProxyNamesTheClientAndTheScheme() {
        ClientInfo client =
                trusting("10.0.0.1, 10.0.0.2").resolve("10.0.0.1", false, "203.0.113.9, 10.0.0.2", "https", null);
        assertEquals("203.0.113.9", client.ip());
        assertTrue(client.secure());
    }

    @Test
    void aSpoofedLeftmostHopDoesNotWin() {
        ClientInfo client = trusting("10.0.0.1").resolve("10.0.0.1", false, "1.2.3.4, 198.51.100.7", null, null);
        assertEquals("198.51.100.7", client.ip());
    }

    @Test
    void userAgentsAreCapped() {
        assertEquals(
                Clients.MAX_USER_AGENT,
                trusting(null)
                        .resolve("1.1.1.1", false, null, null, "a".repeat(1000))
                        .userAgent()
                        .length());
    }
}
