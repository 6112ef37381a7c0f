package dev.amends.activities.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An anchor log in a file, one line per entry: {@code <seq> <sha-256 hex>}. The file is only ever
 * appended to and forced to disk, so it can live on storage that allows nothing else (a file with
 * Linux's append-only attribute, {@code chattr +a}, or a mount owned by another user that the
 * process may only append to).
 *
 * <p>A line that does not parse, or a sequence that does not rise, makes the log unreadable rather
 * than silently shorter: a log that was tampered with must not pass for a short one.
 */
public final class FileAnchorLog implements AnchorLog {
  private static final Pattern LINE = Pattern.compile("(\\d+) ([0-9a-f]{64})");

  private final Path file;

  public FileAnchorLog(Path file) {
    this.file = file;
  }

  public Path file() {
    return file;
  }

  @Override
  public synchronized List<LedgerAnchor> anchors() {
    if (!Files.exists(file)) {
      return List.of();
    }
    List<LedgerAnchor> anchors = new ArrayList<>();
    long last = 0;
    int lineNumber = 0;
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
        lineNumber++;
        if (line.isEmpty()) {
          continue;
        }
        Matcher m = LINE.matcher(line);
        if (!m.matches()) {
          throw new IllegalStateException(
              "anchor log " + file + ", line " + lineNumber + ": not '<seq> <sha-256 hex>'");
        }
        long seq = Long.parseLong(m.group(1));
        if (seq <= last) {
          throw new IllegalStateException(
              "anchor log " + file + ", line " + lineNumber + ": entry " + seq + " after " + last);
        }
        last = seq;
        anchors.add(new LedgerAnchor(seq, m.group(2)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the anchor log " + file, e);
    }
    return anchors;
  }

  @Override
  public synchronized long lastPublishedSeq() {
    List<LedgerAnchor> anchors = anchors();
    return anchors.isEmpty() ? 0 : anchors.get(anchors.size() - 1).seq();
  }

  @Override
  public synchronized void publish(List<LedgerAnchor> anchors) {
    long last = lastPublishedSeq();
    StringBuilder lines = new StringBuilder();
    for (LedgerAnchor anchor : anchors) {
      if (anchor.seq() <= last) {
        continue;
      }
      if (!anchor.hash().matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException("entry " + anchor.seq() + ": not a sha-256 hex hash");
      }
      lines.append(anchor.seq()).append(' ').append(anchor.hash()).append('\n');
      last = anchor.seq();
    }
    if (lines.isEmpty()) {
      return;
    }
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (FileChannel channel =
          FileChannel.open(
              file,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.APPEND)) {
        channel.write(
            java.nio.ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.US_ASCII)));
        channel.force(true);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to the anchor log " + file, e);
    }
  }
}
