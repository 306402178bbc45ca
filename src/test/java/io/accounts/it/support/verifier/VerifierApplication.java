package io.accounts.it.support.verifier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * A stock MicroProfile JWT application, as a consumer of our tokens would write it: no code of ours. A CDI bean,
 * because Payara reads {@code @LoginConfig} only there.
 */
@ApplicationScoped
@ApplicationPath("/")
@LoginConfig(authMethod = "MP-JWT")
public class VerifierApplication extends Application {
}
