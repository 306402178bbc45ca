"""Share of a server's CPU samples by layer, from async-profiler's folded stacks (collapsed, with `threads`).

    python3 bench/layers.py target/bench/profile-refresh.collapsed

Each sample is charged to the layer of the frame nearest its leaf that belongs to a known layer (a HashMap.get
inside JSON-P counts as JSON, the same call inside the MongoDB driver as the driver); samples with no such frame
are charged by thread (garbage collection, JIT, other VM threads) or to the JDK.
"""
import sys
from collections import Counter

# most specific first: the first prefix that matches a frame names its layer
LAYERS = [
    ("signatures (AWS-LC, JCA)", ("com.amazon.corretto", "libamazonCorretto", "aws_lc", "java.security.Signature",
                                  "sun.security.ec", "com.nimbusds.jose.crypto")),
    ("argon2", ("de.mkammerer.argon2", "libargon2", "argon2_", "fill_segment", "fill_memory", "blake2")),
    ("H2 MVStore (the database's storage)", ("org.h2",)),
    ("netty (the database's network)", ("io.netty",)),
    ("mongo-java-server (the database's query engine)", ("de.bwaldvogel",)),
    ("MongoDB driver", ("com.mongodb", "org.bson")),
    ("JWT claims, JOSE", ("com.nimbusds",)),
    ("logging", ("java.util.logging", "com.ibm.ws.logging", "com.ibm.ws.collector", "com.ibm.websphere.logging")),
    ("JSON (JSON-P, JSON-B)", ("org.eclipse.parsson", "org.glassfish.json", "jakarta.json", "org.eclipse.yasson")),
    ("metrics", ("io.smallrye.metrics", "io.openliberty.microprofile.metrics", "com.ibm.ws.microprofile.metrics",
                 "org.eclipse.microprofile.metrics")),
    ("validation", ("org.hibernate.validator", "jakarta.validation")),
    ("CDI (Weld)", ("org.jboss.weld", "com.ibm.ws.cdi")),
    ("config", ("io.smallrye.config", "com.ibm.ws.microprofile.config")),
    ("JAX-RS (CXF)", ("org.apache.cxf", "com.ibm.ws.jaxrs", "io.openliberty.restfulWS")),
    ("servlet container", ("com.ibm.ws.webcontainer", "com.ibm.wsspi.webcontainer", "com.ibm.ws.security",
                           "com.ibm.ws.session")),
    ("OpenAPI (SmallRye)", ("io.smallrye.openapi", "io.openliberty.microprofile.openapi", "com.ibm.ws.microprofile.openapi")),
    ("Liberty kernel, OSGi (Equinox, Felix), class loading", ("org.eclipse.osgi", "org.apache.felix", "com.ibm.ws.kernel",
        "com.ibm.ws.artifact", "com.ibm.ws.classloading", "com.ibm.ws.config", "com.ibm.ws.app", "com.ibm.ws.annocache",
        "com.ibm.wsspi.kernel", "com.ibm.wsspi.artifact", "com.ibm.ws.container", "com.ibm.ws.adaptable",
        "java.lang.ClassLoader", "jdk.internal.loader", "java.util.zip", "java.util.jar")),
    ("HTTP channel, TCP (Liberty)", ("com.ibm.ws.http", "com.ibm.ws.tcpchannel", "com.ibm.io", "com.ibm.wsspi",
                                     "com.ibm.ws.channelfw", "com.ibm.ws.threading", "com.ibm.ws.kernel")),
    ("our code (io.accounts)", ("io.accounts",)),
    ("JDK sockets, NIO", ("sun.nio", "java.nio", "sun.net")),
]
THREADS = [("garbage collection", ("GC Thread", "VM Thread", "G1 ", "Serial")),
           ("JIT compiler", ("C1 CompilerThread", "C2 CompilerThread", "Compiler"))]


def layer(frames):
    for frame in reversed(frames[1:]):
        name = frame.replace("/", ".")
        for label, prefixes in LAYERS:
            if name.startswith(prefixes) or any(p in name for p in prefixes if not "." in p):
                return label
    thread = frames[0]
    for label, names in THREADS:
        if any(n in thread for n in names):
            return label
    if any(f.startswith(("java", "jdk", "sun")) for f in frames[1:]):
        return "JDK (other)"
    return "VM, native (other)"


def main(path):
    totals = Counter()
    for line in open(path):
        stack, _, count = line.rstrip("\n").rpartition(" ")
        if stack:
            totals[layer(stack.split(";"))] += int(count)
    all_ = sum(totals.values()) or 1
    print(f"  {all_} samples")
    for label, n in totals.most_common():
        print(f"  {100.0 * n / all_:5.1f}%  {label}")


if __name__ == "__main__":
    main(sys.argv[1])
