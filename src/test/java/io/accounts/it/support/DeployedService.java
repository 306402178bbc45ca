package io.accounts.it.support;

import org.eu.ingwar.tools.arquillian.extension.suite.annotations.ArquillianSuiteDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;

/**
 * What every integration test class of the deployed service shares: Arquillian deploys the real WAR that
 * {@code mvn package} built (no test-made archive) once for the whole suite (arquillian-suite-extension, named in
 * arquillian.xml), on Open Liberty or Payara Micro as {@code arquillian.launch} says; the server's logs are scanned
 * for secrets after each class, and the test talks to the service as any HTTP client would.
 */
@ArquillianSuiteDeployment
@ExtendWith({ArquillianExtension.class, Secrets.class})
public abstract class DeployedService {

    protected final Api api = Api.local();
    protected final Accounts accounts = new Accounts(api);

    /** Which server runs the suite: {@code liberty} or {@code payara}. */
    public static boolean onPayara() {
        return "payara".equals(System.getProperty("arquillian.launch"));
    }

    @Deployment(testable = false)
    public static WebArchive war() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("it.war")));
    }
}
