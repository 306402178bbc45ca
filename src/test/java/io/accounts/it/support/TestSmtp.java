package io.accounts.it.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SMTP relay the integration servers send through: GreenMail on loopback in the test JVM (a separate process
 * from the servers), on the port Maven reserved; tests read the delivered mail as a user's mailbox would.
 */
public class TestSmtp implements LauncherSessionListener {

    private static GreenMail smtp;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (System.getProperty("it.smtp.port") != null && smtp == null) {
            smtp = new GreenMail(new ServerSetup(Integer.getInteger("it.smtp.port"), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (smtp != null) {
            smtp.stop();
            smtp = null;
        }
    }

    /** The newest mail to this address whose text holds a link to {@code path}, waiting up to 30 s for it. */
    public static Optional<String> token(String to, String path) {
        Pattern link = Pattern.compile(Pattern.quote(path) + "\\?token=([A-Za-z0-9_-]+)");
        try {
            return Await.poll(Duration.ofSeconds(30), Duration.ofMillis(100), () -> {
                List<MimeMessage> mails = Arrays.stream(smtp.getReceivedMessages())
                        .filter(m -> recipient(m).equalsIgnoreCase(to)).toList();
                for (int m = mails.size() - 1; m >= 0; m--) {
                    Matcher found = link.matcher(text(mails.get(m)));
                    if (found.find()) {
                        return Optional.of(found.group(1));
                    }
                }
                return Optional.empty();
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The newest link to {@code path} mailed to this address, whole, as a person would follow it. */
    public static Optional<String> link(String to, String path) {
        Pattern link = Pattern.compile("\\S*" + Pattern.quote(path) + "\\?token=[A-Za-z0-9_-]+\\S*");
        try {
            return Await.poll(Duration.ofSeconds(30), Duration.ofMillis(100), () -> {
                List<MimeMessage> mails = Arrays.stream(smtp.getReceivedMessages())
                        .filter(m -> recipient(m).equalsIgnoreCase(to)).toList();
                for (int m = mails.size() - 1; m >= 0; m--) {
                    Matcher found = link.matcher(text(mails.get(m)));
                    if (found.find()) {
                        return Optional.of(found.group());
                    }
                }
                return Optional.empty();
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The newest mail to this address whose subject is {@code subject}: its text, waiting up to 30 s for it. */
    public static Optional<String> mail(String to, String subject) {
        try {
            return Await.poll(Duration.ofSeconds(30), Duration.ofMillis(100), () -> {
                List<MimeMessage> mails = Arrays.stream(smtp.getReceivedMessages())
                        .filter(m -> recipient(m).equalsIgnoreCase(to) && subject.equals(subject(m))).toList();
                return mails.isEmpty() ? Optional.<String>empty() : Optional.of(text(mails.get(mails.size() - 1)));
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many mails this address has received so far. */
    public static long count(String to) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> recipient(m).equalsIgnoreCase(to)).count();
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(MimeMessage message) {
        try {
            Object content = message.getContent();
            return content instanceof String text ? text : String.valueOf(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
