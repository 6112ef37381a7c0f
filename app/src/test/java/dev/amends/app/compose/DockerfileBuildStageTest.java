package dev.amends.app.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Replays the Dockerfile's build stage without a container engine: its COPY lines (with
 * .dockerignore applied) fill a scratch folder that stands for the image's file system, and the
 * checks ask whether the stage's Maven command could run there. A full build would take minutes, so
 * they stop at what broke before: a module the root pom lists but the stage never copied (Maven
 * then refuses the whole reactor), and a folder outside a module that a module reads its resources
 * from (Maven skips a missing one without a word, and the image lacks it).
 */
class DockerfileBuildStageTest {

  private static final Pattern PROPERTY = Pattern.compile("\\$\\{(project\\.)?basedir}");

  @TempDir static Path scratch;

  private static Path root;
  private static BuildStage stage;

  @BeforeAll
  static void replayTheBuildStage() throws IOException {
    root = repositoryRoot();
    stage = BuildStage.parse(Files.readAllLines(root.resolve("Dockerfile")));
    DockerIgnore ignore = DockerIgnore.read(root.resolve(".dockerignore"));
    for (Copy copy : stage.copies()) {
      copy.replay(root, ignore, scratch);
    }
  }

  @Test
  void givenTheBuildStage_itCopiesFromTheContextAndBuildsAProjectListWithItsDependencies() {
    assertThat(stage.copies()).as("COPY lines of the build stage").isNotEmpty();
    assertThat(stage.mavenArguments())
        .as("the build stage's mvn command builds chosen modules with what they need")
        .contains("-pl", "-am");
    assertThat(workdir().resolve("pom.xml")).as("the root pom, in WORKDIR").isRegularFile();
  }

  @Test
  void givenTheReplayedBuildStage_itHoldsEveryModuleTheRootPomLists() throws Exception {
    List<String> missing = new ArrayList<>();
    collectMissingModules(workdir(), "", missing);

    assertThat(missing)
        .as(
            "modules listed in a pom but not copied by the Dockerfile's build stage "
                + "(Maven refuses the whole reactor, -pl or not)")
        .isEmpty();
  }

  @Test
  void givenTheReplayedBuildStage_itHoldsEveryFolderAModuleReadsResourcesFromOutsideItself()
      throws Exception {
    List<String> missing = new ArrayList<>();
    for (String module : allModules(root, "")) {
      Path pom = root.resolve(module).resolve("pom.xml");
      for (String directory : texts(read(pom), "directory")) {
        String resolved = PROPERTY.matcher(directory).replaceAll(Matcher.quoteReplacement("."));
        if (resolved.contains("${") || Path.of(resolved).isAbsolute()) {
          continue;
        }
        Path inRepository = root.resolve(module).resolve(resolved).normalize();
        Path relative = root.relativize(inRepository);
        if (Files.isDirectory(inRepository) && !Files.isDirectory(workdir().resolve(relative))) {
          missing.add(relative + " (read by " + (module.isEmpty() ? "the root pom" : module) + ")");
        }
      }
    }

    assertThat(missing).as("resource folders the build stage never copied").isEmpty();
  }

  @Test
  void givenTheReplayedBuildStage_itLetsMavenResolveTheReactorOfTheBuildCommandOffline()
      throws Exception {
    List<String> command = new ArrayList<>(maven());
    command.addAll(List.of("-B", "-q", "-o"));
    String localRepository = System.getProperty("localRepository");
    if (localRepository != null && !localRepository.isBlank()) {
      command.add("-Dmaven.repo.local=" + localRepository);
    }
    command.addAll(stage.reactorArguments());
    // validate builds the reactor (every module, -pl and -am resolved) and runs the enforcer, and
    // nothing more: seconds, where the stage's package takes minutes.
    command.add("validate");
    Path log = scratch.resolve("maven.log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workdir().toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    // A run of seconds: a JVM that starts fast beats one that optimises for the long haul.
    builder.environment().put("MAVEN_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
    Process maven = builder.start();
    boolean finished = maven.waitFor(3, TimeUnit.MINUTES);
    if (!finished) {
      maven.destroyForcibly();
    }

    assertThat(finished ? maven.exitValue() : -1)
        .as(
            "%s in the replayed build stage (%s):%n%s",
            String.join(" ", command), workdir(), Files.readString(log, StandardCharsets.UTF_8))
        .isZero();
  }

  private static Path workdir() {
    return scratch.resolve(stage.workdir().substring(1));
  }

  /** The running build's Maven when surefire says where it is, else the repository's wrapper. */
  private static List<String> maven() {
    String home = System.getProperty("maven.home");
    if (home != null && Files.isExecutable(Path.of(home, "bin", "mvn"))) {
      return List.of(Path.of(home, "bin", "mvn").toString());
    }
    return List.of(root.resolve("mvnw").toString());
  }

  private static void collectMissingModules(Path dir, String prefix, List<String> missing)
      throws Exception {
    for (String module : texts(read(dir.resolve("pom.xml")), "module")) {
      Path moduleDir = dir.resolve(module).normalize();
      if (Files.isRegularFile(moduleDir.resolve("pom.xml"))) {
        collectMissingModules(moduleDir, prefix + module + "/", missing);
      } else {
        missing.add(prefix + module);
      }
    }
  }

  /** Every module of the repository's reactor, as paths from its root ("" is the root pom). */
  private static List<String> allModules(Path base, String prefix) throws Exception {
    List<String> result = new ArrayList<>(List.of(prefix));
    for (String module : texts(read(base.resolve(prefix).resolve("pom.xml")), "module")) {
      result.addAll(allModules(base, prefix + module + "/"));
    }
    return result;
  }

  private static Document read(Path pom) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
  }

  private static List<String> texts(Document pom, String tag) {
    List<String> result = new ArrayList<>();
    NodeList nodes = pom.getElementsByTagName(tag);
    for (int i = 0; i < nodes.getLength(); i++) {
      Node node = nodes.item(i);
      if (node instanceof Element element) {
        result.add(element.getTextContent().strip());
      }
    }
    return result;
  }

  /** Surefire runs in the module folder; walk up to the folder that holds the Dockerfile. */
  private static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("Dockerfile"))) {
        return dir;
      }
    }
    throw new IllegalStateException("Dockerfile not found above " + Path.of("").toAbsolutePath());
  }

  /** The stage named "build": the WORKDIR at its mvn command, its COPY lines and that command. */
  record BuildStage(String workdir, List<Copy> copies, List<String> mavenArguments) {

    static BuildStage parse(List<String> dockerfile) {
      String workdir = "/";
      String mavenWorkdir = null;
      List<Copy> copies = new ArrayList<>();
      List<String> maven = List.of();
      boolean inStage = false;
      for (String instruction : instructions(dockerfile)) {
        List<String> words = List.of(instruction.split("\\s+"));
        String keyword = words.get(0).toUpperCase();
        if (keyword.equals("FROM")) {
          inStage = words.size() >= 4 && words.get(words.size() - 1).equalsIgnoreCase("build");
          workdir = "/";
        } else if (inStage && keyword.equals("WORKDIR")) {
          workdir = Path.of(workdir).resolve(words.get(1)).normalize().toString();
        } else if (inStage && keyword.equals("COPY")) {
          copies.add(Copy.parse(words.subList(1, words.size()), workdir));
        } else if (inStage && keyword.equals("RUN") && words.contains("mvn")) {
          maven = words.subList(words.indexOf("mvn") + 1, words.size());
          mavenWorkdir = workdir;
        }
      }
      assertThat(mavenWorkdir)
          .as("the Dockerfile has a stage \"AS build\" that runs mvn")
          .isNotNull();
      return new BuildStage(mavenWorkdir, copies, maven);
    }

    /** The arguments that choose the reactor's projects; the goals and other flags are left out. */
    List<String> reactorArguments() {
      List<String> result = new ArrayList<>();
      for (int i = 0; i < mavenArguments.size(); i++) {
        String argument = mavenArguments.get(i);
        if (List.of("-pl", "--projects", "-f", "--file").contains(argument)) {
          result.add(argument);
          result.add(mavenArguments.get(++i));
        } else if (List.of("-am", "--also-make", "-amd", "--also-make-dependents")
            .contains(argument)) {
          result.add(argument);
        }
      }
      return result;
    }

    /** Instructions with their continuation lines joined; comments and blank lines dropped. */
    private static List<String> instructions(List<String> lines) {
      List<String> result = new ArrayList<>();
      StringBuilder current = new StringBuilder();
      for (String line : lines) {
        String trimmed = line.strip();
        if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.length() == 0)) {
          continue;
        }
        if (trimmed.endsWith("\\")) {
          current.append(trimmed, 0, trimmed.length() - 1).append(' ');
        } else {
          result.add(current.append(trimmed).toString().strip());
          current.setLength(0);
        }
      }
      return result;
    }
  }

  /** One COPY from the build context: sources relative to the context, an absolute destination. */
  record Copy(List<String> sources, String destination, boolean intoFolder) {

    static Copy parse(List<String> arguments, String workdir) {
      List<String> plain = arguments.stream().filter(a -> !a.startsWith("--")).toList();
      assertThat(arguments.stream().noneMatch(a -> a.startsWith("--from")))
          .as("the build stage copies from the build context only: %s", arguments)
          .isTrue();
      String destination = plain.get(plain.size() - 1);
      boolean intoFolder = destination.endsWith("/") || destination.equals(".") || plain.size() > 2;
      return new Copy(
          plain.subList(0, plain.size() - 1),
          Path.of(workdir).resolve(destination).normalize().toString(),
          intoFolder);
    }

    /** As Docker does: a folder's contents go into the destination, a file into or onto it. */
    void replay(Path context, DockerIgnore ignore, Path filesystem) throws IOException {
      Path target = filesystem.resolve(destination.substring(1));
      for (String source : sources) {
        Path from = context.resolve(source).normalize();
        assertThat(from).as("COPY source %s", source).exists();
        if (Files.isDirectory(from)) {
          copyTree(context, from, target, ignore);
        } else if (!ignore.excludes(context.relativize(from).toString())) {
          Path to = intoFolder ? target.resolve(from.getFileName().toString()) : target;
          Files.createDirectories(to.getParent());
          Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }

    private static void copyTree(Path context, Path from, Path target, DockerIgnore ignore)
        throws IOException {
      Files.walkFileTree(
          from,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
              // .git and target folders are large; with no "!" line nothing under them returns.
              return !dir.equals(from) && ignore.prunes(context.relativize(dir).toString())
                  ? FileVisitResult.SKIP_SUBTREE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                throws IOException {
              if (!ignore.excludes(context.relativize(file).toString())) {
                Path to = target.resolve(from.relativize(file).toString());
                Files.createDirectories(to.getParent());
                Files.copy(file, to, StandardCopyOption.REPLACE_EXISTING);
              }
              return FileVisitResult.CONTINUE;
            }
          });
    }
  }

  /**
   * .dockerignore as Docker reads it, for the patterns this repository uses: glob lines relative to
   * the context (a leading "**&#47;" also matches at the top), a path excluded with its parent, a
   * line starting with "!" taking a path back, the last matching line winning.
   */
  record DockerIgnore(List<String> patterns) {

    static DockerIgnore read(Path file) throws IOException {
      if (!Files.exists(file)) {
        return new DockerIgnore(List.of());
      }
      List<String> patterns = new ArrayList<>();
      for (String line : Files.readAllLines(file)) {
        String trimmed = line.strip();
        if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
          patterns.add(trimmed);
        }
      }
      return new DockerIgnore(patterns);
    }

    boolean prunes(String relativeFolder) {
      return excludes(relativeFolder) && patterns.stream().noneMatch(p -> p.startsWith("!"));
    }

    boolean excludes(String relativePath) {
      boolean excluded = false;
      for (String pattern : patterns) {
        boolean exception = pattern.startsWith("!");
        String glob = (exception ? pattern.substring(1) : pattern).replaceFirst("^\\.?/", "");
        if (glob.endsWith("/")) {
          glob = glob.substring(0, glob.length() - 1);
        }
        if (matchesItselfOrAParent(glob, relativePath)) {
          excluded = !exception;
        }
      }
      return excluded;
    }

    private static boolean matchesItselfOrAParent(String glob, String relativePath) {
      List<PathMatcher> matchers = new ArrayList<>();
      matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
      if (glob.startsWith("**/")) {
        matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob.substring(3)));
      }
      for (Path p = Path.of(relativePath); p != null; p = p.getParent()) {
        for (PathMatcher matcher : matchers) {
          if (matcher.matches(p)) {
            return true;
          }
        }
      }
      return false;
    }
  }
}
