package org.migrex.harmonization.rules;

/**
 * SDMX FLOW direction of an event type: registrations of stay or residence are immigration ({@code IMM}),
 * deregistration is emigration ({@code EMI}); entries, exits, permits and citizenship grants are kept but have no
 * direction (null). The direction is given whatever the event's scope; whether it counts in MIGR_FLOW is
 * {@link ScopeRule}'s verdict, so that out-of-scope registrations can still be counted by direction in MIGR_QUALITY.
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
