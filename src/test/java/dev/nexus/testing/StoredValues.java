package dev.nexus.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Every value in every table of a SQLite file, as text: for asserting that a secret is stored nowhere in the clear. */
public final class StoredValues {
    private StoredValues() {}

    public static List<String> of(Path db) {
        List<String> values = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            values.add(String.valueOf(rs.getObject(i)));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + db, e);
        }
        return values;
    }
}
