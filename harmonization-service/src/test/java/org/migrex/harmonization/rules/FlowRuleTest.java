package org.migrex.harmonization.rules;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class FlowRuleTest {
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(nullValues = "null", textBlock = """
            STAY_REGISTRATION,      IMM
            RESIDENCE_REGISTRATION, IMM
            DEREGISTRATION,         EMI
            ENTRY,                  null
            EXIT,                   null
            RESIDENCE_PERMIT,       null
            WORK_PERMIT,            null
            CITIZENSHIP_GRANT,      null
            """)
    void registrationsAreFlowsOtherEventsAreNot(String eventType, String flow) {
        assertThat(FlowRule.flow(eventType)).isEqualTo(flow);
    }
}
