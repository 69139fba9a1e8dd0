package dev.nexus.secret;

/** How secrets and personal data are shortened before they are shown to anyone but their owner. */
public final class Masks {
    private Masks() {}

    /** {@code ya29.abc…wxyz}: enough to tell two tokens apart, not enough to use one. */
    public static String token(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        if (value.length() <= 12) {
            return "***";
        }
        return value.substring(0, 4) + "…" + value.substring(value.length() - 4);
    }

    /** {@code a***e@g***.com}: first and last letter of the local part, first letter of the domain. */
    public static String email(String email) {
        if (email == null || email.isEmpty()) {
            return "";
        }
        int at = email.indexOf('@');
        if (at <= 0) {
            return token(email);
        }
        String local = email.substring(0, at);
        String domain = email.substring(at + 1);
        String maskedLocal = local.length() == 1 ? local + "***" : local.charAt(0) + "***" + local.charAt(local.length() - 1);
        int dot = domain.lastIndexOf('.');
        String maskedDomain = domain.isEmpty() ? "***"
                : dot <= 0 ? domain.charAt(0) + "***"
                : domain.charAt(0) + "***" + domain.substring(dot);
        return maskedLocal + "@" + maskedDomain;
    }
}
