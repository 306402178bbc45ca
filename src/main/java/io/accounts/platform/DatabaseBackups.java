package io.accounts.platform;

import java.nio.file.Path;

/** A consistent copy of the database while the service runs, where the service holds the database itself. */
public interface DatabaseBackups {

    /** Writes the copy to {@code target}: false, with nothing written, when the database is a MongoDB of its own. */
    boolean backUp(Path target);
}
