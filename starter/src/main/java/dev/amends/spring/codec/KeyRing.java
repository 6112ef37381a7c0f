package dev.amends.spring.codec;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 keys payloads are encrypted with, by id: new payloads use the current key; every key
 * in the ring still decrypts what it encrypted, so a key is rotated by adding a new current key and
 * retired only once no history still needs it (docs/operations.md, "Keys and the codec server").
 */
public final class KeyRing {
  static final int KEY_BYTES = 32;
  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final String currentKeyId;
  private final Map<String, SecretKey> keys;

  private KeyRing(String currentKeyId, Map<String, SecretKey> keys) {
    this.currentKeyId = currentKeyId;
    this.keys = Map.copyOf(keys);
  }

  /**
   * A ring from configuration: each key base64 of exactly 32 bytes, the current id among them.
   *
   * @throws IllegalArgumentException naming the id at fault, never a key's value
   */
  public static KeyRing of(String currentKeyId, Map<String, String> base64Keys) {
    if (base64Keys == null || base64Keys.isEmpty()) {
      throw new IllegalArgumentException(
          "amends.codec.keys is empty: give at least one key, base64 of 32 random bytes");
    }
    Map<String, SecretKey> keys = new LinkedHashMap<>();
    base64Keys.forEach((id, value) -> keys.put(checkedId(id), key(id, value)));
    if (currentKeyId == null || currentKeyId.isBlank()) {
      throw new IllegalArgumentException(
          "amends.codec.current-key-id is not set: name the key new payloads are encrypted with");
    }
    if (!keys.containsKey(currentKeyId)) {
      throw new IllegalArgumentException(
          "amends.codec.current-key-id '"
              + currentKeyId
              + "' is not among amends.codec.keys "
              + keys.keySet());
    }
    return new KeyRing(currentKeyId, keys);
  }

  /**
   * A ring of one random key that lives as long as this process: for an in-memory Temporal server,
   * whose histories die with the process too.
   */
  public static KeyRing ephemeral() {
    byte[] key = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(key);
    return new KeyRing("ephemeral", Map.of("ephemeral", new SecretKeySpec(key, "AES")));
  }

  public String currentKeyId() {
    return currentKeyId;
  }

  SecretKey currentKey() {
    return keys.get(currentKeyId);
  }

  Optional<SecretKey> key(String id) {
    return Optional.ofNullable(keys.get(id));
  }

  public Set<String> keyIds() {
    return keys.keySet();
  }

  private static String checkedId(String id) {
    if (id == null || !KEY_ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "amends.codec.keys: key id '" + id + "' must be 1-64 letters, digits, '.', '_' or '-'");
    }
    return id;
  }

  private static SecretKey key(String id, String base64) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64 == null ? "" : base64.strip());
    } catch (IllegalArgumentException notBase64) {
      throw new IllegalArgumentException("amends.codec.keys." + id + " is not valid base64");
    }
    if (bytes.length != KEY_BYTES) {
      throw new IllegalArgumentException(
          "amends.codec.keys."
              + id
              + " is "
              + bytes.length
              + " bytes; AES-256 needs "
              + KEY_BYTES
              + " (e.g. openssl rand -base64 32)");
    }
    return new SecretKeySpec(bytes, "AES");
  }
}
