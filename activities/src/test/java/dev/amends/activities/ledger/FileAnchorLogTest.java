package dev.amends.activities.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileAnchorLogTest {
  private static final String A = "a".repeat(64);
  private static final String B = "b".repeat(64);
  private static final String C = "c".repeat(64);

  @TempDir Path dir;

  @Test
  void aLogNotYetWrittenHoldsNoAnchors() {
    FileAnchorLog log = new FileAnchorLog(dir.resolve("none/anchors.log"));
    assertThat(log.anchors()).isEmpty();
    assertThat(log.lastPublishedSeq()).isZero();
  }

  @Test
  void publishedAnchorsAreAppendedInOrder_andARepeatedPublicationWritesNothingTwice()
      throws IOException {
    Path file = dir.resolve("sub/anchors.log");
    FileAnchorLog log = new FileAnchorLog(file);
    log.publish(List.of(new LedgerAnchor(1, A), new LedgerAnchor(2, B)));
    log.publish(List.of(new LedgerAnchor(2, B), new LedgerAnchor(3, C)));

    assertThat(Files.readAllLines(file)).containsExactly("1 " + A, "2 " + B, "3 " + C);
    assertThat(new FileAnchorLog(file).anchors())
        .containsExactly(new LedgerAnchor(1, A), new LedgerAnchor(2, B), new LedgerAnchor(3, C));
    assertThat(log.lastPublishedSeq()).isEqualTo(3);
  }

  @Test
  void aLogEditedOutOfOrderOrWithAnAlteredLineIsRefused_notReadAsShorter() throws IOException {
    Path reordered = dir.resolve("reordered.log");
    Files.writeString(reordered, "2 " + B + "\n1 " + A + "\n");
    assertThatThrownBy(() -> new FileAnchorLog(reordered).anchors())
        .hasMessageContaining("line 2")
        .hasMessageContaining("entry 1 after 2");

    Path altered = dir.resolve("altered.log");
    Files.writeString(altered, "1 " + A + "\n2 not-a-hash\n");
    assertThatThrownBy(() -> new FileAnchorLog(altered).anchors()).hasMessageContaining("line 2");
  }

  @Test
  void anAnchorThatIsNotAHashIsNotPublished() {
    FileAnchorLog log = new FileAnchorLog(dir.resolve("anchors.log"));
    assertThatThrownBy(() -> log.publish(List.of(new LedgerAnchor(1, "x\n2 " + A))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(log.anchors()).isEmpty();
  }
}
