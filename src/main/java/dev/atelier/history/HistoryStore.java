package dev.atelier.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.data.DataFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The generation history in {@code history.db} (SQLite, WAL, busy timeout so a second Atelier on
 * the same folder waits instead of failing). A damaged file is moved aside with one notice and a
 * new one started; at open, rows whose image is gone are marked {@link HistoryStatus#MISSING} and
 * rows a cut-short save left {@link HistoryStatus#PENDING} are repaired.
 * One connection, used under the store's lock; every write is one transaction.
 */
public final class HistoryStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryStore.class);
    /** How long a write waits for another process's transaction before giving up. */
    static final int BUSY_TIMEOUT_MS = 30_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter ASIDE = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final String COLUMNS = "id, created_at, model_name, model_dir, family, fingerprint, prompt, negative,"
            + " fields_json, seed, steps, guidance, scheduler, timestep_spacing, emphasis, width, height, device,"
            + " provider, total_ms, timings_json, image_path, thumbnail, favourite, origin, origin_group, status, settings_hash";

    private static final String PREFIXED_COLUMNS = java.util.Arrays.stream(COLUMNS.split(","))
            .map(c -> "g." + c.strip()).collect(java.util.stream.Collectors.joining(", "));

    private final Path file;
    private final Path trashDir;
    private final Connection connection;
    private final CompletableFuture<Integer> checks = new CompletableFuture<>();
    /** Set as close begins, so the start-up checks it interrupts end quietly. */
    private volatile boolean closing;

    private HistoryStore(Path file, Path trashDir, Connection connection) {
        this.file = file;
        this.trashDir = trashDir;
        this.connection = connection;
    }

    /** Opens (creating, migrating or replacing a damaged one) the history of {@code data}; notices go to {@code notices}. */
    public static HistoryStore open(DataFolder data, Consumer<String> notices) {
        return open(data.historyDatabase(), data.trashDir(), notices);
    }

    static HistoryStore open(Path file, Path trashDir, Consumer<String> notices) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new HistoryException("Cannot create the data folder " + file.getParent() + ": " + e.getMessage(), e);
        }
        HistoryStore store;
        try {
            store = new HistoryStore(file, trashDir, connect(file, HistorySchema.CURRENT));
        } catch (SQLException e) {
            if (!isDamaged(e)) {
                throw new HistoryException("Cannot open " + file + ": " + firstLine(e), e);
            }
            Path aside = moveAside(file);
            notices.accept("history.db was damaged (" + firstLine(e) + "); moved it to " + aside.getFileName()
                    + " and started a new history");
            try {
                store = new HistoryStore(file, trashDir, connect(file, HistorySchema.CURRENT));
            } catch (SQLException again) {
                throw new HistoryException("Cannot start a new " + file + ": " + firstLine(again), again);
            }
        }
        store.startChecks(notices);
        return store;
    }

    /**
     * The slow part of opening, after the store is usable (so the first page shows at once): the
     * full integrity check, then marking rows whose image is gone. Runs on its own thread; the
     * store's lock is taken only for the database work, not while files are looked at.
     */
    private void startChecks(Consumer<String> notices) {
        Thread.ofPlatform().daemon().name("atelier-history-check").start(() -> {
            try {
                String check = quickCheck();
                if (!"ok".equals(check)) {
                    Files.writeString(damageMarker(file), check);
                    notices.accept("history.db failed its integrity check (" + check + "); it is moved aside and a new"
                            + " history started the next time Atelier opens it");
                    checks.complete(0); // marking rows would only meet the damage again
                    return;
                }
                int repaired = repairPending();
                if (repaired > 0) {
                    LOG.info("{} history rows left pending by an interrupted save repaired", repaired);
                }
                int missing = markMissingFiles();
                if (missing > 0) {
                    notices.accept(missing + " history image" + (missing == 1 ? " is" : "s are") + " missing; kept as 'missing'");
                }
                checks.complete(missing);
            } catch (RuntimeException | IOException e) {
                if (closing) {
                    checks.complete(0); // closed before the checks ended: nothing left to mark
                } else {
                    LOG.debug("history start-up checks failed", e);
                    checks.completeExceptionally(e);
                }
            }
        });
    }

    /**
     * Ends when the start-up checks (integrity, missing files) are done, with the number of rows
     * newly marked missing. Callers that print statuses ({@code history list}) wait for it; the
     * window does not.
     */
    public CompletableFuture<Integer> startupChecks() {
        return checks;
    }

    /** Written beside the database when the background integrity check fails; the next open checks fully and moves it aside. */
    static Path damageMarker(Path file) {
        return file.resolveSibling(file.getFileName() + ".needs-check");
    }

    /** Opens a connection with the history's settings and migrates to {@code version}. */
    static Connection connect(Path file, int version) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL); // WAL + NORMAL: consistent after a crash
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE); // take the write lock up front
        config.enforceForeignKeys(true);
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
        try {
            // reading the schema finds a file that is no database or a broken header at once; the full
            // check reads every page (seconds on a large history), so it runs after open, unless an
            // earlier one failed
            Path marker = damageMarker(file);
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery(Files.exists(marker) ? "PRAGMA quick_check" : "SELECT count(*) FROM sqlite_schema")) {
                String result = rs.getString(1);
                if (Files.exists(marker) && !"ok".equals(result)) {
                    throw new SQLiteException("integrity check failed: " + result, SQLiteErrorCode.SQLITE_CORRUPT);
                }
            }
            Files.deleteIfExists(marker);
            HistorySchema.migrate(c, version);
            return c;
        } catch (IOException e) {
            c.close();
            throw new SQLException("cannot remove " + damageMarker(file) + ": " + e.getMessage(), e);
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private static boolean isDamaged(SQLException e) {
        if (e instanceof SQLiteException s) {
            SQLiteErrorCode code = s.getResultCode();
            return code == SQLiteErrorCode.SQLITE_CORRUPT || code == SQLiteErrorCode.SQLITE_NOTADB
                    || code.name().startsWith("SQLITE_CORRUPT");
        }
        String m = String.valueOf(e.getMessage());
        return m.contains("malformed") || m.contains("not a database");
    }

    private static Path moveAside(Path file) {
        Path aside = file.resolveSibling(file.getFileName() + ".damaged-" + ASIDE.format(Instant.now()));
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            for (String suffix : List.of("-wal", "-shm")) {
                Path side = file.resolveSibling(file.getFileName() + suffix);
                if (Files.exists(side)) {
                    Files.move(side, aside.resolveSibling(aside.getFileName() + suffix), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException io) {
            throw new HistoryException("history.db is damaged and cannot be moved aside: " + io.getMessage(), io);
        }
        return aside;
    }

    /** SQLite's FTS complaint without the driver's prefix: "unterminated string", not "[SQLITE_ERROR] SQL error or ...". */
    static String searchProblem(SQLException e) {
        String line = firstLine(e);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\(([^()]+)\\)\\s*$").matcher(line);
        String problem = m.find() ? m.group(1).strip() : line;
        problem = problem.replaceFirst("^fts5: ", "");
        if (problem.equals("syntax error near \"\"")) {
            return "it ends in the middle";
        }
        return problem.replaceFirst("^no such column: (.*)$", "'$1:' names no field to search in");
    }

    static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        m = m.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl).strip();
    }

    public Path file() {
        return file;
    }

    /** Inserts {@code record} (its id is ignored) in one transaction; returns the new id. */
    public synchronized long insert(HistoryRecord r) {
        String sql = "INSERT INTO generation (created_at, model_name, model_dir, family, fingerprint, prompt, negative,"
                + " fields_json, fields, seed, steps, guidance, scheduler, timestep_spacing, emphasis, width, height,"
                + " device, provider, total_ms, timings_json, image_path, thumbnail, favourite, origin, origin_group,"
                + " status, settings_hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
        return inTransaction(() -> {
            try (PreparedStatement p = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
                int i = 1;
                p.setString(i++, r.createdAt().toString());
                p.setString(i++, r.modelName());
                p.setString(i++, r.modelDir() == null ? "" : r.modelDir());
                p.setString(i++, r.family() == null ? "" : r.family());
                p.setString(i++, r.fingerprint() == null ? "" : r.fingerprint());
                p.setString(i++, r.prompt());
                p.setString(i++, r.negative());
                p.setString(i++, json(r.fields()));
                p.setString(i++, String.join("\n", r.fields().values()));
                p.setLong(i++, r.seed());
                p.setInt(i++, r.steps());
                p.setDouble(i++, r.guidance());
                p.setString(i++, nz(r.scheduler()));
                p.setString(i++, nz(r.timestepSpacing()));
                p.setString(i++, nz(r.emphasis()));
                p.setInt(i++, r.width());
                p.setInt(i++, r.height());
                p.setString(i++, nz(r.device()));
                p.setString(i++, nz(r.provider()));
                p.setDouble(i++, r.totalMillis());
                p.setString(i++, r.timingsJson() == null ? "{}" : r.timingsJson());
                p.setString(i++, r.imageFile().toString());
                p.setBytes(i++, r.thumbnail());
                p.setInt(i++, r.favourite() ? 1 : 0);
                p.setString(i++, r.origin());
                p.setLong(i++, r.originGroup());
                p.setString(i++, r.status().dbName());
                p.setString(i, r.settingsHash());
                p.executeUpdate();
                try (ResultSet keys = p.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** The rows {@code query} selects, newest first. */
    public synchronized List<HistoryRecord> list(HistoryQuery q) {
        // the ids are chosen (and sorted) first, the full rows (thumbnails) read only for the page:
        // sorting 1 000 search hits with their thumbnails cost 3x the whole search
        StringBuilder sql = new StringBuilder("SELECT g.id FROM generation g");
        List<Object> args = new ArrayList<>();
        List<String> where = new ArrayList<>();
        boolean fts = false;
        if (q.text() != null) {
            String literal = substringQuery(q.text());
            if (literal != null) {
                // a scan of the bytes: trigram indexes need 3 characters, and FTS queries end at a NUL
                where.add("(instr(CAST(g.prompt AS BLOB), CAST(? AS BLOB)) > 0"
                        + " OR instr(CAST(coalesce(g.negative, '') AS BLOB), CAST(? AS BLOB)) > 0"
                        + " OR instr(CAST(g.fields AS BLOB), CAST(? AS BLOB)) > 0)");
                args.add(literal);
                args.add(literal);
                args.add(literal);
            } else {
                sql.append(" JOIN generation_fts f ON f.rowid = g.id");
                where.add("generation_fts MATCH ?");
                args.add(q.text());
                fts = true;
            }
        }
        if (q.model() != null) {
            where.add("g.model_name = ?");
            args.add(q.model());
        }
        if (q.favouritesOnly()) {
            where.add("g.favourite = 1");
        }
        if (q.from() != null) {
            where.add("g.created_at >= ?");
            args.add(q.from().toString());
        }
        if (q.to() != null) {
            where.add("g.created_at < ?");
            args.add(q.to().toString());
        }
        // through the status index: the few deleted or pending ids, instead of every candidate row's status
        where.add(q.includeDeleted() ? "g.id NOT IN (SELECT id FROM generation WHERE status = 'pending')"
                : "g.id NOT IN (SELECT id FROM generation WHERE status IN ('deleted', 'pending'))");
        if (!where.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", where));
        }
        sql.append(" ORDER BY g.id DESC LIMIT ? OFFSET ?");
        args.add(q.limit());
        args.add(q.offset());
        String page = "SELECT " + PREFIXED_COLUMNS + " FROM generation g WHERE g.id IN (" + sql + ") ORDER BY g.id DESC";
        try (PreparedStatement p = connection.prepareStatement(page)) {
            for (int i = 0; i < args.size(); i++) {
                p.setObject(i + 1, args.get(i));
            }
            return readAll(p);
        } catch (SQLException e) {
            if (fts && isQuerySyntax(e)) {
                throw new HistorySearchException("cannot search for '" + q.text() + "' (" + searchProblem(e)
                        + "); expected words of 3 or more characters, \"a phrase\" in double quotes, AND, OR, NOT", e);
            }
            throw failure("read the history", e);
        }
    }

    /**
     * The text to find by a plain substring scan instead of the FTS index, or {@code null}: texts
     * under 3 characters, and texts with a NUL (one phrase in quotes is unwrapped first).
     */
    static String substringQuery(String text) {
        String t = text.strip();
        if (t.indexOf('\u0000') >= 0) {
            if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
                t = t.substring(1, t.length() - 1).replace("\"\"", "\"");
            }
            return t;
        }
        return t.codePointCount(0, t.length()) < 3 ? t : null;
    }

    private static boolean isQuerySyntax(SQLException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("fts5") || m.contains("syntax error") || m.contains("no such column")
                || m.contains("unterminated") || m.contains("MATCH");
    }

    /** One row, or empty. */
    public synchronized Optional<HistoryRecord> get(long id) {
        try (PreparedStatement p = connection.prepareStatement("SELECT " + COLUMNS + " FROM generation WHERE id = ?")) {
            p.setLong(1, id);
            List<HistoryRecord> rows = readAll(p);
            return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
        } catch (SQLException e) {
            throw failure("read the history", e);
        }
    }

    /**
     * The newest row of a grid cell with settings hash {@code settingsHash}, made by the model with
     * {@code fingerprint}, whose image file is still in place; empty when there is none (deleted
     * or missing rows, and rows whose file is gone since, do not count).
     */
    public Optional<HistoryRecord> findBySettings(String settingsHash, String fingerprint) {
        if (settingsHash == null || settingsHash.isEmpty()) {
            return Optional.empty();
        }
        List<HistoryRecord> rows;
        synchronized (this) {
            try (PreparedStatement p = connection.prepareStatement("SELECT " + COLUMNS + " FROM generation"
                    + " WHERE settings_hash = ? AND fingerprint = ? AND status = 'ok' ORDER BY id DESC LIMIT 8")) {
                p.setString(1, settingsHash);
                p.setString(2, fingerprint);
                rows = readAll(p);
            } catch (SQLException e) {
                throw failure("read the history", e);
            }
        }
        return rows.stream().filter(r -> Files.isRegularFile(r.imageFile())).findFirst();
    }

    /** Rows not deleted (nor pending). */
    public synchronized int count() {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM generation WHERE status NOT IN ('deleted', 'pending')")) {
            return rs.getInt(1);
        } catch (SQLException e) {
            throw failure("read the history", e);
        }
    }

    /** Stars or unstars a row; false when there is no such row. */
    public synchronized boolean setFavourite(long id, boolean favourite) {
        return inTransaction(() -> {
            try (PreparedStatement p = connection.prepareStatement("UPDATE generation SET favourite = ? WHERE id = ?")) {
                p.setInt(1, favourite ? 1 : 0);
                p.setLong(2, id);
                return p.executeUpdate() == 1;
            }
        });
    }

    /**
     * Deletes a row for the user: its image moves to the trash folder and the row is marked
     * {@link HistoryStatus#DELETED} (kept, so it can be restored by hand). False when unknown or already deleted.
     */
    public synchronized boolean delete(long id) {
        Optional<HistoryRecord> row = get(id);
        if (row.isEmpty() || row.get().status() == HistoryStatus.DELETED) {
            return false;
        }
        Path image = row.get().imageFile();
        Path trashed = null;
        if (Files.exists(image)) {
            try {
                Files.createDirectories(trashDir);
                trashed = trashDir.resolve(id + "-" + image.getFileName());
                Files.move(image, trashed, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new HistoryException("Cannot move " + image + " to the trash " + trashDir + ": " + e.getMessage(), e);
            }
        }
        String trashPath = trashed == null ? null : trashed.toString();
        return inTransaction(() -> {
            try (PreparedStatement p = connection.prepareStatement(
                    "UPDATE generation SET status = 'deleted', trash_path = ? WHERE id = ?")) {
                p.setString(1, trashPath);
                p.setLong(2, id);
                return p.executeUpdate() == 1;
            }
        });
    }

    /**
     * Marks pending row {@code id} as saved, its image being in place now. Returns its id; when the
     * row is gone (another Atelier's start-up repair dropped it while its image was being written),
     * {@code row} is inserted again as saved and the new id returned.
     */
    public long markSaved(long id, HistoryRecord row) {
        synchronized (this) {
            boolean updated = inTransaction(() -> {
                try (PreparedStatement p = connection.prepareStatement(
                        "UPDATE generation SET status = 'ok' WHERE id = ? AND status IN ('pending', 'ok')")) {
                    p.setLong(1, id);
                    return p.executeUpdate() == 1;
                }
            });
            return updated ? id : insert(row.withStatus(HistoryStatus.OK));
        }
    }

    /** Drops pending row {@code id} (its image could not be written); a row no longer pending is left alone. */
    public synchronized void discard(long id) {
        inTransaction(() -> {
            try (PreparedStatement p = connection.prepareStatement("DELETE FROM generation WHERE id = ? AND status = 'pending'")) {
                p.setLong(1, id);
                return p.executeUpdate();
            }
        });
    }

    /**
     * Repairs rows left pending by a save that was cut short (signal, kill, power loss): a row whose
     * image is in place becomes {@link HistoryStatus#OK} (the image is complete, it was moved into
     * place whole), a row without its image is dropped. Returns how many rows were repaired.
     */
    public int repairPending() {
        Map<Long, String> images = new LinkedHashMap<>();
        synchronized (this) {
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id, image_path FROM generation WHERE status = 'pending'")) {
                while (rs.next()) {
                    images.put(rs.getLong(1), rs.getString(2));
                }
            } catch (SQLException e) {
                throw failure("read the history", e);
            }
        }
        if (images.isEmpty()) {
            return 0;
        }
        Map<Long, Boolean> present = new LinkedHashMap<>();
        images.forEach((id, image) -> present.put(id, Files.isRegularFile(Path.of(image)))); // without the lock
        synchronized (this) {
            // only rows still pending: a save that ended meanwhile wins
            return inTransaction(() -> {
                int n = 0;
                try (PreparedStatement keep = connection.prepareStatement(
                        "UPDATE generation SET status = 'ok' WHERE id = ? AND status = 'pending'");
                     PreparedStatement drop = connection.prepareStatement(
                             "DELETE FROM generation WHERE id = ? AND status = 'pending'")) {
                    for (var e : present.entrySet()) {
                        PreparedStatement p = e.getValue() ? keep : drop;
                        p.setLong(1, e.getKey());
                        n += p.executeUpdate();
                    }
                }
                return n;
            });
        }
    }

    /** Marks rows whose image is gone as missing (and missing rows whose image is back as ok); returns newly missing. */
    public int markMissingFiles() {
        record StoredImage(long id, String image, HistoryStatus status) {
        }
        List<StoredImage> rows = new ArrayList<>();
        synchronized (this) {
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id, image_path, status FROM generation WHERE status NOT IN ('deleted', 'pending')")) {
                while (rs.next()) {
                    rows.add(new StoredImage(rs.getLong(1), rs.getString(2), HistoryStatus.fromDb(rs.getString(3))));
                }
            } catch (SQLException e) {
                throw failure("read the history", e);
            }
        }
        // the files are looked at without the lock, so pages and searches are not held up meanwhile
        Map<Long, HistoryStatus> changes = new LinkedHashMap<>();
        for (StoredImage r : rows) {
            boolean present = Files.exists(Path.of(r.image()));
            if (!present && r.status() == HistoryStatus.OK) {
                changes.put(r.id(), HistoryStatus.MISSING);
            } else if (present && r.status() == HistoryStatus.MISSING) {
                changes.put(r.id(), HistoryStatus.OK);
            }
        }
        if (changes.isEmpty()) {
            return 0;
        }
        synchronized (this) {
            // only rows still as they were read: a delete meanwhile wins
            inTransaction(() -> {
                try (PreparedStatement p = connection.prepareStatement(
                        "UPDATE generation SET status = ? WHERE id = ? AND status = ?")) {
                    for (var e : changes.entrySet()) {
                        p.setString(1, e.getValue().dbName());
                        p.setLong(2, e.getKey());
                        p.setString(3, (e.getValue() == HistoryStatus.MISSING ? HistoryStatus.OK : HistoryStatus.MISSING).dbName());
                        p.addBatch();
                    }
                    p.executeBatch();
                }
                return null;
            });
        }
        return (int) changes.values().stream().filter(s -> s == HistoryStatus.MISSING).count();
    }

    /** {@code PRAGMA quick_check}: "ok" when sound (reads every page). */
    synchronized String quickCheck() {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
            return rs.getString(1);
        } catch (SQLException e) {
            if (isDamaged(e)) {
                return firstLine(e);
            }
            throw failure("check the history", e);
        }
    }

    /** The result of {@code PRAGMA integrity_check}: "ok" when sound. */
    public synchronized String integrityCheck() {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            return rs.getString(1);
        } catch (SQLException e) {
            throw failure("check the history", e);
        }
    }

    /** The schema version of the open database. */
    public synchronized int schemaVersion() {
        try {
            return HistorySchema.version(connection);
        } catch (SQLException e) {
            throw failure("read the history", e);
        }
    }

    private List<HistoryRecord> readAll(PreparedStatement p) throws SQLException {
        List<HistoryRecord> out = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                out.add(read(rs));
            }
        }
        return out;
    }

    private static HistoryRecord read(ResultSet rs) throws SQLException {
        int i = 1;
        return new HistoryRecord(rs.getLong(i++), Instant.parse(rs.getString(i++)), rs.getString(i++), rs.getString(i++),
                rs.getString(i++), rs.getString(i++), rs.getString(i++), rs.getString(i++), fields(rs.getString(i++)),
                rs.getLong(i++), rs.getInt(i++), rs.getDouble(i++), rs.getString(i++), rs.getString(i++),
                rs.getString(i++), rs.getInt(i++), rs.getInt(i++), rs.getString(i++), rs.getString(i++),
                rs.getDouble(i++), rs.getString(i++), Path.of(rs.getString(i++)), rs.getBytes(i++), rs.getInt(i++) == 1,
                rs.getString(i++), rs.getLong(i++), HistoryStatus.fromDb(rs.getString(i++)), rs.getString(i));
    }

    private static Map<String, String> fields(String json) {
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** A statement run inside a transaction. */
    @FunctionalInterface
    private interface Work<T> {
        T run() throws SQLException;
    }

    private <T> T inTransaction(Work<T> work) {
        try {
            connection.setAutoCommit(false);
            try {
                T result = work.run();
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("write the history", e);
        }
    }

    private HistoryException failure(String what, SQLException e) {
        LOG.debug("history failure", e);
        return new HistoryException("Cannot " + what + " (" + file + "): " + firstLine(e), e);
    }

    @Override
    public void close() {
        closing = true;
        if (!checks.isDone()) {
            try {
                // a short command (generate, compare) need not wait for the full check it is not using
                connection.unwrap(SQLiteConnection.class).getDatabase().interrupt();
            } catch (SQLException e) {
                LOG.debug("interrupting the start-up check failed", e);
            }
        }
        synchronized (this) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.warn("closing {} failed: {}", file, e.toString());
            }
        }
    }
}
