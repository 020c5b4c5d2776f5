package io.vigil.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MethodNameTest {

    @Test
    void aPathAndTheNameHxRunRecordsAreTheSameMethod() {
        assertThat(MethodName.of("C:\\Program Files\\HAMILTON\\Methods\\PCR_Setup.med")).isEqualTo("PCR_Setup");
        assertThat(MethodName.same("C:\\Methods\\PCR_Setup.med", "PCR_Setup")).isTrue();
        assertThat(MethodName.same("/lab/methods/pcr_setup.hsl", "C:\\Methods\\PCR_SETUP.med")).isTrue();
        assertThat(MethodName.same("Plate_Wash_96", "Plate_Wash_96")).isTrue();
    }

    @Test
    void anotherMethodOrNothingIsNotTheSame() {
        assertThat(MethodName.same("C:\\Methods\\PCR_Setup.med", "DNA_Extraction")).isFalse();
        assertThat(MethodName.same("C:\\Methods\\PCR_Setup.med", "PCR_Setup_384")).isFalse();
        assertThat(MethodName.same("", "")).isFalse();
        assertThat(MethodName.same(null, "PCR_Setup")).isFalse();
    }
}
