package io.accounts.mail;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mail queue: bounded, and a full one says so instead of dropping the mail silently. */
class MailerTest {

    /** A Mailer whose relay refuses connections (a port just closed), so its one sender keeps retrying. */
    private static Mailer stalled(int capacity) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Mailer mailer = new Mailer();
        mailer.host = Optional.of("127.0.0.1");
        mailer.port = closedPort;
        mailer.username = Optional.empty();
        mailer.password = Optional.empty();
        mailer.starttls = Optional.of(false);
        mailer.from = "no-reply@test.example";
        mailer.retries = 3;
        mailer.queueCapacity = capacity;
        mailer.init();
        return mailer;
    }

    @Test
    void aFullQueueRefusesTheMailAndSaysSo() throws IOException {
        Mailer mailer = stalled(1);
        try {
            Mail mail = new Mail("ada@test.example", "subject", "text", "test");
            assertTrue(mailer.hasRoom());
            assertTrue(mailer.send(mail), "the sender takes the first one (and retries it for seconds)");
            assertTrue(mailer.send(mail), "the second waits in the queue");
            assertFalse(mailer.hasRoom(), "the queue of one is full");
            assertFalse(mailer.send(mail), "the third is refused, and the caller is told");
        } finally {
            mailer.close();
        }
    }

    @Test
    void withoutARelayMailIsOff() {
        Mailer mailer = new Mailer();
        mailer.host = Optional.empty();
        mailer.init();
        assertFalse(mailer.enabled());
        assertFalse(mailer.hasRoom());
        assertFalse(mailer.send(new Mail("ada@test.example", "subject", "text", "test")));
    }
}
