package dev.nexus.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Optional;

/**
 * One finding of {@code nexus doctor}.
 *
 * @param group {@code configuration}, {@code accounts}, {@code key proxies} or {@code surfaces}
 * @param name what was checked (an account's email, a surface's endpoint id, …)
 * @param detail what was found
 * @param hint what to do about a failure or warning
 * @param probe the self-test result behind a surface check, as {@code /api/test} shows it
 */
record DoctorCheck(String group, String name, Status status, String detail, Optional<String> hint, Optional<ObjectNode> probe) {

    enum Status {
        OK, WARN, FAIL, SKIPPED;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static DoctorCheck ok(String group, String name, String detail) {
        return new DoctorCheck(group, name, Status.OK, detail, Optional.empty(), Optional.empty());
    }

    static DoctorCheck skipped(String group, String name, String detail) {
        return new DoctorCheck(group, name, Status.SKIPPED, detail, Optional.empty(), Optional.empty());
    }

    static DoctorCheck warn(String group, String name, String detail, String hint) {
        return new DoctorCheck(group, name, Status.WARN, detail, Optional.of(hint), Optional.empty());
    }

    static DoctorCheck fail(String group, String name, String detail, String hint) {
        return new DoctorCheck(group, name, Status.FAIL, detail, Optional.of(hint), Optional.empty());
    }

    DoctorCheck withProbe(ObjectNode result) {
        return new DoctorCheck(group, name, status, detail, hint, Optional.of(result));
    }

    ObjectNode json() {
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("group", group).put("name", name)
                .put("status", status.wire()).put("detail", detail);
        node.put("hint", hint.orElse(null));
        probe.ifPresent(p -> node.set("probe", p));
        return node;
    }
}
