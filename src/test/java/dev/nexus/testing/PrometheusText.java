package dev.nexus.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4, for tests (Maven Central offers writers of the
 * format for Java, not a parser). It refuses what Prometheus would refuse and a little more: a malformed line, an
 * invalid metric or label name, a bad escape, a value that is not a float, a repeated {@code # TYPE}, a {@code # TYPE}
 * after its family's samples, a family whose samples are not together, a histogram without {@code +Inf}, {@code _sum}
 * or {@code _count}, and the same series twice.
 */
public final class PrometheusText {
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    /** One sample line. */
    public record Sample(String name, Map<String, String> labels, double value) {}

    private final List<Sample> samples;
    private final Map<String, String> types;

    private PrometheusText(List<Sample> samples, Map<String, String> types) {
        this.samples = List.copyOf(samples);
        this.types = Map.copyOf(types);
    }

    public List<Sample> samples() {
        return samples;
    }

    /** The declared type of a family ({@code # TYPE}). */
    public Optional<String> type(String family) {
        return Optional.ofNullable(types.get(family));
    }

    /** Samples named {@code name} whose labels include every given pair. */
    public List<Sample> find(String name, String... labelPairs) {
        Map<String, String> wanted = pairs(labelPairs);
        return samples.stream().filter(s -> s.name().equals(name)
                && wanted.entrySet().stream().allMatch(e -> e.getValue().equals(s.labels().get(e.getKey())))).toList();
    }

    /** The sum of the matching samples' values (0 when there are none). */
    public double sum(String name, String... labelPairs) {
        return find(name, labelPairs).stream().mapToDouble(Sample::value).sum();
    }

    /** Every label value of every sample. */
    public List<String> labelValues() {
        return samples.stream().flatMap(s -> s.labels().values().stream()).toList();
    }

    private static Map<String, String> pairs(String... labelPairs) {
        if (labelPairs.length % 2 != 0) {
            throw new IllegalArgumentException("label pairs come in twos");
        }
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) {
            map.put(labelPairs[i], labelPairs[i + 1]);
        }
        return map;
    }

    public static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        Map<String, String> types = new HashMap<>();
        Set<String> helped = new HashSet<>();
        Set<String> finishedFamilies = new HashSet<>();
        Set<String> seenSeries = new HashSet<>();
        String currentFamily = null;
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("the exposition must end with a line feed");
        }
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length - 1; n++) {
            String line = lines[n];
            String where = "line " + (n + 1) + " '" + line + "': ";
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                String[] parts = line.split(" ", 4);
                if (parts.length >= 3 && parts[1].equals("TYPE")) {
                    String family = name(parts[2], where);
                    if (parts.length != 4 || !TYPES.contains(parts[3])) {
                        throw new IllegalArgumentException(where + "a TYPE needs one of " + TYPES);
                    }
                    if (types.put(family, parts[3]) != null) {
                        throw new IllegalArgumentException(where + "second TYPE for " + family);
                    }
                    if (finishedFamilies.contains(family) || family.equals(currentFamily)) {
                        throw new IllegalArgumentException(where + "TYPE after samples of " + family);
                    }
                } else if (parts.length >= 3 && parts[1].equals("HELP")) {
                    String family = name(parts[2], where);
                    if (!helped.add(family)) {
                        throw new IllegalArgumentException(where + "second HELP for " + family);
                    }
                    if (parts.length == 4) {
                        unescapeHelp(parts[3], where);
                    }
                }
                continue;
            }
            Sample sample = sample(line, where);
            String family = familyOf(sample.name(), types);
            if (!family.equals(currentFamily)) {
                if (currentFamily != null) {
                    finishedFamilies.add(currentFamily);
                }
                if (finishedFamilies.contains(family)) {
                    throw new IllegalArgumentException(where + "samples of " + family + " are not together");
                }
                currentFamily = family;
            }
            if (!seenSeries.add(sample.name() + sample.labels())) {
                throw new IllegalArgumentException(where + "the same series twice");
            }
            samples.add(sample);
        }
        checkHistograms(samples, types);
        return new PrometheusText(samples, types);
    }

    /** The family a sample belongs to: a histogram's or summary's suffixed samples belong to the declared name. */
    private static String familyOf(String name, Map<String, String> types) {
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            if (name.endsWith(suffix)) {
                String base = name.substring(0, name.length() - suffix.length());
                String type = types.get(base);
                if ("histogram".equals(type) || "summary".equals(type) && !suffix.equals("_bucket")) {
                    return base;
                }
            }
        }
        return name;
    }

    private static void checkHistograms(List<Sample> samples, Map<String, String> types) {
        types.forEach((family, type) -> {
            if (!type.equals("histogram")) {
                return;
            }
            Map<Map<String, String>, Boolean> inf = new LinkedHashMap<>();
            for (Sample s : samples) {
                if (s.name().equals(family + "_bucket")) {
                    String le = s.labels().get("le");
                    if (le == null) {
                        throw new IllegalArgumentException(family + "_bucket without le");
                    }
                    Map<String, String> rest = new HashMap<>(s.labels());
                    rest.remove("le");
                    inf.merge(rest, le.equals("+Inf"), Boolean::logicalOr);
                }
            }
            inf.forEach((labels, hasInf) -> {
                if (!hasInf) {
                    throw new IllegalArgumentException(family + labels + " has no +Inf bucket");
                }
                for (String suffix : List.of("_sum", "_count")) {
                    if (samples.stream().noneMatch(s -> s.name().equals(family + suffix) && s.labels().equals(labels))) {
                        throw new IllegalArgumentException(family + labels + " has no " + suffix);
                    }
                }
            });
        });
    }

    private static String name(String name, String where) {
        if (!METRIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(where + "invalid metric name " + name);
        }
        return name;
    }

    private static Sample sample(String line, String where) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = name(line.substring(0, i), where);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (true) {
                if (i >= line.length()) {
                    throw new IllegalArgumentException(where + "unclosed label set");
                }
                if (line.charAt(i) == '}') {
                    i++;
                    break;
                }
                int eq = line.indexOf('=', i);
                if (eq < 0) {
                    throw new IllegalArgumentException(where + "label without '='");
                }
                String label = line.substring(i, eq);
                if (!LABEL_NAME.matcher(label).matches()) {
                    throw new IllegalArgumentException(where + "invalid label name '" + label + "'");
                }
                if (eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
                    throw new IllegalArgumentException(where + "label value not quoted");
                }
                StringBuilder value = new StringBuilder();
                int j = eq + 2;
                while (true) {
                    if (j >= line.length()) {
                        throw new IllegalArgumentException(where + "unterminated label value");
                    }
                    char c = line.charAt(j);
                    if (c == '"') {
                        break;
                    }
                    if (c == '\\') {
                        char next = j + 1 < line.length() ? line.charAt(j + 1) : ' ';
                        switch (next) {
                            case '\\' -> value.append('\\');
                            case '"' -> value.append('"');
                            case 'n' -> value.append('\n');
                            default -> throw new IllegalArgumentException(where + "bad escape in a label value");
                        }
                        j += 2;
                        continue;
                    }
                    value.append(c);
                    j++;
                }
                if (labels.put(label, value.toString()) != null) {
                    throw new IllegalArgumentException(where + "label " + label + " twice");
                }
                i = j + 1;
                if (i < line.length() && line.charAt(i) == ',') {
                    i++;
                } else if (i >= line.length() || line.charAt(i) != '}') {
                    throw new IllegalArgumentException(where + "expected ',' or '}' after a label");
                }
            }
        }
        if (i >= line.length() || line.charAt(i) != ' ') {
            throw new IllegalArgumentException(where + "expected a space before the value");
        }
        String[] rest = line.substring(i + 1).split(" ", -1);
        if (rest.length < 1 || rest.length > 2 || rest[0].isEmpty()) {
            throw new IllegalArgumentException(where + "expected a value and an optional timestamp");
        }
        double value = value(rest[0], where);
        if (rest.length == 2) {
            try {
                Long.parseLong(rest[1]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + "invalid timestamp", e);
            }
        }
        return new Sample(name, Collections.unmodifiableMap(labels), value);
    }

    private static double value(String text, String where) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                if (!text.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
                    throw new IllegalArgumentException(where + "invalid value " + text);
                }
                yield Double.parseDouble(text);
            }
        };
    }

    private static void unescapeHelp(String help, String where) {
        for (int i = 0; i < help.length(); i++) {
            if (help.charAt(i) == '\\') {
                char next = i + 1 < help.length() ? help.charAt(i + 1) : ' ';
                if (next != '\\' && next != 'n') {
                    throw new IllegalArgumentException(where + "bad escape in HELP");
                }
                i++;
            }
        }
    }
}
