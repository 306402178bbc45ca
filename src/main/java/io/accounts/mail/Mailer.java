package io.accounts.mail;

import io.accounts.platform.ApiException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends mail through the SMTP relay of {@code mail.smtp.*} (Jakarta Mail, the Eclipse Angus implementation in the
 * WAR, so that both servers send alike). {@link #send} only queues: one background thread talks to the relay, a
 * failed send is tried {@code mail.retries} more times with a growing pause, and a relay outage never fails the
 * request that caused the mail. The queue holds {@code mail.queue-capacity} mails; when it is full (a long outage of
 * the relay, or a flood) a mail is refused, and the requests that need one answer 503 rather than pretend
 * ({@link #hasRoom()}). Without {@code mail.smtp.host}, mail is off ({@link #enabled()} is false).
 */
@ApplicationScoped
public class Mailer {

    private static final Logger LOG = Logger.getLogger(Mailer.class.getName());

    @Inject
    @ConfigProperty(name = "mail.smtp.host")
    Optional<String> host;

    @Inject
    @ConfigProperty(name = "mail.smtp.port", defaultValue = "25")
    int port;

    @Inject
    @ConfigProperty(name = "mail.smtp.username")
    Optional<String> username;

    @Inject
    @ConfigProperty(name = "mail.smtp.password")
    Optional<String> password;

    @Inject
    @ConfigProperty(name = "mail.smtp.starttls")
    Optional<Boolean> starttls;

    @Inject
    @ConfigProperty(name = "mail.from", defaultValue = "no-reply@localhost")
    String from;

    @Inject
    @ConfigProperty(name = "mail.retries", defaultValue = "3")
    int retries;

    @Inject
    @ConfigProperty(name = "mail.queue-capacity", defaultValue = "1000")
    int queueCapacity;

    private Session session;
    private ThreadPoolExecutor sender;

    @PostConstruct
    void init() {
        if (!enabled()) {
            LOG.info("mail.smtp.host is not set: mail is off (password reset answers 503; registration sends no"
                    + " verification mail)");
            return;
        }
        Properties properties = new Properties();
        properties.put("mail.smtp.host", host.get().strip());
        properties.put("mail.smtp.port", Integer.toString(port));
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "10000");
        properties.put("mail.smtp.writetimeout", "10000");
        boolean tls = starttls.orElse(port == 587);
        properties.put("mail.smtp.starttls.enable", Boolean.toString(tls));
        properties.put("mail.smtp.starttls.required", Boolean.toString(tls));
        username.filter(u -> !u.isBlank()).ifPresent(u -> properties.put("mail.smtp.auth", "true"));
        session = Session.getInstance(properties);
        sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queueCapacity), runnable -> {
            Thread thread = new Thread(runnable, "accounts-mailer");
            thread.setDaemon(true);
            return thread;
        });
        LOG.info(() -> "mail through " + host.get() + ":" + port + (tls ? " (STARTTLS)" : "") + " from " + from);
    }

    @PreDestroy
    void close() {
        if (sender != null) {
            sender.shutdown();
        }
    }

    public boolean enabled() {
        return host.filter(h -> !h.isBlank()).isPresent();
    }

    /** The answer to a request whose mail the queue cannot take (full): 503, try again in a minute. */
    public static ApiException queueFull() {
        return ApiException.unavailable("Mail cannot be sent just now (too many are waiting); try again in a minute.",
                60);
    }

    /** Whether a mail sent now would be queued: mail is on and its queue is not full. */
    public boolean hasRoom() {
        return enabled() && sender.getQueue().remainingCapacity() > 0;
    }

    /** Queues the mail; it is sent in the background. False when mail is off or the queue is full. */
    public boolean send(Mail mail) {
        return sendLater(() -> Optional.of(mail));
    }

    /**
     * Queues the writing of a mail as well as its sending: {@code compose} runs in the background too (it may look
     * up the recipient and make a token), so that a request costs the same whether or not a mail results.
     */
    public boolean sendLater(Supplier<Optional<Mail>> compose) {
        if (!enabled()) {
            return false;
        }
        try {
            sender.execute(() -> {
                try {
                    compose.get().ifPresent(this::deliver);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "a mail could not be written: " + e.getClass().getSimpleName());
                }
            });
            return true;
        } catch (RejectedExecutionException full) {
            LOG.warning("mail queue full: a mail was not sent");
            return false;
        }
    }

    private void deliver(Mail mail) {
        for (int attempt = 0; attempt <= retries; attempt++) {
            try {
                MimeMessage message = new MimeMessage(session);
                message.setFrom(new InternetAddress(from));
                message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(mail.to(), true));
                message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
                message.setText(mail.text(), StandardCharsets.UTF_8.name());
                if (username.filter(u -> !u.isBlank()).isPresent()) {
                    Transport.send(message, username.get(), password.orElse(""));
                } else {
                    Transport.send(message);
                }
                return;
            } catch (MessagingException e) {
                int tried = attempt + 1;
                LOG.log(tried > retries ? Level.WARNING : Level.INFO, () -> mail.purpose() + " mail to the relay failed"
                        + " (attempt " + tried + " of " + (retries + 1) + "): " + e.getClass().getSimpleName());
                if (tried <= retries) {
                    pause(tried);
                }
            }
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(30_000L, 500L << Math.min(attempt, 6)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
