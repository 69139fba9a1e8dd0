import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Collects the licences and notices of the libraries bundled in nexus.jar for the distribution, run by src/dist/build.sh
 * as a single-file program ({@code java ThirdPartyNotices.java OUT_DIR LOCAL_REPO JAR...}).
 *
 * <p>Writes {@code OUT_DIR/THIRD-PARTY.txt} (one line per library: name, coordinates, licences from its POM, following
 * parent POMs when the library's own names none) and copies each jar's own licence and notice files to
 * {@code OUT_DIR/<groupId>/<artifactId>/}: the shaded jar keeps only one {@code META-INF/LICENSE} of the many, and the
 * Apache licence asks that every NOTICE travels with the code. The build's Maven has already resolved every POM read
 * here, so this never goes to the network. A library whose licence cannot be found is listed as such, not skipped.
 */
public final class ThirdPartyNotices {
    private record Library(String groupId, String artifactId, String version, String name, List<String> licenses) {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Path repository = Path.of(args[1]).toAbsolutePath().normalize();
        List<Library> libraries = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            Path jar = Path.of(args[i]).toAbsolutePath().normalize();
            if (!jar.toString().endsWith(".jar") || !jar.startsWith(repository)) {
                continue; // the project's own classes, not a library
            }
            // The repository layout is <group path>/<artifactId>/<version>/: the POM has no classifier, the jar may have one.
            Path versionDir = jar.getParent();
            Path pom = versionDir.resolve(versionDir.getParent().getFileName() + "-" + versionDir.getFileName() + ".pom");
            Library library = describe(pom, repository);
            if (!libraries.contains(library)) {
                libraries.add(library);
            }
            copyNotices(jar, out.resolve(library.groupId()).resolve(library.artifactId()));
        }
        libraries.sort(Comparator.comparing(Library::groupId).thenComparing(Library::artifactId));
        StringBuilder text = new StringBuilder("""
                OAuth-LLM-Nexus bundles these libraries in lib/nexus.jar. Their own licence and notice files, as each
                jar ships them, are in the folder <groupId>/<artifactId>/ beside this file.
                The Java runtime in runtime/ is OpenJDK (Eclipse Temurin build): its licences are in runtime/legal/.

                """);
        for (Library library : libraries) {
            text.append(String.format(Locale.ROOT, " - %s (%s:%s:%s)%n     licence: %s%n", library.name(), library.groupId(),
                    library.artifactId(), library.version(),
                    library.licenses().isEmpty() ? "not stated in its POM (see its folder)" : String.join("; ", library.licenses())));
        }
        Files.createDirectories(out);
        Files.writeString(out.resolve("THIRD-PARTY.txt"), text, StandardCharsets.UTF_8);
        System.out.println("third-party notices: " + libraries.size() + " libraries in " + out);
    }

    private static Library describe(Path pom, Path repository) throws Exception {
        Element project = parse(pom);
        String groupId = text(project, "groupId").or(() -> text(child(project, "parent"), "groupId")).orElseThrow();
        String artifactId = text(project, "artifactId").orElseThrow();
        String version = text(project, "version").or(() -> text(child(project, "parent"), "version")).orElseThrow();
        String name = text(project, "name").filter(n -> !n.contains("${")).orElse(artifactId);
        // Many libraries state their licence once, in a parent POM they share.
        List<String> licenses = licenses(project);
        Element current = project;
        for (int depth = 0; licenses.isEmpty() && depth < 10; depth++) {
            Element parent = child(current, "parent");
            if (parent == null) {
                break;
            }
            Path parentPom = repository.resolve(text(parent, "groupId").orElseThrow().replace('.', '/'))
                    .resolve(text(parent, "artifactId").orElseThrow()).resolve(text(parent, "version").orElseThrow())
                    .resolve(text(parent, "artifactId").orElseThrow() + "-" + text(parent, "version").orElseThrow() + ".pom");
            if (!Files.exists(parentPom)) {
                break;
            }
            current = parse(parentPom);
            licenses = licenses(current);
        }
        return new Library(groupId, artifactId, version, name, licenses);
    }

    private static List<String> licenses(Element project) {
        List<String> found = new ArrayList<>();
        Element licenses = child(project, "licenses");
        if (licenses == null) {
            return found;
        }
        for (Node node = licenses.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element license && license.getTagName().equals("license")) {
                String name = text(license, "name").orElse("unnamed");
                found.add(text(license, "url").map(url -> name + " <" + url + ">").orElse(name));
            }
        }
        return found;
    }

    /** Licence and notice files anywhere under META-INF (e.g. Netty's META-INF/license/*), never class files. */
    private static void copyNotices(Path jar, Path target) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : file.stream().toList()) {
                String path = entry.getName();
                String lower = path.toLowerCase(Locale.ROOT);
                String base = lower.substring(lower.lastIndexOf('/') + 1);
                boolean notice = lower.startsWith("meta-inf/") && !entry.isDirectory() && !lower.endsWith(".class")
                        && (lower.contains("license") || lower.contains("licence") || lower.contains("notice")
                        || base.startsWith("copying"));
                if (!notice) {
                    continue;
                }
                Path copy = target.resolve(path.substring("META-INF/".length())).normalize();
                if (!copy.startsWith(target)) {
                    continue; // a crafted entry name must not write outside the folder
                }
                Files.createDirectories(copy.getParent());
                try (InputStream in = file.getInputStream(entry)) {
                    Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING); // classifier jars of one library repeat it
                }
            }
        }
    }

    private static Element parse(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(pom.toFile());
        return document.getDocumentElement();
    }

    private static Element child(Element parent, String tag) {
        if (parent == null) {
            return null;
        }
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(tag)) {
                return element;
            }
        }
        return null;
    }

    private static Optional<String> text(Element parent, String tag) {
        return Optional.ofNullable(child(parent, tag)).map(e -> e.getTextContent().strip()).filter(s -> !s.isEmpty());
    }
}
