package dev.amends.spring.api;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.ConnectException;
import java.sql.SQLTransientException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;

/** Tells a part that is away (Temporal, the database) from a request that went wrong. */
final class Outages {
  private Outages() {}

  /** The part that is away, or null when {@code failure} is not an outage. */
  static String partAway(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof StatusRuntimeException grpc) {
        Status.Code code = grpc.getStatus().getCode();
        if (code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED) {
          return "the workflow service";
        }
      }
      if (t instanceof DataAccessResourceFailureException
          || t instanceof TransientDataAccessException
          || t instanceof SQLTransientException) {
        return "the database";
      }
      if (t instanceof ConnectException) {
        return "a service amends depends on";
      }
    }
    return null;
  }
}
