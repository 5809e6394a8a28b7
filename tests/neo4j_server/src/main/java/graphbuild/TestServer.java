package graphbuild;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilder;
import org.neo4j.harness.Neo4jBuilders;

/**
 * A throwaway Neo4j Community server for graphbuild's tests: auth on with a generated
 * password, Bolt and HTTP on free ports of 127.0.0.1, data under the given folder.
 *
 * <pre>java graphbuild.TestServer DIR [--copy-from NEO4J_HOME] [--pagecache BYTES]</pre>
 *
 * When the server accepts connections, prints exactly NEO4J_URI, NEO4J_USER and
 * NEO4J_PASSWORD lines on stdout (and NEO4J_HTTP on stderr, with every log line); then
 * waits until SIGTERM or SIGINT, and shuts the database down before exiting.
 * {@code --copy-from} starts from a store made elsewhere: a NEO4J_HOME whose data/ holds
 * databases/neo4j and transactions/neo4j (e.g. from scripts/neo4j_admin.sh database import).
 */
public final class TestServer {
    private TestServer() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        System.setOut(System.err);              // Neo4j's own console output must not reach stdout
        if (args.length < 1) {
            System.err.println("usage: TestServer DIR [--copy-from NEO4J_HOME] [--pagecache BYTES]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(dir);
        Path copyFrom = null;
        long pagecache = 256L << 20;
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--copy-from" -> copyFrom = Path.of(args[i + 1]).toAbsolutePath();
                case "--pagecache" -> pagecache = Long.parseLong(args[i + 1]);
                default -> { System.err.println("unknown option " + args[i]); System.exit(2); }
            }
        }
        String password = newPassword();
        // Ports picked here (not 0) so the advertised addresses, which the Browser reads, are right.
        int boltPort = freePort();
        int httpPort = freePort();
        Neo4jBuilder builder = Neo4jBuilders.newInProcessBuilder(dir)
                .withConfig(GraphDatabaseSettings.auth_enabled, true)
                .withConfig(GraphDatabaseSettings.pagecache_memory, pagecache)
                .withConfig(BoltConnector.enabled, true)
                .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", boltPort))
                .withConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", boltPort))
                .withConfig(HttpConnector.enabled, true)
                .withConfig(HttpConnector.listen_address, new SocketAddress("127.0.0.1", httpPort))
                .withConfig(HttpConnector.advertised_address, new SocketAddress("127.0.0.1", httpPort));
        if (copyFrom != null) {
            builder = builder.copyFrom(copyFrom);
        }
        Neo4j neo4j = builder.build();
        // The harness makes user neo4j with the default password; set ours before anyone connects.
        neo4j.databaseManagementService().database("system").executeTransactionally(
                "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("neo4j_server: shutting down");
            neo4j.close();
            System.err.println("neo4j_server: stopped");
            stopped.countDown();
        }));
        URI bolt = neo4j.boltURI();
        System.err.println("NEO4J_HTTP=" + neo4j.httpURI());
        out.println("NEO4J_URI=bolt://127.0.0.1:" + bolt.getPort());
        out.println("NEO4J_USER=neo4j");
        out.println("NEO4J_PASSWORD=" + password);
        out.flush();
        stopped.await();
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String newPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return "gb-" + HexFormat.of().formatHex(bytes);
    }
}
