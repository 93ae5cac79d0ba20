package ai.opencog.neo4j;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * A real Neo4j 5 community database for AI-OpenCog's tests: the embedded
 * {@link DatabaseManagementService} with the Bolt connector on a loopback address.
 *
 * <p>Options, each as {@code --name value} or {@code --name=value}, else from the environment:
 * <ul>
 *   <li>{@code --port} / {@code NEO4J_PORT}: Bolt port, default 57687.</li>
 *   <li>{@code --host} / {@code NEO4J_HOST}: listen address, default 127.0.0.1 (loopback only).</li>
 *   <li>{@code --data} / {@code NEO4J_DATA_DIR}: the Neo4j home folder (databases, transaction
 *       logs, logs/debug.log); default {@code ./neo4j-data}.</li>
 *   <li>{@code --password} / {@code NEO4J_PASSWORD}: empty (default) disables authentication, and
 *       any credentials are accepted; otherwise (8 characters or more) authentication is enabled
 *       and user {@code neo4j} gets this password.</li>
 *   <li>{@code --pagecache} / {@code NEO4J_PAGECACHE}: page cache size, default 128m.</li>
 *   <li>{@code --ready-file} / {@code NEO4J_READY_FILE}: written (with the Bolt URL) once the
 *       database has answered {@code RETURN 1}; removed on shutdown.</li>
 * </ul>
 *
 * <p>It prints {@code READY bolt://HOST:PORT} when the database answers. SIGTERM or SIGINT shut it
 * down cleanly (checkpoint, close the stores) through a JVM shutdown hook. Usage-data reporting is
 * turned off: the process sends nothing anywhere.
 */
public final class Neo4jTestServer {
    private Neo4jTestServer() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parseArgs(args);
        int port = Integer.parseInt(option(options, "port", "NEO4J_PORT", "57687"));
        String host = option(options, "host", "NEO4J_HOST", "127.0.0.1");
        Path home = Path.of(option(options, "data", "NEO4J_DATA_DIR", "neo4j-data")).toAbsolutePath();
        String password = option(options, "password", "NEO4J_PASSWORD", "");
        long pageCache = parseBytes(option(options, "pagecache", "NEO4J_PAGECACHE", "128m"));
        String readyFileOption = option(options, "ready-file", "NEO4J_READY_FILE", "");
        Path readyFile = readyFileOption.isEmpty() ? null : Path.of(readyFileOption).toAbsolutePath();
        boolean authEnabled = !password.isEmpty();
        if (authEnabled && password.length() < 8) {
            fail("the password must have at least 8 characters (Neo4j's minimum)");
        }
        if (port <= 0 || port > 65535) {
            fail("bad port " + port);
        }
        Files.createDirectories(home);
        if (readyFile != null) {
            Files.deleteIfExists(readyFile);
        }

        long started = System.nanoTime();
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(host, port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, authEnabled)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
                // A test server: keep little transaction log (the default keeps 2 days of it).
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "128M size")
                .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, 64L << 20)
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(GraphDatabaseInternalSettings.udc_network_enabled, false)
                // Bolt's Netty loop otherwise waits 2 x 5 s of quiet on shutdown.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(5))
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Neo4j ...");
            try {
                dbms.shutdown();
                System.out.println("Neo4j stopped cleanly");
            } catch (RuntimeException e) {
                System.err.println("Neo4j shutdown failed: " + e);
            } finally {
                deleteQuietly(readyFile);
                stopped.countDown();
            }
        }, "neo4j-test-server-shutdown"));

        try {
            if (authEnabled) {
                GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
                system.executeTransactionally("ALTER USER neo4j SET PASSWORD '"
                        + password.replace("\\", "\\\\").replace("'", "\\'") + "' CHANGE NOT REQUIRED");
            }
            GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            Object one = db.executeTransactionally("RETURN 1 AS one", Map.of(),
                    result -> result.next().get("one"));
            if (!Long.valueOf(1).equals(one)) {
                throw new IllegalStateException("RETURN 1 answered " + one);
            }
        } catch (RuntimeException e) {
            System.err.println("Neo4j did not come up: " + e);
            e.printStackTrace();
            System.exit(1);
        }

        String url = "bolt://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        if (readyFile != null) {
            Path tmp = readyFile.resolveSibling(readyFile.getFileName() + ".tmp");
            Files.writeString(tmp, url + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, readyFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        System.out.printf(Locale.ROOT, "READY %s (Neo4j %s, auth %s, data %s, %.1f s)%n", url,
                org.neo4j.kernel.internal.Version.getNeo4jVersion(), authEnabled ? "enabled" : "disabled",
                home, (System.nanoTime() - started) / 1e9);
        System.out.flush();
        stopped.await();
    }

    private static Map<String, String> parseArgs(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                System.out.println("usage: java -jar neo4j-test-server.jar [--port 57687] [--host 127.0.0.1]"
                        + " [--data DIR] [--password PW] [--pagecache 128m] [--ready-file FILE]");
                System.exit(0);
            }
            if (!arg.startsWith("--")) {
                fail("unexpected argument " + arg);
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                fail("option --" + name + " needs a value");
                return options;
            }
            options.put(name, value);
        }
        for (String name : options.keySet()) {
            if (!java.util.Set.of("port", "host", "data", "password", "pagecache", "ready-file").contains(name)) {
                fail("unknown option --" + name);
            }
        }
        return options;
    }

    private static String option(Map<String, String> options, String name, String env, String fallback) {
        String value = options.get(name);
        if (value == null) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() && !name.equals("password") ? fallback : value.trim();
    }

    private static long parseBytes(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("k")) {
            unit = 1L << 10;
        } else if (t.endsWith("m")) {
            unit = 1L << 20;
        } else if (t.endsWith("g")) {
            unit = 1L << 30;
        }
        if (unit != 1) {
            t = t.substring(0, t.length() - 1);
        }
        return Long.parseLong(t) * unit;
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    private static void fail(String message) {
        System.err.println("neo4j-test-server: " + message);
        System.exit(2);
    }
}
