package org.migrex.harmonization.rules;

/**
 * SDMX FLOW of an event type: registrations of stay or residence are immigration ({@code IMM}), deregistration is
 * emigration ({@code EMI}); entries, exits, permits and citizenship grants are kept but are not flows (null).
 */
public final class FlowRule {
    private FlowRule() {
    }

    public static String flow(String eventType) {
        return switch (eventType) {
            case "STAY_REGISTRATION", "RESIDENCE_REGISTRATION" -> "IMM";
            case "DEREGISTRATION" -> "EMI";
            default -> null;
        };
    }
}
