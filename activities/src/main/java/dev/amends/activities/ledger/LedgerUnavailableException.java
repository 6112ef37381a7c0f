package dev.amends.activities.ledger;

/** The ledger could not store an append (database down, ...): the caller retries. */
public class LedgerUnavailableException extends RuntimeException {
  public LedgerUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
