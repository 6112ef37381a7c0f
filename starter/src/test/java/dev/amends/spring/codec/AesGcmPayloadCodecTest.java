package dev.amends.spring.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.failure.ApplicationFailure;
import io.temporal.payload.codec.PayloadCodecException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AesGcmPayloadCodecTest {
  static final String K1 = Base64.getEncoder().encodeToString(bytes(32, 1));
  static final String K2 = Base64.getEncoder().encodeToString(bytes(32, 2));

  private final AesGcmPayloadCodec k1 = new AesGcmPayloadCodec(KeyRing.of("k1", Map.of("k1", K1)));

  @Test
  void givenAPayload_whenEncodedAndDecoded_itIsTheSamePayload_withNothingOfItInTheClear() {
    Payload plain = json("{\"customerEmail\":\"ana@example.com\"}");

    Payload sealed = k1.encode(List.of(plain)).get(0);

    assertThat(sealed.getData().toStringUtf8()).doesNotContain("ana@example.com");
    assertThat(sealed.getMetadataMap().toString()).doesNotContain("json/plain");
    assertThat(sealed.getMetadataOrThrow("encoding").toStringUtf8()).isEqualTo("binary/encrypted");
    assertThat(sealed.getMetadataOrThrow("encryption-key-id").toStringUtf8()).isEqualTo("k1");
    assertThat(k1.decode(List.of(sealed))).containsExactly(plain);
  }

  @Test
  void givenTheSamePayloadTwice_eachEncodingDiffers_aFreshNoncePerPayload() {
    Payload plain = json("\"same\"");

    assertThat(k1.encode(List.of(plain)).get(0)).isNotEqualTo(k1.encode(List.of(plain)).get(0));
  }

  @Test
  void givenARotatedRing_newPayloadsUseTheCurrentKey_andTheOldKeyStillDecrypts() {
    Payload old = k1.encode(List.of(json("\"before\""))).get(0);
    AesGcmPayloadCodec rotated =
        new AesGcmPayloadCodec(KeyRing.of("k2", Map.of("k1", K1, "k2", K2)));

    Payload fresh = rotated.encode(List.of(json("\"after\""))).get(0);

    assertThat(fresh.getMetadataOrThrow("encryption-key-id").toStringUtf8()).isEqualTo("k2");
    assertThat(rotated.decode(List.of(old, fresh)))
        .containsExactly(json("\"before\""), json("\"after\""));
    assertThatThrownBy(() -> k1.decode(List.of(fresh)))
        .isInstanceOf(PayloadCodecException.class)
        .hasMessageContaining("no key 'k2'");
  }

  @Test
  void givenATamperedCiphertext_decodeFails() {
    Payload sealed = k1.encode(List.of(json("\"x\""))).get(0);
    byte[] data = sealed.getData().toByteArray();
    data[data.length - 1] ^= 1;
    Payload tampered = sealed.toBuilder().setData(ByteString.copyFrom(data)).build();

    assertThatThrownBy(() -> k1.decode(List.of(tampered)))
        .isInstanceOf(PayloadCodecException.class)
        .hasMessageContaining("does not authenticate");
  }

  @Test
  void givenAKeyIdSwappedForAnother_decodeFails_theIdIsAuthenticated() {
    AesGcmPayloadCodec sameBytesTwoIds =
        new AesGcmPayloadCodec(KeyRing.of("k1", Map.of("k1", K1, "k9", K1)));
    Payload sealed = sameBytesTwoIds.encode(List.of(json("\"x\""))).get(0);
    Payload relabelled =
        sealed.toBuilder().putMetadata("encryption-key-id", ByteString.copyFromUtf8("k9")).build();

    assertThatThrownBy(() -> sameBytesTwoIds.decode(List.of(relabelled)))
        .isInstanceOf(PayloadCodecException.class);
  }

  @Test
  void givenAPayloadWrittenBeforeEncryption_decodePassesItThrough() {
    Payload plain = json("{\"old\":true}");

    assertThat(k1.decode(List.of(plain))).containsExactly(plain);
  }

  @Test
  void givenTheDataConverter_failureMessagesAreEncryptedToo() {
    CodecDataConverter converter =
        new CodecDataConverter(DefaultDataConverter.STANDARD_INSTANCE, List.of(k1), true);

    var failure =
        converter.exceptionToFailure(
            ApplicationFailure.newFailure("card tok_visa_4242 refused", "CARD_DECLINED"));

    assertThat(failure.toString()).doesNotContain("tok_visa_4242");
    assertThat(converter.failureToException(failure).getMessage()).contains("tok_visa_4242");
    assertThat(
            converter.fromPayload(
                converter.toPayload("ana@example.com").orElseThrow(), String.class, String.class))
        .isEqualTo("ana@example.com");
    assertThat(converter.toPayload("ana@example.com").orElseThrow().toString())
        .doesNotContain("ana@example.com");
  }

  @Test
  void givenABadRing_itIsRefused_namingTheFaultButNeverAKey() {
    assertThatThrownBy(() -> KeyRing.of("k1", Map.of("k1", "c2hvcnQ=")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("amends.codec.keys.k1 is 5 bytes")
        .hasMessageNotContaining("c2hvcnQ=");
    assertThatThrownBy(() -> KeyRing.of("k2", Map.of("k1", K1)))
        .hasMessageContaining("current-key-id 'k2' is not among");
    assertThatThrownBy(() -> KeyRing.of(null, Map.of("k1", K1)))
        .hasMessageContaining("current-key-id is not set");
    assertThatThrownBy(() -> KeyRing.of("k1", Map.of()))
        .hasMessageContaining("amends.codec.keys is empty");
    assertThatThrownBy(() -> KeyRing.of("k1", Map.of("k1", "not base64!")))
        .hasMessageContaining("not valid base64");
  }

  private static Payload json(String json) {
    return Payload.newBuilder()
        .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
        .setData(ByteString.copyFromUtf8(json))
        .build();
  }

  static byte[] bytes(int length, int seed) {
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) {
      b[i] = (byte) (seed * 31 + i);
    }
    return b;
  }
}
