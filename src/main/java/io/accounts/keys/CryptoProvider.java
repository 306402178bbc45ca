package io.accounts.keys;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;

import java.security.Provider;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Which JCA provider the signing keys sign and verify with ({@code jwt.crypto-provider}): the Amazon Corretto Crypto
 * Provider (AWS-LC, native code shipped in its jar for Linux x86-64; ECDSA about ten times faster than the JDK's) when
 * it loads, else the JDK's own. It is handed to each Nimbus signer and verifier through their JCA context and is
 * never installed JVM-wide, so the server's TLS and the other applications keep their providers.
 */
public final class CryptoProvider {

    private static final Logger LOG = Logger.getLogger(CryptoProvider.class.getName());

    /** {@code auto}: native where it loads; {@code native}: native or refuse to start; {@code jdk}: the JDK's. */
    public enum Choice { AUTO, NATIVE, JDK }

    private CryptoProvider() {
    }

    /** The provider for this setting: empty means the JDK's providers. Logs which one is in use. */
    public static Optional<Provider> select(String setting) {
        Choice choice = parse(setting);
        if (choice == Choice.JDK) {
            LOG.info("tokens are signed and verified with the JDK's providers (jwt.crypto-provider=jdk)");
            return Optional.empty();
        }
        Optional<Provider> loaded = loadNative();
        if (loaded.isPresent()) {
            AmazonCorrettoCryptoProvider accp = (AmazonCorrettoCryptoProvider) loaded.get();
            LOG.info(() -> "tokens are signed and verified with " + accp.getName() + " " + accp.getVersionStr()
                    + " (AWS-LC " + accp.getAwsLcVersionStr() + ", native)");
            return loaded;
        }
        if (choice == Choice.NATIVE) {
            throw new IllegalStateException("jwt.crypto-provider=native, but the Amazon Corretto Crypto Provider does"
                    + " not load here: " + nativeError());
        }
        LOG.info(() -> "tokens are signed and verified with the JDK's providers: the native provider does not load"
                + " here (" + nativeError() + ")");
        return Optional.empty();
    }

    static Choice parse(String setting) {
        try {
            return Choice.valueOf(setting.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("jwt.crypto-provider must be auto, native or jdk, was " + setting, e);
        }
    }

    /** ACCP when its native library loaded and its self-tests pass in this JVM. */
    static Optional<Provider> loadNative() {
        try {
            AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
            if (accp.getLoadingError() != null) {
                return Optional.empty();
            }
            accp.assertHealthy();
            return Optional.of(accp);
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }

    private static String nativeError() {
        try {
            Throwable error = AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError();
            return error == null ? "self-tests failed" : error.toString();
        } catch (RuntimeException | LinkageError e) {
            return e.toString();
        }
    }
}
