package dev.amends.activities.db;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * The embedded database's guard for tables whose rows are history: any UPDATE or DELETE of a row is
 * refused by the database itself, as PostgreSQL's {@code amends_refuse_rewrite()} does. Installed
 * per table by a migration:
 *
 * <pre>
 * CREATE TRIGGER t_append_only BEFORE UPDATE, DELETE ON t FOR EACH ROW
 *   CALL 'dev.amends.activities.db.AppendOnlyTrigger';
 * </pre>
 */
public class AppendOnlyTrigger implements Trigger {
  /** SQLSTATE restrict_violation, the same code PostgreSQL raises, so both translate alike. */
  public static final String SQL_STATE = "23001";

  private String table;
  private String operation;

  @Override
  public void init(
      Connection conn, String schema, String trigger, String table, boolean before, int type) {
    this.table = table.toLowerCase();
    this.operation = (type & DELETE) != 0 ? "DELETE" : "UPDATE";
  }

  @Override
  public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
    String op = newRow == null ? "DELETE" : oldRow == null ? operation : "UPDATE";
    throw new SQLException(table + " is append-only: " + op + " refused", SQL_STATE);
  }
}
