package dev.nexus.gateway;

/** A route change the editor would not make; the message names the route, the problem and the fix. */
public final class RouteRefusedException extends RuntimeException {
    /** Why, with the HTTP status the admin API answers. */
    public enum Reason {
        INVALID(400),
        NOT_FOUND(404),
        DUPLICATE(409),
        NOT_ALLOWED(422);

        private final int status;

        Reason(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Reason reason;

    RouteRefusedException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
