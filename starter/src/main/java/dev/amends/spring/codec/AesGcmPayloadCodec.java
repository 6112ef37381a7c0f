package dev.amends.spring.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts every payload with AES-256-GCM under the key ring's current key. The whole payload
 * (metadata included) is the plaintext, so nothing of it shows; the result says only that it is
 * encrypted and under which key id, and that id is authenticated with the ciphertext. A payload
 * without this encoding is passed through on decode: histories written before encryption still
 * replay and display.
 */
public final class AesGcmPayloadCodec implements PayloadCodec {
  public static final String ENCODING = "binary/encrypted";
  public static final String KEY_ID = "encryption-key-id";
  public static final String CIPHER = "encryption-cipher";
  static final String AES_256_GCM = "AES-256-GCM";

  private static final String METADATA_ENCODING = "encoding";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final KeyRing keys;
  private final SecureRandom random = new SecureRandom();

  public AesGcmPayloadCodec(KeyRing keys) {
    this.keys = keys;
  }

  @Override
  public List<Payload> encode(List<Payload> payloads) {
    return payloads.stream().map(this::encrypt).toList();
  }

  @Override
  public List<Payload> decode(List<Payload> payloads) {
    return payloads.stream().map(this::decrypt).toList();
  }

  /** Whether the payload carries this codec's encoding. */
  public static boolean isEncrypted(Payload payload) {
    ByteString encoding = payload.getMetadataMap().get(METADATA_ENCODING);
    return encoding != null && encoding.toStringUtf8().equals(ENCODING);
  }

  private Payload encrypt(Payload payload) {
    String keyId = keys.currentKeyId();
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] sealed;
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.currentKey(), nonce, keyId);
      sealed = cipher.doFinal(payload.toByteArray());
    } catch (GeneralSecurityException e) {
      throw new PayloadCodecException("cannot encrypt a payload with key " + keyId, e);
    }
    return Payload.newBuilder()
        .putMetadata(METADATA_ENCODING, utf8(ENCODING))
        .putMetadata(KEY_ID, utf8(keyId))
        .putMetadata(CIPHER, utf8(AES_256_GCM))
        .setData(
            ByteString.copyFrom(
                ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array()))
        .build();
  }

  private Payload decrypt(Payload payload) {
    if (!isEncrypted(payload)) {
      return payload;
    }
    ByteString id = payload.getMetadataMap().get(KEY_ID);
    if (id == null) {
      throw new PayloadCodecException("an encrypted payload names no key id");
    }
    String keyId = id.toStringUtf8();
    SecretKey key =
        keys.key(keyId)
            .orElseThrow(
                () ->
                    new PayloadCodecException(
                        "no key '" + keyId + "' in the key ring (amends.codec.keys)"));
    byte[] data = payload.getData().toByteArray();
    if (data.length < NONCE_BYTES) {
      throw new PayloadCodecException("an encrypted payload is too short to hold its nonce");
    }
    try {
      Cipher cipher =
          cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOfRange(data, 0, NONCE_BYTES), keyId);
      byte[] plain = cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES);
      return Payload.parseFrom(plain);
    } catch (GeneralSecurityException | InvalidProtocolBufferException e) {
      // Wrong key bytes under a known id, or a payload changed after it was sealed.
      throw new PayloadCodecException(
          "an encrypted payload does not authenticate under key '" + keyId + "'", e);
    }
  }

  private static Cipher cipher(int mode, SecretKey key, byte[] nonce, String keyId)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
    // The key id travels in plain metadata; binding it here means it cannot be swapped unnoticed.
    cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
    return cipher;
  }

  private static ByteString utf8(String value) {
    return ByteString.copyFromUtf8(value);
  }
}
