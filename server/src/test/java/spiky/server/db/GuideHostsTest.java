package spiky.server.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The hosts Browser may play remote guides from: always the loopback names, and the API's host when it is another. */
class GuideHostsTest {
    @Test
    void loopbackAlwaysAndTheApisHostWhenItIsAnother() {
        assertEquals("localhost,127.0.0.1", SpikyDatabase.guideHosts("127.0.0.1"));
        assertEquals("localhost,127.0.0.1", SpikyDatabase.guideHosts("localhost"));
        assertEquals("localhost,127.0.0.1,10.1.2.3", SpikyDatabase.guideHosts("10.1.2.3"));
        assertEquals("localhost,127.0.0.1,spiky.lan", SpikyDatabase.guideHosts("spiky.lan"));
        // Listening on every interface names no host a Browser would use.
        assertEquals("localhost,127.0.0.1", SpikyDatabase.guideHosts("0.0.0.0"));
    }
}
