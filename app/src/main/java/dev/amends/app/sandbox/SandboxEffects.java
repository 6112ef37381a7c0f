package dev.amends.app.sandbox;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The stock, shipping and mail sandboxes' records: one row per effect under its idempotency key.
 * Recording a key twice returns the first row, so a repeated call never acts twice.
 */
@Component
public class SandboxEffects {
  private final JdbcClient jdbc;

  public SandboxEffects(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public record Effect(
      String idempotencyKey,
      String system,
      String orderId,
      String kind,
      String reference,
      String undoesKey,
      String detail) {}

  /** Records the effect unless its key exists; returns whichever row holds the key. */
  public Effect record(Effect effect) {
    Optional<Effect> existing = find(effect.idempotencyKey());
    if (existing.isPresent()) {
      return existing.get();
    }
    try {
      jdbc.sql(
              """
              INSERT INTO sandbox_effect (idempotency_key, system, order_id, kind, reference,
                undoes_key, detail, created_at)
              VALUES (:key, :system, :order, :kind, :ref, :undoes, :detail, :now)
              """)
          .param("key", effect.idempotencyKey())
          .param("system", effect.system())
          .param("order", effect.orderId())
          .param("kind", effect.kind())
          .param("ref", effect.reference())
          .param("undoes", effect.undoesKey())
          .param("detail", effect.detail())
          .param("now", Timestamp.from(Instant.now()))
          .update();
      return effect;
    } catch (DuplicateKeyException raced) {
      return find(effect.idempotencyKey()).orElseThrow();
    }
  }

  public Optional<Effect> find(String idempotencyKey) {
    return jdbc.sql("SELECT * FROM sandbox_effect WHERE idempotency_key = :key")
        .param("key", idempotencyKey)
        .query(SandboxEffects::effect)
        .optional();
  }

  public List<Effect> forOrder(String orderId) {
    return jdbc.sql("SELECT * FROM sandbox_effect WHERE order_id = :order ORDER BY created_at")
        .param("order", orderId)
        .query(SandboxEffects::effect)
        .list();
  }

  private static Effect effect(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new Effect(
        rs.getString("idempotency_key"),
        rs.getString("system"),
        rs.getString("order_id"),
        rs.getString("kind"),
        rs.getString("reference"),
        rs.getString("undoes_key"),
        rs.getString("detail"));
  }
}
