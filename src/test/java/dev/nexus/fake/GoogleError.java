package dev.nexus.fake;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A google.rpc.Status error before rendering. Details that depend on the request (the model name, the
 * reset timestamp) are kept symbolic and filled in by {@link GoogleErrors#render}.
 *
 * @param arrayWrapped render as {@code [{"error":…}]}, the shape streaming endpoints sometimes use
 */
record GoogleError(int httpStatus, String status, String message, List<Detail> details, boolean arrayWrapped) {

    sealed interface Detail {
        /** A plain {@code google.rpc.ErrorInfo}. */
        record ErrorInfo(String reason, String domain, Map<String, String> metadata) implements Detail {}

        /** An ErrorInfo on the Cloud Code domain carrying the model and when its quota resets. */
        record QuotaReset(String reason, Duration delay) implements Detail {}

        record RetryInfo(Duration delay) implements Detail {}

        record Help(String description, String url) implements Detail {}

        /** A {@code google.rpc.BadRequest} with one field violation. */
        record BadRequest(String description) implements Detail {}

        /** A {@code google.rpc.QuotaFailure} with one violation whose dimensions name the model. */
        record QuotaFailure(String quotaMetric, String quotaId, String quotaValue) implements Detail {}

        /** A {@code google.rpc.LocalizedMessage} in en-US. */
        record LocalizedMessage(String message) implements Detail {}
    }

    GoogleError {
        details = List.copyOf(details);
    }

    GoogleError withArrayWrapped() {
        return new GoogleError(httpStatus, status, message, details, true);
    }

    GoogleError withoutArrayWrap() {
        return new GoogleError(httpStatus, status, message, details, false);
    }

    GoogleError withDetail(Detail detail) {
        List<Detail> more = new java.util.ArrayList<>(details);
        more.add(detail);
        return new GoogleError(httpStatus, status, message, more, arrayWrapped);
    }
}
