package io.vigil.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.vigil.web.JsonSettings;

/** Label matchers as Prometheus has them: RE2 regexes, anchored, in time linear in the label's length. */
class MatcherTest {

    /** Generous: a linear-time engine answers in milliseconds; a backtracking one takes minutes or overflows. */
    private static final Duration QUICKLY = Duration.ofSeconds(5);

    private static Matcher regex(String name, String value) {
        return new Matcher(name, value, true, true);
    }

    private static Map<String, String> alertname(String value) {
        return Map.of("alertname", value);
    }

    @Test
    void aBackreferenceIsRefusedNamingTheMatcher() {
        assertThatThrownBy(() -> regex("alertname", "(.{1,2}|.)+\\1Z"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("matcher alertname=~'(.{1,2}|.)+\\1Z': backreferences are not supported (RE2 syntax)");
        assertThatThrownBy(() -> new Matcher("job", "(.)\\1", true, false))
                .hasMessage("matcher job!~'(.)\\1': backreferences are not supported (RE2 syntax)");
    }

    @Test
    void lookaroundsAreRefused() {
        for (String lookaround : new String[]{ "(?=Cpu)Cpu.*", "(?!Cpu).*", "(?<=x)y", "(?<!x)y" }) {
            assertThatThrownBy(() -> regex("alertname", lookaround))
                    .hasMessageContaining("lookarounds are not supported (RE2 syntax)");
        }
    }

    @Test
    void otherSyntaxErrorsSayWhatIsWrong() {
        assertThatThrownBy(() -> regex("alertname", "Cpu("))
                .hasMessage("matcher alertname=~'Cpu(': missing closing ) (RE2 syntax)");
        assertThatThrownBy(() -> regex("alertname", "a{1001}"))
                .hasMessage("matcher alertname=~'a{1001}': invalid repeat count `{1001}` (RE2 syntax)");
    }

    @Test
    void aRegexLongerThanTheLimitIsRefused() {
        assertThatThrownBy(() -> regex("alertname", "a".repeat(1_001)))
                .hasMessageContaining("is 1001 characters long, more than 1000");
        assertThat(regex("alertname", "a".repeat(1_000)).matches(alertname("a".repeat(1_000)))).isTrue();
    }

    @Test
    void aRegexThatExpandsIntoAHugeProgramIsRefused() {
        // 29 characters, but its nested counted repetitions compile to some 20,000 instructions, each one paid per
        // character of every label it is matched against.
        assertThatThrownBy(() -> regex("alertname", "(.{1,100}){100}Z")).hasMessageContaining("instructions");
    }

    @Test
    void anExponentialBacktrackingPatternMatchesALongLabelQuickly() {
        Matcher evil = regex("alertname", "(a|a)*b");
        assertTimeoutPreemptively(QUICKLY, () -> {
            assertThat(evil.matches(alertname("a".repeat(40) + "c"))).isFalse();
            assertThat(evil.matches(alertname("a".repeat(10_000)))).isFalse();
            assertThat(evil.matches(alertname("a".repeat(10_000) + "b"))).isTrue();
        });
    }

    @Test
    void theReportedPatternWithoutItsBackreferenceMatchesQuickly() {
        Matcher evil = regex("alertname", "(.{1,2}|.)+Z");
        assertTimeoutPreemptively(QUICKLY, () -> assertThat(evil.matches(alertname("x".repeat(10_000)))).isFalse());
    }

    @Test
    void regexesMatchTheWholeValueAsInPrometheus() {
        assertThat(regex("alertname", "Cpu.*").matches(alertname("CpuHigh"))).isTrue();
        assertThat(regex("alertname", "Cpu").matches(alertname("CpuHigh"))).isFalse();
        assertThat(regex("alertname", "High").matches(alertname("CpuHigh"))).isFalse();
        assertThat(regex("alertname", "Cpu|Disk").matches(alertname("DiskFull"))).isFalse();
        assertThat(regex("alertname", "Cpu.*|Disk.*").matches(alertname("DiskFull"))).isTrue();
        assertThat(regex("team", ".*").matches(alertname("CpuHigh"))).as("a missing label is the empty string").isTrue();
        assertThat(regex("team", ".+").matches(alertname("CpuHigh"))).isFalse();
    }

    @Test
    void negativeAndEqualityMatchers() {
        assertThat(new Matcher("alertname", "Cpu.*", true, false).matches(alertname("CpuHigh"))).isFalse();
        assertThat(new Matcher("alertname", "Cpu.*", true, false).matches(alertname("DiskFull"))).isTrue();
        assertThat(new Matcher("alertname", "Cpu.*", null, null).matches(alertname("Cpu.*"))).isTrue();
        assertThat(new Matcher("alertname", "Cpu.*", null, null).matches(alertname("CpuHigh"))).isFalse();
        assertThat(new Matcher("alertname", "CpuHigh", false, false).matches(alertname("CpuHigh"))).isFalse();
    }

    @Test
    void onlyTheMatcherAsWrittenIsStoredAsJson() throws Exception {
        ObjectMapper json = JsonSettings.apply(new ObjectMapper());
        Matcher matcher = regex("alertname", "Cpu.*");
        String written = json.writeValueAsString(matcher);
        assertThat(json.readTree(written).properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("name", "value", "is_regex", "is_equal");
        Matcher read = json.readValue(written, Matcher.class);
        assertThat(read).isEqualTo(matcher);
        assertThat(read.matches(alertname("CpuHigh"))).isTrue();
    }
}
