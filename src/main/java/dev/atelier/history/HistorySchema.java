package dev.atelier.history;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The history schema, versioned with {@code PRAGMA user_version}: migration i takes version i to
 * i + 1. Migrations only go forward and run in one immediate transaction, so two processes
 * opening an old database at once migrate it once.
 */
final class HistorySchema {
    /** Version 1: the first release's table (kept to test migrating old databases). */
    private static final List<String> V1 = List.of("""
            CREATE TABLE generation (
              id INTEGER PRIMARY KEY,
              created_at TEXT NOT NULL,
              model_name TEXT NOT NULL,
              model_dir TEXT NOT NULL,
              prompt TEXT NOT NULL,
              negative TEXT,
              seed INTEGER NOT NULL,
              steps INTEGER NOT NULL,
              guidance REAL NOT NULL,
              scheduler TEXT NOT NULL,
              width INTEGER NOT NULL,
              height INTEGER NOT NULL,
              image_path TEXT NOT NULL,
              favourite INTEGER NOT NULL DEFAULT 0)""");

    /** Version 2: every field of issue 16, row status, and the FTS5 index kept in step by triggers. */
    private static final List<String> V2 = List.of(
            "ALTER TABLE generation ADD COLUMN family TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE generation ADD COLUMN fingerprint TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE generation ADD COLUMN fields_json TEXT NOT NULL DEFAULT '{}'",
            "ALTER TABLE generation ADD COLUMN fields TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE generation ADD COLUMN timestep_spacing TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE generation ADD COLUMN emphasis TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE generation ADD COLUMN device TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE generation ADD COLUMN provider TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE generation ADD COLUMN total_ms REAL NOT NULL DEFAULT 0",
            "ALTER TABLE generation ADD COLUMN timings_json TEXT NOT NULL DEFAULT '{}'",
            "ALTER TABLE generation ADD COLUMN thumbnail BLOB",
            "ALTER TABLE generation ADD COLUMN origin TEXT NOT NULL DEFAULT 'single'",
            "ALTER TABLE generation ADD COLUMN origin_group INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE generation ADD COLUMN status TEXT NOT NULL DEFAULT 'ok'",
            "ALTER TABLE generation ADD COLUMN trash_path TEXT",
            "CREATE INDEX generation_created ON generation(created_at)",
            "CREATE INDEX generation_model ON generation(model_name, id)",
            "CREATE INDEX generation_favourite ON generation(favourite, id)",
            // trigram: substring search that also finds emoji, CJK and punctuation-heavy prompts
            """
            CREATE VIRTUAL TABLE generation_fts USING fts5(prompt, negative, fields,
              content='generation', content_rowid='id', tokenize='trigram')""",
            """
            CREATE TRIGGER generation_fts_insert AFTER INSERT ON generation BEGIN
              INSERT INTO generation_fts(rowid, prompt, negative, fields)
              VALUES (new.id, new.prompt, coalesce(new.negative, ''), new.fields);
            END""",
            """
            CREATE TRIGGER generation_fts_delete AFTER DELETE ON generation BEGIN
              INSERT INTO generation_fts(generation_fts, rowid, prompt, negative, fields)
              VALUES ('delete', old.id, old.prompt, coalesce(old.negative, ''), old.fields);
            END""",
            """
            CREATE TRIGGER generation_fts_update AFTER UPDATE OF prompt, negative, fields ON generation BEGIN
              INSERT INTO generation_fts(generation_fts, rowid, prompt, negative, fields)
              VALUES ('delete', old.id, old.prompt, coalesce(old.negative, ''), old.fields);
              INSERT INTO generation_fts(rowid, prompt, negative, fields)
              VALUES (new.id, new.prompt, coalesce(new.negative, ''), new.fields);
            END""",
            "INSERT INTO generation_fts(generation_fts) VALUES ('rebuild')");

    /**
     * Version 3: a grid cell's settings hash, so a grid can take a cell already generated from the
     * history; and an index on status, so pages leave deleted rows out without reading each row's
     * status (it is stored after the thumbnail, in overflow pages).
     */
    private static final List<String> V3 = List.of(
            "ALTER TABLE generation ADD COLUMN settings_hash TEXT NOT NULL DEFAULT ''",
            "CREATE INDEX generation_settings_hash ON generation(settings_hash, fingerprint)",
            "CREATE INDEX generation_status ON generation(status)");

    private static final List<List<String>> MIGRATIONS = List.of(V1, V2, V3);

    /** The version this build writes. */
    static final int CURRENT = MIGRATIONS.size();

    private HistorySchema() {
    }

    static int version(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); var rs = s.executeQuery("PRAGMA user_version")) {
            return rs.getInt(1);
        }
    }

    /** Brings the database up to {@code target}; a newer database than this build knows is refused. */
    static void migrate(Connection c, int target) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false); // the connection begins IMMEDIATE transactions (see HistoryStore)
        try (Statement s = c.createStatement()) {
            int version = version(c);
            if (version > CURRENT) {
                throw new SQLException("history.db has schema version " + version + ", newer than this Atelier ("
                        + CURRENT + "); expected " + CURRENT + " or older");
            }
            for (int v = version; v < target; v++) {
                for (String sql : MIGRATIONS.get(v)) {
                    s.execute(sql);
                }
                s.execute("PRAGMA user_version = " + (v + 1));
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }
}
