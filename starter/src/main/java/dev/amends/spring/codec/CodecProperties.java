package dev.amends.spring.codec;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Encryption of every Temporal payload (inputs, results, signals, queries, memos and failure
 * details) with AES-256-GCM, and the codec server the Temporal UI and CLI decode through.
 *
 * @param enabled whether payloads are encrypted; when on, workers, clients and the codec server use
 *     the key ring in {@code keys}
 * @param currentKeyId the id of the key new payloads are encrypted with; it must be among {@code
 *     keys}
 * @param keys the key ring: id to base64 of 32 random bytes ({@code openssl rand -base64 32}).
 *     Every key here decrypts; keep a retired key until no history needs it. From the environment:
 *     {@code AMENDS_CODEC_KEYS_<ID>}. When empty on the in-process test server, a random key is
 *     made for the life of the process (its histories die with it)
 * @param corsOrigins the origins (the Temporal UI's) whose browsers may call the codec server
 */
@ConfigurationProperties("amends.codec")
public record CodecProperties(
    @DefaultValue("false") boolean enabled,
    String currentKeyId,
    Map<String, String> keys,
    @DefaultValue({"http://localhost:8233", "http://127.0.0.1:8233"}) List<String> corsOrigins) {

  public CodecProperties {
    keys = keys == null ? Map.of() : Map.copyOf(keys);
    corsOrigins = corsOrigins == null ? List.of() : List.copyOf(corsOrigins);
  }
}
