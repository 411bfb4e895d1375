package dev.atelier.preset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The user's preset library: its own SQLite file {@value #FILE_NAME} in the data folder, apart from
 * the history (docs/FORMATS.md says why). Every change runs in a transaction; the schema version is
 * {@code PRAGMA user_version}; deleting is soft so it can be undone with {@link #restore(long)}.
 * Thread-safe (one connection, every public method synchronised).
 */
public final class PresetLibrary implements AutoCloseable {
    public static final String FILE_NAME = "library.db";
    /** The schema this class writes; each step in {@link #MIGRATIONS} takes version i to i + 1. */
    static final int SCHEMA_VERSION = 1;
    private static final List<List<String>> MIGRATIONS = List.of(List.of(
            """
            CREATE TABLE preset (id INTEGER PRIMARY KEY, name TEXT NOT NULL, data TEXT NOT NULL,
              search TEXT NOT NULL, thumbnail BLOB, favourite INTEGER NOT NULL DEFAULT 0,
              folder TEXT NOT NULL DEFAULT '', created_ms INTEGER NOT NULL, updated_ms INTEGER NOT NULL,
              deleted_ms INTEGER)""",
            "CREATE UNIQUE INDEX preset_live_name ON preset(name) WHERE deleted_ms IS NULL",
            """
            CREATE TABLE preset_tag (preset_id INTEGER NOT NULL REFERENCES preset(id) ON DELETE CASCADE,
              tag TEXT NOT NULL, PRIMARY KEY (preset_id, tag))"""));
    private static final String COLUMNS = "id, data, thumbnail, created_ms, updated_ms";
    private static final String INSERT = "INSERT INTO preset (name, data, search, thumbnail, favourite, folder, "
            + "created_ms, updated_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
    private static final String INSERT_TAG = "INSERT INTO preset_tag (preset_id, tag) VALUES (?, ?)";

    private final Connection db;
    private final Clock clock;

    /** Opens (creating if needed) the library in {@code folder}. */
    public PresetLibrary(Path folder) throws IOException {
        this(folder, Clock.systemUTC());
    }

    PresetLibrary(Path folder, Clock clock) throws IOException {
        this.clock = Objects.requireNonNull(clock, "clock");
        Files.createDirectories(folder);
        Path file = folder.resolve(FILE_NAME);
        try {
            db = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA foreign_keys=ON");
                s.execute("PRAGMA busy_timeout=5000");
            }
            migrate(file);
        } catch (SQLException e) {
            throw new IOException("Cannot open the preset library " + file + ": " + e.getMessage(), e);
        }
    }

    private void migrate(Path file) throws SQLException, IOException {
        int version;
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("PRAGMA user_version")) {
            version = r.getInt(1);
        }
        if (version > SCHEMA_VERSION) {
            throw new IOException("The preset library " + file + " has schema version " + version
                    + ", newer than this Atelier's " + SCHEMA_VERSION + "; update Atelier");
        }
        for (int v = version; v < SCHEMA_VERSION; v++) {
            int next = v + 1;
            List<String> steps = MIGRATIONS.get(v);
            inTransaction(() -> {
                try (Statement s = db.createStatement()) {
                    for (String sql : steps) {
                        s.execute(sql);
                    }
                    s.execute("PRAGMA user_version = " + next);
                }
                return null;
            });
        }
    }

    /** Every live preset, by name. */
    public synchronized List<LibraryEntry> all() throws IOException {
        return query("SELECT " + COLUMNS + " FROM preset WHERE deleted_ms IS NULL ORDER BY name COLLATE NOCASE", List.of());
    }

    /**
     * Live presets matching every given criterion: {@code text} (case-insensitive, in the name,
     * any field, note or tags; blank = any), {@code tag}, {@code folder} (that folder and below),
     * favourites only.
     */
    public synchronized List<LibraryEntry> search(String text, String tag, String folder, boolean favouritesOnly) throws IOException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM preset p WHERE deleted_ms IS NULL");
        List<Object> args = new ArrayList<>();
        if (text != null && !text.isBlank()) {
            sql.append(" AND instr(search, ?) > 0");
            args.add(text.strip().toLowerCase(Locale.ROOT));
        }
        if (tag != null && !tag.isBlank()) {
            sql.append(" AND EXISTS (SELECT 1 FROM preset_tag t WHERE t.preset_id = p.id AND t.tag = ?)");
            args.add(tag.strip());
        }
        if (folder != null && !folder.isBlank()) {
            sql.append(" AND (folder = ? OR substr(folder, 1, ?) = ?)");
            args.add(folder.strip());
            args.add(folder.strip().length() + 1);
            args.add(folder.strip() + "/");
        }
        if (favouritesOnly) {
            sql.append(" AND favourite = 1");
        }
        return query(sql.append(" ORDER BY name COLLATE NOCASE").toString(), args);
    }

    public synchronized Optional<LibraryEntry> find(String name) throws IOException {
        return query("SELECT " + COLUMNS + " FROM preset WHERE deleted_ms IS NULL AND name = ?", List.of(name)).stream().findFirst();
    }

    /** Tags in use by live presets, sorted. */
    public synchronized List<String> tags() throws IOException {
        return strings("SELECT DISTINCT tag FROM preset_tag t JOIN preset p ON p.id = t.preset_id "
                + "WHERE p.deleted_ms IS NULL ORDER BY tag");
    }

    /** Folders in use by live presets, sorted ("" for the top level is left out). */
    public synchronized List<String> folders() throws IOException {
        return strings("SELECT DISTINCT folder FROM preset WHERE deleted_ms IS NULL AND folder <> '' ORDER BY folder");
    }

    /**
     * Saves {@code preset}: adds it, or replaces the live preset with the same name (keeping its
     * created time).
     */
    public synchronized LibraryEntry save(Preset preset) throws IOException {
        return inTransaction(() -> {
            Optional<Long> id = liveId(preset.name());
            long now = clock.millis();
            if (id.isPresent()) {
                update(id.get(), preset, now);
                return entry(id.get());
            }
            return entry(insert(preset, now));
        });
    }

    /**
     * Renames the live preset {@code oldName}.
     *
     * @throws IllegalArgumentException when there is no such preset or the new name is taken
     */
    public synchronized LibraryEntry rename(String oldName, String newName) throws IOException {
        return inTransaction(() -> {
            long id = liveId(oldName).orElseThrow(() -> missing(oldName));
            if (!oldName.equals(newName) && liveId(newName).isPresent()) {
                throw new IllegalArgumentException("a preset named '" + newName + "' already exists; choose another name");
            }
            update(id, entry(id).preset().withName(newName), clock.millis());
            return entry(id);
        });
    }

    /** A copy of {@code name} under the first free name "name (copy)", "name (copy 2)", … */
    public synchronized LibraryEntry duplicate(String name) throws IOException {
        return inTransaction(() -> {
            Preset source = entry(liveId(name).orElseThrow(() -> missing(name))).preset();
            String copy = freeName(name + " (copy)");
            return entry(insert(source.withName(copy), clock.millis()));
        });
    }

    /** Marks or unmarks {@code name} as a favourite. */
    public synchronized LibraryEntry setFavourite(String name, boolean favourite) throws IOException {
        return inTransaction(() -> {
            long id = liveId(name).orElseThrow(() -> missing(name));
            update(id, entry(id).preset().withFavourite(favourite), clock.millis());
            return entry(id);
        });
    }

    /**
     * Deletes {@code name} softly; {@link #restore(long)} with the returned id undoes it.
     *
     * @throws IllegalArgumentException when there is no such preset
     */
    public synchronized long delete(String name) throws IOException {
        return inTransaction(() -> {
            long id = liveId(name).orElseThrow(() -> missing(name));
            execute("UPDATE preset SET deleted_ms = ? WHERE id = ?", List.of(clock.millis(), id));
            return id;
        });
    }

    /**
     * Brings back a deleted preset; if its name was taken meanwhile it comes back renamed
     * ("name (2)").
     */
    public synchronized LibraryEntry restore(long id) throws IOException {
        return inTransaction(() -> {
            LibraryEntry gone = entry(id);
            String name = freeName(gone.preset().name());
            if (!name.equals(gone.preset().name())) {
                update(id, gone.preset().withName(name), clock.millis());
            }
            execute("UPDATE preset SET deleted_ms = NULL WHERE id = ?", List.of(id));
            return entry(id);
        });
    }

    /** Deletes for good every preset deleted before {@code before}; returns how many. */
    public synchronized int purgeDeleted(Instant before) throws IOException {
        return inTransaction(() -> execute("DELETE FROM preset WHERE deleted_ms IS NOT NULL AND deleted_ms < ?",
                List.of(before.toEpochMilli())));
    }

    /**
     * Adds {@code presets} in one transaction: all or nothing. Name clashes with the library follow
     * {@code onConflict}; a replaced preset is soft-deleted, so it can be restored.
     *
     * @throws IllegalArgumentException when two of {@code presets} share a name
     */
    public synchronized ImportReport importAll(List<Preset> presets, OnConflict onConflict) throws IOException {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Preset p : presets) {
            if (!names.add(p.name())) {
                throw new PresetFormatException("the preset name '" + p.name() + "' appears twice in the import; names must be unique");
            }
        }
        return inTransaction(() -> {
            int added = 0;
            int replaced = 0;
            int skipped = 0;
            List<String> renamed = new ArrayList<>();
            long now = clock.millis();
            Map<String, Long> live = liveIds();
            try (PreparedStatement insert = db.prepareStatement(INSERT);
                 PreparedStatement tag = db.prepareStatement(INSERT_TAG);
                 PreparedStatement delete = db.prepareStatement("UPDATE preset SET deleted_ms = ? WHERE id = ?")) {
                for (Preset p : presets) {
                    Long existing = live.get(p.name());
                    Preset stored = p;
                    if (existing != null && onConflict == OnConflict.SKIP) {
                        skipped++;
                        continue;
                    }
                    if (existing != null && onConflict == OnConflict.REPLACE) {
                        delete.setLong(1, now);
                        delete.setLong(2, existing);
                        delete.executeUpdate();
                        replaced++;
                    } else if (existing != null) {
                        String name = p.name();
                        for (int n = 2; live.containsKey(name); n++) {
                            name = p.name() + " (" + n + ")";
                        }
                        stored = p.withName(name);
                        renamed.add(p.name() + " → " + name);
                        added++;
                    } else {
                        added++;
                    }
                    live.put(stored.name(), insert(insert, tag, stored, now));
                }
            }
            return new ImportReport(added, replaced, skipped, renamed);
        });
    }

    private Map<String, Long> liveIds() throws SQLException {
        Map<String, Long> ids = new HashMap<>();
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT name, id FROM preset WHERE deleted_ms IS NULL")) {
            while (r.next()) {
                ids.put(r.getString(1), r.getLong(2));
            }
        }
        return ids;
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            db.close();
        } catch (SQLException e) {
            throw new IOException("Cannot close the preset library: " + e.getMessage(), e);
        }
    }

    private String freeName(String wanted) throws SQLException {
        if (liveId(wanted).isEmpty()) {
            return wanted;
        }
        for (int n = 2; ; n++) {
            String candidate = wanted + " (" + n + ")";
            if (liveId(candidate).isEmpty()) {
                return candidate;
            }
        }
    }

    private static IllegalArgumentException missing(String name) {
        return new IllegalArgumentException("no preset named '" + name + "' in the library");
    }

    private long insert(Preset p, long now) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement(INSERT);
             PreparedStatement tag = db.prepareStatement(INSERT_TAG)) {
            return insert(insert, tag, p, now);
        }
    }

    private static long insert(PreparedStatement insert, PreparedStatement tag, Preset p, long now) throws SQLException {
        bindPreset(insert, p);
        insert.setLong(7, now);
        insert.setLong(8, now);
        long id;
        // RETURNING gives the id in the insert's own step (getGeneratedKeys runs a second query per row)
        try (ResultSet keys = insert.executeQuery()) {
            keys.next();
            id = keys.getLong(1);
        }
        writeTags(tag, id, p);
        return id;
    }

    private void update(long id, Preset p, long now) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("UPDATE preset SET name = ?, data = ?, search = ?, thumbnail = ?, "
                + "favourite = ?, folder = ?, updated_ms = ? WHERE id = ?")) {
            bindPreset(s, p);
            s.setLong(7, now);
            s.setLong(8, id);
            s.executeUpdate();
        }
        execute("DELETE FROM preset_tag WHERE preset_id = ?", List.of(id));
        writeTags(id, p);
    }

    private static void bindPreset(PreparedStatement s, Preset p) throws SQLException {
        s.setString(1, p.name());
        s.setString(2, PresetJson.compactAtelier(p.withThumbnail(null)));
        PresetPrompt f = p.prompt();
        s.setString(3, String.join("\n", p.name(), f.subject(), f.composition(), f.style(), f.lighting(), f.freeText(),
                f.negative(), p.note(), String.join(" ", p.tags())).toLowerCase(Locale.ROOT));
        s.setBytes(4, p.thumbnail());
        s.setInt(5, p.favourite() ? 1 : 0);
        s.setString(6, p.folder());
    }

    private void writeTags(long id, Preset p) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(INSERT_TAG)) {
            writeTags(s, id, p);
        }
    }

    private static void writeTags(PreparedStatement s, long id, Preset p) throws SQLException {
        for (String tag : p.tags()) {
            s.setLong(1, id);
            s.setString(2, tag);
            s.executeUpdate();
        }
    }

    private Optional<Long> liveId(String name) throws SQLException {
        try (PreparedStatement s = db.prepareStatement("SELECT id FROM preset WHERE deleted_ms IS NULL AND name = ?")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
            }
        }
    }

    private LibraryEntry entry(long id) throws SQLException {
        List<LibraryEntry> found = rows("SELECT " + COLUMNS + " FROM preset WHERE id = ?", List.of(id));
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no preset with id " + id + " in the library");
        }
        return found.getFirst();
    }

    private List<LibraryEntry> query(String sql, List<Object> args) throws IOException {
        try {
            return rows(sql, args);
        } catch (SQLException e) {
            throw new IOException("Cannot read the preset library: " + e.getMessage(), e);
        }
    }

    private List<LibraryEntry> rows(String sql, List<Object> args) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            bind(s, args);
            List<LibraryEntry> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Preset p = PresetJson.readAtelier(r.getString(2)).getFirst().withThumbnail(r.getBytes(3));
                    out.add(new LibraryEntry(r.getLong(1), p, Instant.ofEpochMilli(r.getLong(4)), Instant.ofEpochMilli(r.getLong(5))));
                }
            }
            return out;
        }
    }

    private List<String> strings(String sql) throws IOException {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (r.next()) {
                out.add(r.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IOException("Cannot read the preset library: " + e.getMessage(), e);
        }
    }

    private int execute(String sql, List<Object> args) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            bind(s, args);
            return s.executeUpdate();
        }
    }

    private static void bind(PreparedStatement s, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            s.setObject(i + 1, args.get(i));
        }
    }

    private interface LibraryTransaction<T> {
        T run() throws SQLException;
    }

    private <T> T inTransaction(LibraryTransaction<T> work) throws IOException {
        try {
            db.setAutoCommit(false);
            try {
                T result = work.run();
                db.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IOException("Cannot change the preset library: " + e.getMessage(), e);
        }
    }
}
