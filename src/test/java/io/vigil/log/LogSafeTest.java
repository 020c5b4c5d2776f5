package io.vigil.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

/** Text from outside stays on one log line: whatever can start a new line, or drive a terminal, is escaped. */
class LogSafeTest {

    private static final String FORGED = "2026-12-01 12:00:00,000 ERROR [fake] injected";

    @Test
    void lineBreaksAreEscaped() {
        assertThat(LogSafe.escape("plate\r\n" + FORGED)).isEqualTo("plate\\r\\n" + FORGED);
        assertThat(LogSafe.escape("plate\n" + FORGED)).isEqualTo("plate\\n" + FORGED);
        assertThat(LogSafe.escape("plate\r" + FORGED)).isEqualTo("plate\\r" + FORGED);
    }

    @Test
    void unicodeLineAndParagraphSeparatorsAndNextLineAreEscaped() {
        assertThat(LogSafe.escape("a\u2028b\u2029c\u0085d")).isEqualTo("a\\u2028b\\u2029c\\u0085d");
    }

    @Test
    void otherControlCharactersAreEscaped() {
        assertThat(LogSafe.escape("\u0000\u0007\u0008\u000B\u000C\u001B[31mred\u007F\u009B"))
                .isEqualTo("\\u0000\\u0007\\u0008\\u000B\\u000C\\u001B[31mred\\u007F\\u009B");
    }

    @Test
    void tabsAndOrdinaryTextAreKept() {
        assertThat(LogSafe.escape("PCR\tsetup – plaque 96 ✓ C:\\runs\\n1")).isEqualTo("PCR\tsetup – plaque 96 ✓ C:\\runs\\n1");
        String plain = "host.gpu.memory.percent{gpu=\"0\"}";
        assertThat(LogSafe.escape(plain)).isSameAs(plain);
    }

    @Test
    void anyValueIsItsTextAndNullIsNull() {
        assertThat(LogSafe.escape((Object) null)).isEqualTo("null");
        assertThat(LogSafe.escape(42)).isEqualTo("42");
        assertThat(LogSafe.escape(java.util.List.of("a\nb"))).isEqualTo("[a\\nb]");
    }

    @Test
    void aThrowablePrintsWithItsMessagesOnOneLineEach() {
        IllegalStateException cause = new IllegalStateException("Value too long for column: 'x\n" + FORGED + "'");
        RuntimeException thrown = new RuntimeException("cannot store silence\r\n" + FORGED, cause);
        thrown.addSuppressed(new IllegalArgumentException("suppressed\u2028" + FORGED));

        Throwable safe = LogSafe.escape(thrown);

        assertThat(safe.toString()).isEqualTo("java.lang.RuntimeException: cannot store silence\\r\\n" + FORGED);
        assertThat(safe.getStackTrace()).isEqualTo(thrown.getStackTrace());
        assertThat(safe.getCause())
                .hasToString("java.lang.IllegalStateException: Value too long for column: 'x\\n" + FORGED + "'");
        assertThat(safe.getCause().getStackTrace()).isEqualTo(cause.getStackTrace());
        assertThat(safe.getSuppressed()).singleElement()
                .hasToString("java.lang.IllegalArgumentException: suppressed\\u2028" + FORGED);
        StringWriter printed = new StringWriter();
        safe.printStackTrace(new PrintWriter(printed));
        assertThat(printed.toString().lines()).noneMatch(line -> line.startsWith(FORGED))
                .anyMatch(line -> line.startsWith("\tat "));
    }

    @Test
    void aCauseChainThatLoopsIsRenderedOnce() {
        IllegalStateException first = new IllegalStateException("first");
        IllegalStateException second = new IllegalStateException("second", first);
        first.initCause(second);
        Throwable safe = LogSafe.escape(first);
        assertThat(safe.getCause()).hasToString("java.lang.IllegalStateException: second");
        assertThat(safe.getCause().getCause()).isNull();
        assertThat(LogSafe.escape((Throwable) null)).isNull();
    }
}
