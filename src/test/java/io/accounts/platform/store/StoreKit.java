package io.accounts.platform.store;

import com.mongodb.client.MongoClient;
import org.eclipse.jnosql.mapping.document.DocumentTemplate;
import org.eclipse.jnosql.databases.mongodb.communication.MongoDBDocumentConfiguration;
import org.eclipse.jnosql.mapping.document.DocumentTemplateProducer;
import org.eclipse.jnosql.mapping.semistructured.EntityConverter;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import java.util.Map;

/**
 * Jakarta NoSQL for the stores' unit tests, as the server runs it: JNoSQL's mapping in a CDI container (Weld SE,
 * started once per test JVM), over a real wire-protocol server. Gives a store the template and the driver calls
 * it is given in the server.
 */
public final class StoreKit {

    private static WeldContainer container;

    private StoreKit() {
    }

    private static synchronized WeldContainer container() {
        if (container == null) {
            container = new Weld("store-kit").property("org.jboss.weld.construction.relaxed", true).initialize();
            Runtime.getRuntime().addShutdownHook(new Thread(container::close));
        }
        return container;
    }

    /** JNoSQL's template over this database. */
    public static DocumentTemplate template(MongoClient client, String database) {
        var manager = new MongoDBDocumentConfiguration().get(client).apply(database);
        return container().select(DocumentTemplateProducer.class).get().apply(manager);
    }

    /** The driver calls over this database. */
    public static DriverCalls driver(MongoClient client, String database) {
        return new DriverCalls(client.getDatabase(database), container().select(EntityConverter.class).get(), Map.of());
    }
}
