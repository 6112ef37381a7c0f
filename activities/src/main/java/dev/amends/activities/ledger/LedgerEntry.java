package dev.amends.activities.ledger;

import java.time.Instant;

/**
 * One entry of the effect ledger, as stored: its draft's fields plus its sequence number, the time
 * it was appended, and its link in the hash chain.
 *
 * @param recordedAt truncated to microseconds, the precision both databases keep
 * @param prevHash the hash of entry {@code seq - 1}, or {@link ChainHash#GENESIS} for the first
 * @param hash {@link ChainHash#of(LedgerEntry)}: SHA-256 over the canonical encoding plus prevHash
 */
public record LedgerEntry(
    long seq,
    String sagaId,
    String step,
    EntryKind kind,
    EntryPhase phase,
    Long correctsSeq,
    String externalSystem,
    String externalRef,
    long amountMinor,
    String currency,
    String callKey,
    String idempotencyKey,
    Instant recordedAt,
    String note,
    String prevHash,
    String hash) {

  static LedgerEntry chained(long seq, EntryDraft d, Instant recordedAt, String prevHash) {
    LedgerEntry unhashed =
        new LedgerEntry(
            seq,
            d.sagaId(),
            d.step(),
            d.kind(),
            d.phase(),
            d.correctsSeq(),
            d.externalSystem(),
            d.externalRef(),
            d.amountMinor(),
            d.currency(),
            d.callKey(),
            d.idempotencyKey(),
            recordedAt,
            d.note(),
            prevHash,
            null);
    return unhashed.withHash(ChainHash.of(unhashed));
  }

  LedgerEntry withHash(String computed) {
    return new LedgerEntry(
        seq,
        sagaId,
        step,
        kind,
        phase,
        correctsSeq,
        externalSystem,
        externalRef,
        amountMinor,
        currency,
        callKey,
        idempotencyKey,
        recordedAt,
        note,
        prevHash,
        computed);
  }

  /** Whether this entry records that the effect happened in the external system. */
  public boolean effectHappened() {
    return kind == EntryKind.EFFECT
        && (phase == EntryPhase.CONFIRMED || phase == EntryPhase.OBSERVED);
  }
}
