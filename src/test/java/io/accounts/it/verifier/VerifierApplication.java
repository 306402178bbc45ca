package io.accounts.it.verifier;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/** A stock MicroProfile JWT application, as a consumer of our tokens would write it: no code of ours. */
@ApplicationPath("/")
@LoginConfig(authMethod = "MP-JWT")
public class VerifierApplication extends Application {
}
