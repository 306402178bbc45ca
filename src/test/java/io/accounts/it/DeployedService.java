package io.accounts.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;

/**
 * What every integration test class of the deployed service shares: Arquillian deploys the real WAR that
 * {@code mvn package} built (no test-made archive), the server's logs are scanned for secrets afterwards, and the
 * test talks to it as any HTTP client would.
 */
@ExtendWith({ArquillianExtension.class, Secrets.class})
abstract class DeployedService {

    protected final Api api = Api.local();
    protected final Accounts accounts = new Accounts(api);

    @Deployment(testable = false)
    static WebArchive war() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("it.war")));
    }
}
